# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reads and writes for source items: feeds source_item_plan with Magento's items, sends its plan.

Reads scale with what the run asks about, not with the catalog (see read_items): the items of the
listed SKUs in chunks that keep every URL short, or whole sources when that takes fewer requests.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from urllib.parse import quote, urlencode

from ansible_collections.commerceops.magento.plugins.module_utils import bulk_writes, source_item_plan
from ansible_collections.commerceops.magento.plugins.module_utils.client import MAX_URL_LENGTH
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import stored_spellings
from ansible_collections.commerceops.magento.plugins.module_utils.search_criteria import (
    criteria_params,
    normalise_filter_groups,
)
from ansible_collections.commerceops.magento.plugins.module_utils.source_sync import read_sources

ITEMS_PATH = "inventory/source-items"
DELETE_PATH = "inventory/source-items-delete"

# What the part of a URL before the query may take: scheme, host, /rest/<store>/V1/inventory/source-items?.
# The rest of MAX_URL_LENGTH (the client's limit, past which it reads everything and filters locally) is
# the query's; chunks of SKUs are cut to fit it.
URL_ROOT_ALLOWANCE = 1024
# The widest page number a search could ask for, as the client measures its URLs.
_WIDEST_PAGE = 10 ** 9


def _query_length(params):
    # As the client encodes it: %20, never '+', and nothing left unescaped.
    return len(urlencode(params, quote_via=quote, safe=""))


def _comma_filter_cost():
    """Characters an 'eq' filter of its own adds (Magento splits 'in' values on commas, see search_criteria)."""
    name = "searchCriteria[filter_groups][0][filters][%d]" % _WIDEST_PAGE
    return 1 + _query_length([(name + "[field]", "sku"), (name + "[value]", ""), (name + "[condition_type]", "eq")])


_COMMA_FILTER_COST = _comma_filter_cost()


def sku_cost(sku):
    """Characters one SKU adds to the query of an 'sku in (...)' search."""
    encoded = len(quote(sku, safe=""))
    return encoded + (_COMMA_FILTER_COST if "," in sku else len(quote(",", safe="")))


def _sku_filter(skus, source_codes):
    """sku in (skus), and source_code in (source_codes) unless source_codes is None."""
    groups = [[("sku", list(skus), "in")]]
    if source_codes is not None:
        groups.append([("source_code", list(source_codes), "in")])
    return groups


def query_budget(source_codes, page_size):
    """Characters left for the SKUs in the query of a SKU search at these sources (None: every source)."""
    base = criteria_params(normalise_filter_groups(_sku_filter([""], source_codes)), [], page_size, _WIDEST_PAGE)
    return MAX_URL_LENGTH - URL_ROOT_ALLOWANCE - _query_length(base)


def chunk_skus(skus, budget):
    """The SKUs in order, cut into lists whose query text fits budget characters; O(n).

    A SKU too long for any chunk gets one of its own (the client then filters that search locally).
    """
    chunks, chunk, used = [], [], 0
    for sku in skus:
        cost = sku_cost(sku)
        if chunk and used + cost > budget:
            chunks.append(chunk)
            chunk, used = [], 0
        chunk.append(sku)
        used += cost
    if chunk:
        chunks.append(chunk)
    return chunks


def _source_filter(source_codes):
    """source_code in (source_codes); no filter (every item) for None."""
    return None if source_codes is None else [[("source_code", list(source_codes), "in")]]


def _searcher(client, filter_groups):
    return lambda: client.search(ITEMS_PATH, filter_groups)


def _starter(client, source_code):
    return lambda: client.start_search(ITEMS_PATH, _source_filter(None if source_code is None else [source_code]))


