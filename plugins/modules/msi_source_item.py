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
  - Manages Magento 2 Multi-Source Inventory source items (a product's quantity and stock status at one
    source), as step 4 of Magento's MSI tutorial does, with the states of
    M(commerceops.magento.msi_stock_source_link).
  - Compares the items asked for with the items Magento holds and sends only what differs. A rerun with the
    same input sends no write request and reports no change.
  - Saves are sent before deletes, in batches of O(batch_size). When a save fails, nothing is removed.
  - Everything is validated before anything is written. Every source in O(items) and O(sources) must already
    exist (see M(commerceops.magento.msi_source)); a bad item, an unknown source or an item listed twice with
    different values fails the task with one message that names every bad value.
  - Magento saves source items as upserts keyed by SKU and source, and compares SKUs and source codes
    ignoring case, accents and trailing spaces; so does this module, for the listed items and for the items it removes.
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
      - The source items to act on. The same O(items[].sku) and O(items[].source_code) pair may appear twice
        only with the same values.
      - Required for every O(state) except V(gathered). With O(state=overridden), V([]) empties the sources in
        O(sources).
    type: list
    elements: dict
    suboptions:
      sku:
        description: The product SKU.
        type: str
        required: true
      source_code:
        description:
          - The code of an existing source.
          - Required, except with O(state=gathered), where an entry without it reads the SKU at every source
            (every source of O(sources) when given).
        type: str
      quantity:
        description:
          - The quantity at that source. Magento stores four decimal places.
          - Required with O(state=merged), O(state=replaced) and O(state=overridden); ignored with
            O(state=deleted) and O(state=gathered).
        type: float
      status:
        description:
          - V(in_stock) or V(out_of_stock); V(1) and V(0) are accepted too.
          - When omitted, an existing item keeps its status and a new item is in stock when
            O(items[].quantity) is above zero, out of stock otherwise.
          - Ignored with O(state=deleted) and O(state=gathered).
        type: raw
  sources:
    description:
      - Source codes, the scope of O(state=overridden), which refuses to run without it, and of
        O(state=gathered). Not allowed with the other states.
      - With O(state=overridden), these sources hold exactly the items listed, and every item of O(items) must
        be at one of them.
      - With O(state=gathered), only items at these sources are read; without O(items), every item of these
        sources.
    type: list
    elements: str
  state:
    description:
      - V(merged) creates the missing items and updates quantities and statuses that differ; it never removes
        an item.
      - V(replaced) makes every SKU named in O(items) be at exactly the listed sources, with the listed values;
        its items at other sources are removed, Default Source included. Other SKUs are untouched.
      - V(overridden) makes every source in O(sources) hold exactly the listed items; its other items are
        removed. Other sources are untouched. V(default) (Default Source) is affected only when listed in
        O(sources).
      - V(deleted) removes the listed items; items that do not exist are left alone.
      - V(gathered) only reads, and returns RV(gathered), the items of the SKUs in O(items), of the sources in
        O(sources), or of both (the SKUs at those sources).
      - V(present) is an alias of V(merged), and V(absent) of V(deleted), the names of version 1.0.0; they keep
        working, and RV(state) says which state ran.
    type: str
    choices: [merged, replaced, overridden, deleted, gathered, present, absent]
    default: merged
notes:
  - The module reads only the items it acts on. For V(merged) and V(deleted), the listed SKUs at the listed
    sources; for V(replaced), every item of the listed SKUs; for V(overridden), every item of O(sources).
  - Listed SKUs are read in chunks with an C(sku in (...)) filter, cut so that no URL gets longer than 8 KB,
    which web servers refuse. When the SKUs of a source need three chunks or more, the first page of the whole
    source is read, whose C(total_count) gives the number of items there, and the rest of the source follows,
    page by page, when that takes no more requests than its chunks would. So a run that covers most of a source
    reads it whole, with no request besides its pages, and a run of a few SKUs reads only them.
  - The reads of one run, chunks and pages alike, are sent O(parallel_reads) at a time.
  - With O(state=overridden) and O(items=[]), every item of the sources in O(sources) is removed. Magento
    allows removing Default Source items; list V(default) in O(sources) only when that is what you want.
  - The module does not check that the SKUs exist as products.
  - RV(after) is computed from RV(before) and the plan, in check mode and after a real run alike.
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

- name: Sell 24-MB01 from the UK warehouse only, removing it from every other source
  commerceops.magento.msi_source_item:
    state: replaced
    items:
      - {sku: 24-MB01, source_code: uk_warehouse, quantity: 100}
  notify: commerceops.magento reindex

