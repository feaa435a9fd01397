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
      - O(items) or O(src) is required for every O(state) except V(gathered); they are mutually exclusive.
        With O(state=overridden), V([]) empties the sources in O(sources).
      - For more than a few thousand items use O(src); see the notes.
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
  src:
    description:
      - The path of a file holding the items, on the host that runs the module (copy it there first when that
        is not the controller). Read instead of O(items), with the same rules and the same checks.
      - CSV in the layout of Magento's own source-item import (System > Data Transfer > Import, entity
        C(Stock Sources)), which Magento exports and ERPs produce. A header line names the columns
        C(source_code), C(sku), C(status) and C(quantity), in any order; other columns are ignored. Comma
        separated, fields quoted with C(") when they hold a comma, quote or line break, UTF-8 with or without
        a byte-order mark, LF or CRLF line ends; blank lines are skipped. C(status) is V(1) or V(0) as in
        Magento's files (V(in_stock) and V(out_of_stock) are accepted too).
      - An empty cell means the field is not given, as in Magento's import, with this module's meaning; note
        that an empty or missing C(status) keeps an existing item's status (a new item is in stock when its
        quantity is above zero), where Magento's import would set it in stock. An empty C(quantity) is a bad
        row here, where Magento's import would store 0. Rows with more fields than the header are bad rows;
        shorter rows are padded with empty cells, as Magento pads them.
      - JSON (C(.json)), a list of items as in O(items); JSON Lines (C(.jsonl), C(.ndjson)), one item per
        line; YAML (C(.yml), C(.yaml)), a list of items, read with PyYAML on the host that runs the module.
      - Every bad row is reported at once with its line number and value, and nothing is written.
      - CSV and JSON Lines are read row by row, and each row is kept only as the record the run needs. JSON is
        read as text whole (about 90 bytes an item) and its items are decoded one at a time. YAML is read as
        text whole and its items are built one at a time, at about twice the module's CPU of CSV. CSV is the
        format for big sets; with any of them the module's peak stays near 110 MB at 100,000 items.
    type: path
    version_added: 1.1.0
  src_format:
    description:
      - The format of O(src). By default it follows the file name's extension (C(.csv), C(.json), C(.jsonl) or
        C(.ndjson), C(.yml) or C(.yaml)).
    type: str
    choices: [csv, json, jsonl, yaml]
    version_added: 1.1.0
  return_items:
    description:
      - Whether the result carries RV(before) and RV(after), every item in scope before and after the run.
      - At 100,000 items they are most of what the module and the controller serialise and carry; without
        them the result holds RV(plan) and RV(counts).
      - When not set, V(true) with O(items), as in version 1.0.0 (with a warning when they hold more than 1,000
        items), and V(false) with O(src). In diff mode they are returned unless this is V(false); the diff
        shows every item that changes either way.
    type: bool
    version_added: 1.1.0
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
  write_mode:
    description:
      - How the saves and deletes reach Magento.
      - V(sync) sends them to Magento's REST API in requests of O(batch_size) items, one after the other; each
        answers when Magento has saved (and reindexed) its items.
      - V(async_bulk) queues them through Magento's asynchronous bulk API
        (C(POST /rest/<store>/async/bulk/V1/inventory/source-items), then C(.../source-items-delete)). Each body
        of O(batch_size) items becomes one operation of a bulk, which Magento's message queue consumer
        C(async.operations.all) carries out. The module then waits up to O(bulk_wait_timeout) seconds for every
        operation, and reports each failed one with its items and Magento's message. The consumer must be
        running, see the notes.
      - V(auto) uses V(async_bulk) when the plan writes more than O(bulk_threshold) items (saves and removals
        together), V(sync) otherwise.
      - Reads are the same in every mode, and check mode never queues anything.
    type: str
    choices: [sync, async_bulk, auto]
    default: sync
  bulk_threshold:
    description:
      - With O(write_mode=auto), the number of items a plan must write, more than this, to go through the bulk
        API.
      - The default, V(5000), is 10 requests of the default O(batch_size). Up to that, synchronous writes finish
        in about a minute on a typical store and need no consumer; beyond it, a synchronous run holds long
        reindexing requests open for minutes, which the bulk API hands to the consumer instead.
    type: int
    default: 5000
  bulk_wait_timeout:
    description:
      - With the bulk API, how many seconds in all the module waits for Magento's consumer to carry out the
        queued operations. The module polls each bulk's status, first at once and then at growing intervals
        up to 10 seconds.
      - When operations are still open at the end, the task fails and returns RV(bulk.uuids); if none was
        carried out at all, the message says that the consumer is most likely not running. The open
        operations stay queued, and Magento carries them out when the consumer runs.
      - V(0) queues and returns at once. The task reports a change, RV(writes_sent) is V(0), and RV(bulk) has
        the UUIDs, with the operations reported as open. Because removals are queued only after every save completed, V(0) fails
        (before queueing anything) a run that would both save and remove items.
      - The default leaves time for cron's C(consumers_runner), which starts consumers every minute, to start
        C(async.operations.all) and work through a large bulk.
    type: int
    default: 600
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
  - With O(write_mode=async_bulk), Magento's consumer C(async.operations.all) must run. Start it with
    C(bin/magento queue:consumers:start async.operations.all) (under a process supervisor in production), or let
    cron start it. Magento's C(consumers_runner) cron job starts the consumers every minute unless
    C(cron_consumers_runner/cron_run) is V(false) in C(app/etc/env.php). The credentials need the ACL resource
    C(Magento_AsynchronousOperations::system_magento_logging_bulk_operations) (System > Action Logs > Bulk
    Actions) to read the bulks' status, besides the source-item resources; the module checks that before it
    queues anything.
  - In bulk mode a body carries at most O(batch_size) items, and fewer when its operation would not fit
    Magento's C(magento_operation.serialized_data) column (64 KB); a bulk POST carries at most 100 bodies and
    about 1 MB, nginx's default request limit. A POST the web server refuses as too large (413) is sent again
    in halves, and bodies refused by Magento's input limits are cut to its maximum, with a warning each.
  - Saves are queued first. Removals are queued only after every save operation completed, since Magento
    does not order the operations of different bulks; when a save fails or the wait runs out, no removal is
    queued.
  - The aggregate status Magento reports for a bulk is wrong while operations are open (magento/magento2 issue
    36911); the module counts the operations that are still open instead.
  - "Big sets: pass thousands of items with O(src), a file on the host that runs the module, not with O(items)
    from play variables. ansible-core holds play variables as tagged Python objects: with a trivial module,
    100,000 items passed as play variables take about 830 MB (C(-e @file)) to 1.16 GB (C(vars_files)) of the
    controller's memory before any module runs; templating them into O(items), sending them to the module,
    checking them there and sending them back with the task cost 13 to 16 s of CPU on top of the 15 s that
    loading them took, against under 2 s for this module's own work. Passed through a file lookup in the
    task, the module process alone peaked at 316 MB. With O(src) no process holds them as variables: a no-op
    run over 100,000 items took 3 to 4 s of Ansible CPU in all, and no process went above 113 MB. See the
    collection's docs/magento-behaviour.md and docs/benchmarks.md."
  - With big sets leave O(return_items) unset (with O(src)) or set it to V(false). The result then carries
    RV(plan) and RV(counts), and a no-op run returns a few hundred bytes instead of 15 MB.
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

