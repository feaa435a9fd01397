# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reads and writes for stock-source links: feeds link_plan with Magento's state, sends the plan."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.commerceops.magento.plugins.module_utils import link_plan
from ansible_collections.commerceops.magento.plugins.module_utils.client_errors import MagentoApiError

LINKS_PATH = "inventory/stock-source-links"


def _read_known_source_codes(client, codes, page_size):
    # The client filters locally when a code holds a comma or the URL would grow past 8 KB.
    sources = client.search("inventory/sources", [[("source_code", list(codes), "in")]], page_size=page_size)
    return set(source["source_code"] for source in sources)


def read_links(client, stock_ids, page_size):
    """Links of the given stocks (None: all), filtered server-side when there is a filter to send."""
    if stock_ids is None:
        links = client.search(LINKS_PATH, page_size=page_size)
    elif not stock_ids:
        return []
    else:
        links = client.search(LINKS_PATH, [[("stock_id", list(stock_ids), "in")]],
                              page_size=page_size)
    return link_plan.links_in_scope(links, stock_ids)


class LinkRun(object):
    """One run of the module against Magento: links first, then only the lookups they leave open.

    Magento keeps a link only while its stock and its source exist, so the links read prove most
    stocks and sources of a rerun; the stocks are read when a name is used or an id holds no link,
    the sources only for codes no link read holds. Validation stays complete and precedes any write.
    """

    def __init__(self, client, state, links, page_size):
        self.client = client
        self.state = state
        self.page_size = page_size
        self._stocks = None
        self.scope = None
        self.before = None
        self.desired = self._read_and_resolve(links)
        self.plan = None
        self.after = self.before
        if state in link_plan.WRITING_STATES:
            self.plan = link_plan.plan_links(state, self.desired, self.before)
            self.after = link_plan.predict_after(self.before, self.plan)

    def _read_and_resolve(self, links):
        """Reads the links in scope (self.before) and what they leave unproven; returns the desired links.

        The normalised entries live only here, so planning does not hold them as well.
        """
        entries = link_plan.normalize_links(links, self.state)
        if link_plan.uses_stock_names(entries):
            self._read_stocks()
        self.scope = link_plan.scope_stock_ids(self.state, entries, self._stocks)
        self.before = read_links(self.client, self.scope, self.page_size)
        linked_stock_ids = set(link["stock_id"] for link in self.before)
        if self._stocks is None and any(entry.stock_id not in linked_stock_ids for entry in entries):
            self._read_stocks()
        missing_codes = set()
        if self.state != "gathered":
            missing_codes = link_plan.unlinked_source_codes(entries, self.before)
            if missing_codes:
                missing_codes -= _read_known_source_codes(self.client, sorted(missing_codes), self.page_size)
        return link_plan.resolve_links(entries, self.state, stocks=self._stocks, known_stock_ids=linked_stock_ids,
                                       missing_source_codes=missing_codes)

    def _read_stocks(self):
        self._stocks = self.client.search("inventory/stocks", page_size=self.page_size)

    @property
    def stock_names(self):
        """Stock names by id, for the diff; read only when no lookup has read them yet."""
        if self._stocks is None:
            self._read_stocks()
        return dict((int(stock["stock_id"]), stock.get("name")) for stock in self._stocks)

    @property
    def changed(self):
        return self.plan is not None and link_plan.plan_changed(self.plan)

    def result(self, want_diff):
        if self.state == "gathered":
            return {"changed": False, "gathered": self.before}
        result = {"changed": self.changed, "before": self.before, "after": self.after, "plan": self.plan}
        if want_diff:
            stock_names = self.stock_names
            shown = self.scope if self.scope is not None else sorted(stock_names)
            result["diff"] = {
                "before": link_plan.diff_text(self.before, shown, stock_names),
                "after": link_plan.diff_text(self.after, shown, stock_names),
            }
        return result

    def apply(self, batch_size):
        """Send the plan through the client's batching; returns how many write requests Magento accepted.

        On failure the MagentoApiError's requests_accepted counts the accepted requests of the whole run,
        not only those of the path that failed.
        """
        accepted = 0
        for path, key, items in link_plan.write_groups(self.plan):
            try:
                accepted += len(self.client.post_batches(path, key, items, batch_size))
            except MagentoApiError as error:
                error.requests_accepted += accepted
                raise
        return accepted
