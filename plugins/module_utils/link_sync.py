# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reads and writes for stock-source links: feeds link_plan with Magento's state, sends the plan."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.commerceops.magento.plugins.module_utils import link_plan
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import stored_spellings
from ansible_collections.commerceops.magento.plugins.module_utils.source_sync import read_sources
from ansible_collections.commerceops.magento.plugins.module_utils.stock_sync import STOCKS_PATH

LINKS_PATH = "inventory/stock-source-links"
DELETE_PATH = "inventory/stock-source-links-delete"


def read_links(client, stock_ids):
    """Links of the given stocks (None: all), filtered server-side when there is a filter to send."""
    if stock_ids is None:
        links = client.search(LINKS_PATH)
    elif not stock_ids:
        return []
    else:
        links = client.search(LINKS_PATH, [[("stock_id", list(stock_ids), "in")]])
    return link_plan.links_in_scope(links, stock_ids)


class LinkRun(object):
    """One run of the module against Magento: links first, then only the lookups they leave open.

    Magento keeps a link only while its stock and its source exist, so the links read prove most
    stocks and sources of a rerun; the stocks are read when a name is used or an id holds no link,
    the sources only for codes no link read holds. Validation stays complete and precedes any write.
    """

    def __init__(self, client, state, links):
        self.client = client
        self.state = state
        self._stocks = None
        self.scope = None
        self.before = None
        self.warnings = []
        self.desired = self._read_and_resolve(links)

    def _read_and_resolve(self, links):
        """Reads the links in scope (self.before) and what they leave unproven; returns the desired links.

        The normalised entries live only here, so planning does not hold them as well.
        """
        entries = link_plan.normalize_links(links, self.state)
        if link_plan.uses_stock_names(entries):
            self._read_stocks()
        self.scope = link_plan.scope_stock_ids(self.state, entries, self._stocks)
        self.before = read_links(self.client, self.scope)
        linked_stock_ids = set(link["stock_id"] for link in self.before)
        if self._stocks is None and any(entry.stock_id not in linked_stock_ids for entry in entries):
            self._read_stocks()
        missing_codes = set()
        if self.state != "gathered":
            stored = [link["source_code"] for link in self.before]
            unlinked = link_plan.unlinked_source_codes(entries, self.before)
            if unlinked:
                stored.extend(source["source_code"] for source in read_sources(self.client, unlinked))
            entries, self.warnings = link_plan.respell(entries, stored_spellings(stored))
            missing_codes = link_plan.unlinked_source_codes(entries, [dict(source_code=code) for code in stored])
        return link_plan.resolve_links(entries, self.state, stocks=self._stocks, known_stock_ids=linked_stock_ids,
                                       missing_source_codes=missing_codes)

    def _read_stocks(self):
        self._stocks = self.client.search(STOCKS_PATH)

    def _stock_names(self):
        """Stock names by id, for the diff; read only when no lookup has read them yet."""
        if self._stocks is None:
            self._read_stocks()
        return dict((int(stock["stock_id"]), stock.get("name")) for stock in self._stocks)

    def _diff_text(self, links):
        stock_names = self._stock_names()
        shown = self.scope if self.scope is not None else sorted(stock_names)
        return link_plan.diff_text(links, shown, stock_names)

    def plan(self):
        return link_plan.plan_links(self.state, self.desired, self.before, render=self._diff_text,
                                    warnings=self.warnings)


def apply(client, plan):
    """Send the plan's saves, then its deletes, in the client's batches; the predicted after stands."""
    saves, deletes = link_plan.writes(plan)
    client.post_groups("links", (LINKS_PATH, saves), (DELETE_PATH, deletes))
