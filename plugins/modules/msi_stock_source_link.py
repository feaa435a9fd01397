#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
---
module: msi_stock_source_link
short_description: Link Magento MSI sources to stocks, idempotently
version_added: 1.0.0
description:
  - Manages which inventory sources are assigned to which stocks in Magento 2 Multi-Source Inventory,
    and with which priority, through Magento's REST API.
  - Compares the links asked for with the links Magento holds and sends only what differs. A rerun with
    the same input sends no write request and reports no change.
  - Additions and priority changes are sent before removals, so a stock never has fewer sources during
    a run than at its start or end. When a save fails, nothing is removed.
  - Everything is validated before anything is written. Unknown source codes or stocks, stock names
    that match no stock or several, a link listed twice with different priorities, a priority below 1,
    and links Magento forbids on Default Stock or Default Source fail the task with one message that
    names every bad value.
  - Magento marks the C(inventory) indexer invalid after a link change; notify the
    C(commerceops.magento reindex) handler topic to reindex and flush caches once.
author:
  - commerceops contributors (@commerceops)
extends_documentation_fragment:
  - commerceops.magento.connection
  - commerceops.magento.batching
attributes:
  check_mode:
    support: full
    description: Reads Magento's links and reports the exact plan; sends no write request.
  diff_mode:
    support: full
    description: Shows the links in scope before and after, grouped by stock in priority order.
options:
  links:
    description:
      - The stock-source links to act on.
      - Required for every O(state) except V(gathered). With O(state=overridden), V([]) removes every
        link outside Default Stock.
    type: list
    elements: dict
    suboptions:
      source_code:
        description:
          - The source's code, for example V(uk_warehouse).
          - Required, except with O(state=deleted), where an entry without it removes every link of
            its stock, and O(state=gathered), where it is ignored.
        type: str
      stock_id:
        description:
          - The stock's numeric id. Strings of digits as found in Magento's payloads, such as V("2"),
            are accepted.
          - Exactly one of O(links[].stock_id) and O(links[].stock) is required.
        type: int
      stock:
        description:
          - The stock's name, for example V(UK Stock), resolved to its id with one lookup.
          - Matched exactly, then case-insensitively as Magento compares names.
          - Not available with O(state=rendered), which works offline.
        type: str
      priority:
        description:
          - The source's priority within the stock; V(1) is used first. Between 1 and 65535.
          - Required except with O(state=deleted) and O(state=gathered), where it is ignored.
        type: int
  state:
    description:
      - V(merged) adds missing links and updates priorities that differ; it never removes a link.
      - V(replaced) makes every stock named in O(links) hold exactly the listed links; other stocks
        are untouched.
      - V(overridden) makes every stock except Default Stock hold exactly the listed links.
      - V(deleted) removes the listed links; an entry without O(links[].source_code) removes every
        link of its stock. Links of Default Stock or Default Source cannot be deleted.
      - V(gathered) only reads, and returns RV(gathered), the links of the stocks in O(links), or all
        links when O(links) is omitted.
      - V(rendered) works offline, without connecting, and returns RV(rendered), the request body
        Magento would receive to save O(links).
    type: str
    choices: [merged, replaced, overridden, deleted, gathered, rendered]
    default: merged
notes:
  - Links with the same O(links[].source_code) and stock are one link; listing one twice with the same
    priority is harmless.
  - RV(after) is computed from RV(before) and the plan, in check mode and after a real run alike;
    Magento applies each save or delete request entirely or not at all.
seealso:
  - name: Magento MSI REST tutorial, step "Link stocks and sources"
    description: The steps this module automates.
    link: https://developer.adobe.com/commerce/webapi/rest/tutorials/inventory/assign-source-to-stock/
"""

EXAMPLES = r"""
# Connection options once for every module of the collection (also works at play level).
- name: Provision the tutorial's links
  module_defaults:
    group/commerceops.magento.magento:
      url: https://shop.example.com
      token: "{{ vault_magento_token }}"
  block:
    - name: Link sources to the UK and US stocks
      commerceops.magento.msi_stock_source_link:
        links:
          - {stock: UK Stock, source_code: uk_warehouse, priority: 1}
          - {stock: UK Stock, source_code: uk_store, priority: 2}
          - {stock: UK Stock, source_code: de_warehouse, priority: 3}
          - {stock_id: 3, source_code: us_warehouse, priority: 1}
          - {stock_id: 3, source_code: uk_warehouse, priority: 2}
      notify: commerceops.magento reindex

