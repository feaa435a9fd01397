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
    """One run of the module against Magento: lookups, validation, reads, plan."""

    def __init__(self, client, state, links, page_size):
        self.client = client
        self.state = state
        self.page_size = page_size
        entries = link_plan.normalize_links(links, state)
        stocks = client.search("inventory/stocks", page_size=page_size)
        self.stock_names = dict((int(s["stock_id"]), s.get("name")) for s in stocks)
        codes = link_plan.source_codes_to_check(entries) if state != "gathered" else []
        known_codes = _read_known_source_codes(client, codes, page_size) if codes else set()
        self.desired = link_plan.resolve_links(entries, state, stocks=stocks, known_source_codes=known_codes)
        self.scope = link_plan.scope_stock_ids(state, self.desired)
        self.before = read_links(client, self.scope, page_size)
        self.plan = None
        self.after = self.before
        if state in link_plan.WRITING_STATES:
            self.plan = link_plan.plan_links(state, self.desired, self.before)
            self.after = link_plan.predict_after(self.before, self.plan)

    @property
    def changed(self):
        return self.plan is not None and link_plan.plan_changed(self.plan)

    def result(self, want_diff):
        if self.state == "gathered":
            return {"changed": False, "gathered": self.before}
        result = {"changed": self.changed, "before": self.before, "after": self.after, "plan": self.plan}
        if want_diff:
            shown = self.scope if self.scope is not None else sorted(self.stock_names)
            result["diff"] = {
                "before": link_plan.diff_text(self.before, shown, self.stock_names),
                "after": link_plan.diff_text(self.after, shown, self.stock_names),
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