- name: Make the UK store hold exactly these items, removing every other item it has
  commerceops.magento.msi_source_item:
    state: overridden
    sources: [uk_store]
    items:
      - {sku: 24-MB01, source_code: uk_store, quantity: 5}
      - {sku: 24-WB04, source_code: uk_store, quantity: 2}
  notify: commerceops.magento reindex

- name: Empty a source that is being closed
  commerceops.magento.msi_source_item:
    state: overridden
    sources: [de_warehouse]
    items: []

- name: Take a product off a source, connection from module_defaults
  module_defaults:
    group/commerceops.magento.magento:
      url: "{{ magento_url }}"
      token: "{{ magento_token }}"
  block:
    - name: Remove the item
      commerceops.magento.msi_source_item:
        state: deleted
        items:
          - {sku: 24-MB01, source_code: uk_store}
      notify: commerceops.magento reindex

- name: Read two products at every source
  commerceops.magento.msi_source_item:
    state: gathered
    items:
      - {sku: 24-MB01}
      - {sku: 24-WB04}
  register: stocked

- name: Read every item of the UK sources
  commerceops.magento.msi_source_item:
    state: gathered
    sources: [uk_warehouse, uk_store]
  register: uk_items
"""

RETURN = r"""
state:
  description: The state that ran; V(merged) when O(state=present) was given, V(deleted) for O(state=absent).
  returned: always
  type: str
  sample: merged
before:
  description:
    - The items in scope before the run, sorted by source and SKU. For V(merged) and V(deleted), the listed
      items that existed; for V(replaced), every item of the listed SKUs; for V(overridden), every item of
      O(sources).
  returned: when O(state) is not V(gathered)
  type: list
  elements: dict
  sample: [{sku: 24-MB01, source_code: uk_warehouse, quantity: 90.0, status: 1}]
after:
  description:
    - The items in scope after the run, sorted by source and SKU.
    - In check mode, the items Magento would hold.
  returned: when O(state) is not V(gathered), unless a write failed
  type: list
  elements: dict
  sample: [{sku: 24-MB01, source_code: uk_warehouse, quantity: 100.0, status: 1}]
plan:
  description: What the run sends (or, in check mode, would send).
  returned: when O(state) is not V(gathered)
  type: dict
  contains:
    added:
      description: Items to create.
      type: list
      elements: dict
      returned: always
      sample: [{sku: 24-WB04, source_code: us_warehouse, quantity: 12.5, status: 1}]
    updated:
      description: Items whose quantity or status changes, with the values they had.
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
      description: Items to remove, as they were.
      type: list
      elements: dict
      returned: always
      sample: [{sku: 24-MB01, source_code: de_warehouse, quantity: 0.0, status: 0}]
writes_sent:
  description:
    - How many save or delete requests Magento carried out; V(0) in check mode and when nothing changes.
    - When a request fails, the count of those accepted before it, so RV(plan) minus what they carried is
      what was not written.
  returned: when O(state) is not V(gathered)
  type: int
  sample: 1
gathered:
  description: The items read from Magento, sorted by source and SKU.
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{sku: 24-MB01, source_code: uk_warehouse, quantity: 100.0, status: 1}]
"""

from ansible_collections.commerceops.magento.plugins.module_utils import source_item_plan, source_item_sync
from ansible_collections.commerceops.magento.plugins.module_utils.module import MagentoModule, batching_argument_spec


ITEM_OPTIONS = dict(
    sku=dict(type="str", required=True),
    source_code=dict(type="str"),
    quantity=dict(type="float"),
    status=dict(type="raw"),
)


def argument_spec():
    return dict(
        items=dict(type="list", elements="dict", options=ITEM_OPTIONS),
        sources=dict(type="list", elements="str"),
        state=dict(type="str", choices=list(source_item_plan.STATE_CHOICES), default="merged"),
        **batching_argument_spec()
    )


def main():
    module = MagentoModule(
        argument_spec=argument_spec(), resource="source items", supports_check_mode=True,
        required_if=[("state", state, ["items"]) for state in source_item_plan.STATE_CHOICES if state != "gathered"]
        + [("state", "overridden", ["sources"])],
    )
    state = source_item_plan.canonical_state(module.params["state"])
    with module.nothing_written_on_failure():
        desired, sources = source_item_plan.normalize_input(state, module.params["items"], module.params["sources"])
        if state == "gathered":
            gathered = source_item_sync.gather(module.client, desired, sources)
            module.exit_json(changed=False, state=state, gathered=gathered)
        plan = source_item_sync.plan(module.client, state, desired, sources)
    module.apply_and_exit(plan, lambda plan: source_item_sync.apply(module.client, plan),
                          describe=lambda after: {"state": state})


if __name__ == "__main__":
    main()