# Inside an existing deployment role: the handler topic reindexes and flushes caches once.
- name: Keep the UK stock's sources exactly as listed
  commerceops.magento.msi_stock_source_link:
    url: "{{ magento_base_url }}"
    token: "{{ magento_api_token }}"
    state: replaced
    links:
      - {stock: UK Stock, source_code: uk_warehouse, priority: 1}
      - {stock: UK Stock, source_code: uk_store, priority: 2}
  delegate_to: localhost
  notify: commerceops.magento reindex

# Dry run: run with --check --diff, or force it per task as here.
- name: Show what a priority change would do
  commerceops.magento.msi_stock_source_link:
    links:
      - {stock: UK Stock, source_code: uk_store, priority: 1}
      - {stock: UK Stock, source_code: uk_warehouse, priority: 2}
  check_mode: true
  diff: true
  register: link_preview

- name: Unlink a source from a stock
  commerceops.magento.msi_stock_source_link:
    state: deleted
    links:
      - {stock_id: 2, source_code: de_warehouse}

- name: Unlink every source of the US stock
  commerceops.magento.msi_stock_source_link:
    state: deleted
    links:
      - {stock: US Stock}

- name: Read the links of one stock
  commerceops.magento.msi_stock_source_link:
    state: gathered
    links:
      - {stock: UK Stock}
  register: uk_links

- name: Render the request body without connecting
  commerceops.magento.msi_stock_source_link:
    state: rendered
    links:
      - {stock_id: "2", source_code: uk_warehouse, priority: 1}
  register: link_body
"""

RETURN = r"""
before:
  description: The links of the stocks in scope before the run, sorted by stock id then priority.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"stock_id": 2, "source_code": "uk_warehouse", "priority": 1}]
after:
  description:
    - The links of the stocks in scope after the run, sorted by stock id then priority.
    - In check mode, the links Magento would hold.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"stock_id": 2, "source_code": "uk_warehouse", "priority": 1},
           {"stock_id": 2, "source_code": "uk_store", "priority": 2}]
plan:
  description: What the run sends (or, in check mode, would send).
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: dict
  contains:
    added:
      description: Links to create.
      type: list
      elements: dict
      returned: always
      sample: [{"stock_id": 2, "source_code": "uk_store", "priority": 2}]
    updated:
      description: Links whose priority changes, with the priority they had.
      type: list
      elements: dict
      returned: always
      sample: [{"stock_id": 2, "source_code": "uk_warehouse", "priority": 1, "previous_priority": 3}]
    removed:
      description: Links to remove.
      type: list
      elements: dict
      returned: always
      sample: [{"stock_id": 3, "source_code": "de_warehouse", "priority": 4}]
writes_sent:
  description:
    - How many save or delete requests Magento carried out; V(0) in check mode and when nothing changes.
    - When a request fails, the count of those accepted before it, so RV(plan) minus what they carried is
      what was not written.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: int
  sample: 1
gathered:
  description: The links read from Magento, sorted by stock id then priority.
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{"stock_id": 3, "source_code": "us_warehouse", "priority": 1}]
rendered:
  description: The body of C(POST /V1/inventory/stock-source-links) for O(links).
  returned: when O(state=rendered)
  type: dict
  sample: {"links": [{"stock_id": 2, "source_code": "uk_warehouse", "priority": 1}]}
"""

from ansible_collections.commerceops.magento.plugins.module_utils import link_plan, link_sync
from ansible_collections.commerceops.magento.plugins.module_utils.module import MagentoModule, batching_argument_spec

LINK_OPTIONS = dict(
    source_code=dict(type="str"),
    stock_id=dict(type="int"),
    stock=dict(type="str"),
    priority=dict(type="int"),
)


def argument_spec():
    return dict(
        links=dict(type="list", elements="dict", options=LINK_OPTIONS,
                   mutually_exclusive=[("stock_id", "stock")], required_one_of=[("stock_id", "stock")]),
        state=dict(type="str", default="merged", choices=list(link_plan.ALL_STATES)),
        **batching_argument_spec()
    )


def main():
    module = MagentoModule(
        argument_spec=argument_spec(), resource="links", supports_check_mode=True,
        required_if=[("state", state, ["links"]) for state in link_plan.ALL_STATES if state != "gathered"],
    )
    state, links = module.params["state"], module.params["links"]
    with module.nothing_written_on_failure():
        if state == "rendered":
            module.exit_json(changed=False, rendered=link_plan.render_payload(link_plan.resolve_links(
                link_plan.normalize_links(links, state), state)))
        run = link_sync.LinkRun(module.client, state, links)
        if state == "gathered":
            module.exit_json(changed=False, gathered=run.before)
        plan = run.plan()
    module.apply_and_exit(plan, lambda plan: link_sync.apply(module.client, plan))


if __name__ == "__main__":
    main()