- name: Load a catalog's quantities through Magento's message queue when the change is large
  commerceops.magento.msi_source_item:
    items: "{{ erp_source_items }}"
    write_mode: auto           # the bulk API above bulk_threshold (5000) items, plain requests below
    bulk_wait_timeout: 900     # the consumer async.operations.all must be running
  register: loaded
  notify: commerceops.magento reindex

- name: Queue the writes and return at once; check the bulks later with GET /V1/bulk/<uuid>/status
  commerceops.magento.msi_source_item:
    items: "{{ erp_source_items }}"
    write_mode: async_bulk
    bulk_wait_timeout: 0
  register: queued

- name: Apply a Magento import file of 100,000 items, copied to the host that runs the module
  block:
    - name: Copy the ERP export
      ansible.builtin.copy:
        src: files/stock_sources.csv
        dest: /var/tmp/stock_sources.csv
        mode: "0600"
    - name: Make Magento hold these quantities and statuses
      commerceops.magento.msi_source_item:
        src: /var/tmp/stock_sources.csv
      register: stock_sync
      notify: commerceops.magento reindex
    - name: Show what changed
      ansible.builtin.debug:
        var: stock_sync.counts

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
  returned: when O(state) is not V(gathered) and O(return_items) is V(true) (the default with O(items)), or in
    diff mode unless O(return_items=false)
  type: list
  elements: dict
  sample: [{sku: 24-MB01, source_code: uk_warehouse, quantity: 90.0, status: 1}]
