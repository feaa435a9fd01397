# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reads and writes for source items: feeds source_item_plan with Magento's items, sends its plan."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.commerceops.magento.plugins.module_utils import source_item_plan
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import stored_spellings
from ansible_collections.commerceops.magento.plugins.module_utils.source_sync import read_sources

ITEMS_PATH = "inventory/source-items"
DELETE_PATH = "inventory/source-items-delete"


def read_items(client, skus, source_codes):
    """The items of the given SKUs at the given sources (sku in (...) AND source_code in (...))."""
    return client.search(ITEMS_PATH, [[("sku", sorted(set(skus)), "in")],
                                      [("source_code", sorted(set(source_codes)), "in")]])


def plan(client, state, desired):
    """Check that every source exists (in Magento's spelling), read the desired items' current state, and plan."""
    if not desired:
        return source_item_plan.plan_source_items(state, desired, [])
    sources = read_sources(client, [item["source_code"] for item in desired])
    desired, warnings = source_item_plan.respell_sources(
        desired, stored_spellings(source["source_code"] for source in sources))
    current = read_items(client, [item["sku"] for item in desired], [item["source_code"] for item in desired])
    return source_item_plan.plan_source_items(state, desired, current, warnings)


def apply(client, plan):
    """Send the saves, then the deletes, in the client's batches; the predicted after stands."""
    saves, deletes = source_item_plan.writes(plan)
    client.post_groups("sourceItems", (ITEMS_PATH, saves), (DELETE_PATH, deletes))