def read_items(client, scope):
    """The items of a source_item_plan.ReadScope, read with as few requests as the read plan finds.

    Whole sources of the scope are read page by page. The SKUs of each other source are cut into chunks
    that keep the URL under the client's limit. Where a source's SKUs need several chunks
    (source_item_plan.worth_counting), the first page of the whole source is read, which gives its
    total_count, and the rest of it follows when that costs no more requests than its chunks
    (source_item_plan.choose_reads); so a source read whole costs no request more than its pages. The
    remaining SKUs are read together, chunk by chunk, filtered to the remaining sources. First pages,
    then the other reads, run parallel_reads at a time. Returns the items the scope asks about.
    """
    if scope.is_empty():
        return []
    page_size = client.page_size
    sku_scopes = dict((code, skus) for code, skus in scope.skus_by_source.items() if skus)
    chunk_counts = dict(
        (code, len(chunk_skus(skus, query_budget(None if code is None else [code], page_size))))
        for code, skus in sku_scopes.items())
    counted = sorted((code for code in sku_scopes if source_item_plan.worth_counting(chunk_counts[code])),
                     key=lambda code: (code is not None, code))
    started = dict(zip(counted, client.read_at_once([_starter(client, code) for code in counted])))
    totals = dict((code, search.total) for code, search in started.items())
    sizes = dict((code, source_item_plan.ReadSize(scope.expected.get(code, len(skus)), chunk_counts[code],
                                                  totals.get(code)))
                 for code, skus in sku_scopes.items())
    whole = source_item_plan.choose_reads(sizes, page_size)

    searches = []
    if scope.whole_sources:
        searches.append(_searcher(client, _source_filter(scope.whole_sources)))
    searches.extend(started[code].items for code in whole)
    remaining = [code for code in sku_scopes if code not in whole]
    if remaining:
        sources = None if None in remaining else sorted(remaining)
        skus = sorted(set(sku for code in remaining for sku in sku_scopes[code]))
        for chunk in chunk_skus(skus, query_budget(sources, page_size)):
            searches.append(_searcher(client, _sku_filter(chunk, sources)))
    found = []
    for items in client.read_at_once(searches):
        found.extend(item for item in items if scope.contains(item["sku"], item["source_code"]))
    return found


def _respelled(client, state, desired, sources):
    """The items and sources in Magento's spelling, and the warnings; every source must exist."""
    codes = set(item["source_code"] for item in desired) | set(sources or ())
    if state == "gathered" or not codes:
        return desired, sources, []
    stored = stored_spellings(source["source_code"] for source in read_sources(client, codes))
    return source_item_plan.respell_sources(desired, stored, sources)


def plan(client, state, desired, sources=None):
    """Check that every source exists (in Magento's spelling), read the items in scope, and plan.

    ``state`` is canonical, ``desired`` and ``sources`` come from source_item_plan.normalize_input.
    """
    desired, sources, warnings = _respelled(client, state, desired, sources)
    current = read_items(client, source_item_plan.read_scope(state, desired, sources))
    return source_item_plan.plan_source_items(state, desired, _drained(current), warnings, sources=sources)


def _drained(items):
    """The items in order, each let go of by the list as it is taken: Magento's items as read are not kept
    alongside the planner's copies (100,000 of each at catalog scale)."""
    items.reverse()
    while items:
        yield items.pop()


def gather(client, desired, sources=None):
    """state=gathered: the items of the listed SKUs and/or sources, sorted by source then SKU."""
    scope = source_item_plan.read_scope("gathered", desired, sources)
    return source_item_plan.gathered_items(read_items(client, scope), scope)


def apply(client, plan):
    """Send the saves, then the deletes, in the client's batches; the predicted after stands."""
    saves, deletes = source_item_plan.writes(plan)
    client.post_groups("sourceItems", (ITEMS_PATH, saves), (DELETE_PATH, deletes))


def write_groups(plan):
    """[(action, path, items)]: the saves, then the deletes, as bulk_writes.apply sends them."""
    saves, deletes = source_item_plan.writes(plan)
    return [("save", ITEMS_PATH, saves), ("delete", DELETE_PATH, deletes)]


def apply_in_bulk(client, plan, wait_timeout):
    """Send the saves, then the deletes, through Magento's asynchronous bulk API; returns the bulk_writes.Ledger.

    Bodies carry the client's batch_size items (fewer when Magento could not store them); the deletes are
    queued only after every save operation completed. See bulk_writes.apply for the failures it raises.
    """
    return bulk_writes.apply(client, write_groups(plan), "sourceItems", client.batch_size, wait_timeout)