after:
  description:
    - The items in scope after the run, sorted by source and SKU.
    - In check mode, the items Magento would hold.
  returned: as RV(before), unless a write failed
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
counts:
  description: How many items the run adds, updates, removes, and leaves as they are.
  returned: when O(state) is not V(gathered)
  type: dict
  version_added: 1.1.0
  sample: {added: 1000, updated: 1000, removed: 0, unchanged: 98000}
  contains:
    added:
      description: Items created, as in RV(plan.added).
      type: int
      returned: always
    updated:
      description: Items whose quantity or status changes, as in RV(plan.updated).
      type: int
      returned: always
    removed:
      description: Items removed, as in RV(plan.removed).
      type: int
      returned: always
    unchanged:
      description:
        - Listed items that need no write. With O(state=deleted), listed items that did not exist.
      type: int
      returned: always
writes_sent:
  description:
    - How many save or delete requests Magento carried out; V(0) in check mode and when nothing changes.
    - When a request fails, the count of those accepted before it, so RV(plan) minus what they carried is
      what was not written.
    - Through the bulk API, how many operations (bodies of up to O(batch_size) items) Magento's consumer
      completed, status 1; queueing them counts nothing, so it is V(0) with O(bulk_wait_timeout=0).
  returned: when O(state) is not V(gathered)
  type: int
  sample: 1
write_mode:
  description:
    - How the writes went, or in check mode would go, to Magento, V(sync) or V(async_bulk); O(write_mode=auto)
      resolved by the plan's size.
  returned: when O(state) is not V(gathered)
  type: str
  sample: async_bulk
bulk:
  description:
    - The writes queued through Magento's asynchronous bulk API.
  returned: when writes were queued through the bulk API (not in check mode), also when the task failed
  type: dict
  contains:
    uuids:
      description:
        - The UUID of each bulk, one per bulk POST, saves first. Check one later with
          C(GET /rest/<store>/V1/bulk/<uuid>/status).
      type: list
      elements: str
      returned: always
      sample: [6a6fa3b6-4c64-4c8c-9a33-2f09d0b3c1de]
    operations:
      description:
        - How many operations ended in each status, keys V(complete) (1), V(failed_retriably) (2), V(failed)
          (3, not retriable), V(open) (4, not carried out yet) and V(rejected) (5, refused when queued).
      type: dict
      returned: always
      sample: {complete: 4, failed_retriably: 0, failed: 0, open: 0, rejected: 0}
    requests:
      description: How many bulk POSTs were sent.
      type: int
      returned: always
      sample: 1
    seconds_enqueueing:
      description: Seconds the bulk POSTs took to be answered.
      type: float
      returned: always
      sample: 0.4
    seconds_waited:
      description:
        - Seconds spent waiting for the consumer, polls included; how long the consumer took, to within one
          poll interval, when every operation finished.
      type: float
      returned: always
      sample: 12.5
    consumer:
      description: The consumer that carries out the operations, V(async.operations.all).
      type: str
      returned: always
      sample: async.operations.all
