#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: msi_source_item
short_description: Assign products to Magento MSI sources with quantities and stock status
version_added: 1.0.0
description:
  - Makes Magento 2 Multi-Source Inventory source items (a product's quantity and stock status at one source)
    match O(items), as step 4 of Magento's MSI tutorial does.
  - Reads the current items of the given SKUs and sources with one filtered search, then saves only the items
    that differ, in batches of O(batch_size), or deletes the items that exist when O(state=absent).
  - Every source in O(items) must already exist (see M(commerceops.magento.msi_source)); otherwise the module
    fails before writing anything.
  - Magento saves source items as upserts keyed by SKU and source, and compares SKUs case-insensitively;
    so does this module.
  - Saving source items changes stock data; notify the C(commerceops.magento reindex) handler topic of the
    C(commerceops.magento.reindex) role so indexes and caches catch up.
author:
  - commerceops contributors (@commerceops)
extends_documentation_fragment:
  - commerceops.magento.connection
  - commerceops.magento.batching
attributes:
  check_mode:
    support: full
    description: Reads Magento and reports the plan; sends no write.
  diff_mode:
    support: full
    description: Shows the asked-about items before and after, one line per item.
options:
  items:
    description:
      - The source items to manage. The same O(items[].sku) and O(items[].source_code) pair may appear twice
        only with the same values.
    type: list
    elements: dict
    required: true
    suboptions:
      sku:
        description: The product SKU.
        type: str
        required: true
      source_code:
        description: The code of an existing source.
        type: str
        required: true
      quantity:
        description:
          - The quantity at that source. Magento stores four decimal places.
          - Required when O(state=present); ignored when O(state=absent).
        type: float
      status:
        description:
          - V(in_stock) or V(out_of_stock); V(1) and V(0) are accepted too.
          - When omitted, an existing item keeps its status and a new item is in stock when
            O(items[].quantity) is above zero, out of stock otherwise.
          - Ignored when O(state=absent).
        type: raw
  state:
    description:
      - V(present) creates or updates the items.
      - V(absent) removes the listed items from their sources; items that do not exist are left alone.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Items of other SKUs or sources are never read, compared or touched.
  - The module does not check that the SKUs exist as products.
seealso:
  - module: commerceops.magento.msi_source
  - module: commerceops.magento.msi_stock_source_link
"""

EXAMPLES = r"""
- name: Stock products at the tutorial's sources
  commerceops.magento.msi_source_item:
    url: https://shop.example.com
    token: "{{ magento_token }}"
    items:
      - {sku: 24-MB01, source_code: uk_warehouse, quantity: 100, status: in_stock}
      - {sku: 24-MB01, source_code: de_warehouse, quantity: 0, status: out_of_stock}
      - {sku: 24-WB04, source_code: us_warehouse, quantity: 12.5}

- name: Preview what would change, without writing
  commerceops.magento.msi_source_item:
    items: "{{ msi_source_items }}"
  check_mode: true
  diff: true

- name: Take a product off a source, connection from module_defaults
  module_defaults:
    group/commerceops.magento.magento:
      url: "{{ magento_url }}"
      token: "{{ magento_token }}"
  block:
    - name: Remove the item
      commerceops.magento.msi_source_item:
        state: absent
        items:
          - {sku: 24-MB01, source_code: uk_store}
      notify: commerceops.magento reindex
"""

RETURN = r"""
before:
  description: The asked-about items that existed before the run, sorted by source and SKU.
  returned: always
  type: list
  elements: dict
  sample: [{sku: 24-MB01, source_code: uk_warehouse, quantity: 90.0, status: 1}]
after:
  description: The asked-about items that exist after the run (predicted in check mode).
  returned: unless a write failed
  type: list
  elements: dict
  sample: [{sku: 24-MB01, source_code: uk_warehouse, quantity: 100.0, status: 1}]
plan:
  description: What was (or in check mode would be) written.
  returned: always
  type: dict
  contains:
    added:
      description: Items created.
      type: list
      elements: dict
      returned: always
      sample: [{sku: 24-WB04, source_code: us_warehouse, quantity: 12.5, status: 1}]
    updated:
      description: Items whose quantity or status changed, with the values they had.
      type: list
      elements: dict
      returned: always
      sample: [{sku: 24-MB01, source_code: uk_warehouse, quantity: 100.0, status: 1,
                previous_quantity: 90.0, previous_status: 1}]
      contains:
        previous_quantity:
          description: The quantity before the run.
          type: float
          returned: always
        previous_status:
          description: The status before the run, V(1) in stock or V(0) out of stock.
          type: int
          returned: always
    removed:
      description: Items deleted, as they were.
      type: list
      elements: dict
      returned: always
      sample: []
writes_sent:
  description: How many save or delete requests Magento accepted; less than planned when a batch failed.
  returned: always
  type: int
  sample: 1
"""

from ansible_collections.commerceops.magento.plugins.module_utils import source_item_plan, source_item_sync
from ansible_collections.commerceops.magento.plugins.module_utils.module import MagentoModule, batching_argument_spec


def argument_spec():
    return dict(
        items=dict(type="list", elements="dict", required=True, options=dict(
            sku=dict(type="str", required=True),
            source_code=dict(type="str", required=True),
            quantity=dict(type="float"),
            status=dict(type="raw"),
        )),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        **batching_argument_spec()
    )


def main():
    module = MagentoModule(argument_spec=argument_spec(), resource="source items", supports_check_mode=True)
    state = module.params["state"]
    with module.nothing_written_on_failure():
        desired = source_item_plan.normalize_desired(module.params["items"], state)
        plan = source_item_sync.plan(module.client, state, desired)
    module.apply_and_exit(plan, lambda plan: source_item_sync.apply(module.client, plan))


if __name__ == "__main__":
    main()