failed_operations:
  description:
    - With the bulk API, every operation that failed or was rejected, with the items of its body and Magento's
      message. The task fails when there is one.
  returned: when an operation of a bulk failed
  type: list
  elements: dict
  sample: [{bulk_uuid: 6a6fa3b6-4c64-4c8c-9a33-2f09d0b3c1de, operation: 2, action: save, status: 3,
            status_name: failed, message: "Validation Failed", error_code: null,
            source_items: [{sku: 24-MB01, source_code: uk_warehouse}]}]
  contains:
    bulk_uuid:
      description: The bulk the operation belongs to.
      type: str
      returned: always
    operation:
      description: The operation's position in its bulk POST, from V(0).
      type: int
      returned: always
    action:
      description: V(save) or V(delete).
      type: str
      returned: always
    status:
      description: Magento's status, V(2) failed retriably, V(3) failed, V(5) rejected.
      type: int
      returned: always
    status_name:
      description: The status by name, V(failed_retriably), V(failed) or V(rejected).
      type: str
      returned: always
    message:
      description: Magento's message for the operation.
      type: str
      returned: always
    error_code:
      description: Magento's error code for the operation, when it gives one.
      type: int
      returned: always
    source_items:
      description: The items of the operation's body, each with C(sku) and C(source_code).
      type: list
      elements: dict
      returned: always
gathered:
  description: The items read from Magento, sorted by source and SKU.
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{sku: 24-MB01, source_code: uk_warehouse, quantity: 100.0, status: 1}]
"""

from ansible_collections.commerceops.magento.plugins.module_utils import (
    bulk_writes,
    source_item_file,
    source_item_plan,
    source_item_sync,
)
from ansible_collections.commerceops.magento.plugins.module_utils.source_item_run import (
    check_bulk_options,
    desired_input,
    returns_items,
    warn_about_big_states,
    write_mode_for,
)
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
        src=dict(type="path"),
        src_format=dict(type="str", choices=list(source_item_file.FORMATS)),
        return_items=dict(type="bool"),
        sources=dict(type="list", elements="str"),
        state=dict(type="str", choices=list(source_item_plan.STATE_CHOICES), default="merged"),
        write_mode=dict(type="str", choices=list(bulk_writes.WRITE_MODES), default=bulk_writes.SYNC),
        bulk_threshold=dict(type="int", default=5000),
        bulk_wait_timeout=dict(type="int", default=600),
        **batching_argument_spec()
    )


def main():
    module = MagentoModule(
        argument_spec=argument_spec(), resource="source items", supports_check_mode=True,
        mutually_exclusive=[("items", "src")],
        required_if=[("state", state, ["items", "src"], True)
                     for state in source_item_plan.STATE_CHOICES if state != "gathered"]
        + [("state", "overridden", ["sources"])],
    )
    state = source_item_plan.canonical_state(module.params["state"])
    check_bulk_options(module)
    with module.nothing_written_on_failure():
        desired, sources = desired_input(module, state)
        if state == "gathered":
            gathered = source_item_sync.gather(module.client, desired, sources)
            module.exit_json(changed=False, state=state, gathered=gathered)
        plan = source_item_sync.plan(module.client, state, desired, sources)
    write_mode, wait_timeout = write_mode_for(module, plan)
    # The plan holds what the run needs; at 100,000 items the desired list is memory worth giving back.
    desired = None
    if returns_items(module):
        warn_about_big_states(module, plan)
    bulk = []

    def apply(plan):
        if write_mode == bulk_writes.SYNC:
            return source_item_sync.apply(module.client, plan)
        bulk.append(source_item_sync.apply_in_bulk(module.client, plan, wait_timeout).report())
        return None

    def describe(after):
        return dict({"state": state, "counts": plan.counts, "write_mode": write_mode},
                    **({"bulk": bulk[0]} if bulk else {}))

    module.apply_and_exit(plan, apply, describe=describe, return_states=returns_items(module))


if __name__ == "__main__":
    main()
