#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
---
module: msi_stock
short_description: Create, update and delete Magento MSI stocks and their websites, idempotently
version_added: 1.0.0
description:
  - Manages one stock of Magento 2 Multi-Source Inventory, and the websites (sales channels) that sell
    from it, through Magento's REST API; or with O(stocks), a whole list of stocks by name in one task.
  - The stock is found by O(stock_id) when given, otherwise by O(name). A stock that does not exist is
    created; with O(stock_id) given, Magento creates it with that id.
  - Compares the name and the set of websites with what Magento holds and writes only when they differ.
    A rerun with the same input sends no write request and reports no change.
  - Magento replaces a stock's websites on every save, moves websites left out to Default Stock, and
    silently takes a website away from another stock when it is assigned here. So every save sends the
    full list of websites the stock should have; without O(sales_channels) the current ones are sent
    back. A warning names every website that moves from one stock to another.
  - Everything is validated before anything is written. A name another stock already has, a stock id
    below 1, a website entry without a code, taking websites off Default Stock, deleting Default Stock,
    or deleting a stock that still has websites fail the task with one message naming the bad value.
  - With O(stocks), the module reads every stock once, validates the whole list and what the saves would
    leave (a website listed on two stocks, websites that would fall back to Default Stock), then sends one
    request per stock that differs. Stocks that take websites are saved first, so a website moving between
    two listed stocks goes straight to its new stock and the stock it leaves often needs no save.
author:
  - commerceops contributors (@commerceops)
extends_documentation_fragment:
  - commerceops.magento.connection
attributes:
  check_mode:
    support: full
    description: Reads the stocks and reports the exact change and warnings; sends no write request.
  diff_mode:
    support: full
    description: Shows the stock's id, name and websites before and after.
options:
  stock_id:
    description:
      - The stock's numeric id. When given, it identifies the stock and O(name) renames it.
      - Default Stock is V(1); its websites can be added to but not taken away.
      - One of O(stock_id), O(name) and O(stocks) is required.
    type: int
  name:
    description:
      - The stock's name, unique across stocks (Magento compares names ignoring case and surrounding
        spaces). Without O(stock_id), it identifies the stock.
      - Required to create a stock.
    type: str
  sales_channels:
    description:
      - The complete list of websites that sell from this stock. Websites on the stock that are not
        listed move to Default Stock; listed websites on other stocks move here.
      - V([]) takes every website off the stock.
      - Omit to keep the stock's current websites.
    type: list
    elements: dict
    suboptions: &sales_channel_options
      type:
        description: The kind of sales channel; Magento supports only websites.
        type: str
        choices: [website]
        default: website
      code:
        description: The website's code, for example V(base).
        type: str
        required: true
  stocks:
    description:
      - A list of stocks to manage in one task, each identified by O(stocks[].name), instead of O(stock_id),
        O(name) and O(sales_channels).
      - The result has RV(plan.added), RV(plan.updated), RV(plan.removed) and RV(plan.unlisted), RV(before)
        and RV(after) as lists of every stock, and with C(--diff) one diff per stock that changes.
    type: list
    elements: dict
    suboptions:
      name:
        description: The stock's name; a stock of that name (compared as Magento does) is updated, else created.
        type: str
        required: true
      sales_channels:
        description: See O(sales_channels); omit to keep the stock's current websites.
        type: list
        elements: dict
        # The same sub-options as O(sales_channels), from one definition (sales_channel_options()).
        suboptions: *sales_channel_options
  unlisted:
    description:
      - With O(stocks), what to do with the stocks Magento has that the list leaves out (Default Stock is never
        counted). They are always reported in RV(plan.unlisted).
      - V(keep) leaves them as they are (a listed stock may still take a website from one of them; a warning
        says so).
      - V(delete) deletes them, with their source links. Each must have lost its websites to listed stocks,
        or the task fails before writing anything.
    type: str
    choices: [keep, delete]
    default: keep
  state:
    description:
      - V(present) creates the stock or updates its name and websites.
      - V(absent) deletes the stock. Magento refuses to delete Default Stock and stocks that still have
        websites; move their websites to another stock first. The stock's source links go with it.
      - Only V(present) with O(stocks); see O(unlisted) to delete the stocks a list leaves out.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Magento checks website codes itself; an unknown code fails the task with Magento's message and
    nothing is written.
seealso:
  - module: commerceops.magento.msi_stock_info
  - module: commerceops.magento.msi_stock_source_link
  - name: Magento MSI REST tutorial, step "Create stocks"
    description: The steps this module automates.
    link: https://developer.adobe.com/commerce/webapi/rest/tutorials/inventory/create-stocks/
"""

EXAMPLES = r"""
# Connection options once for every module of the collection (also works at play level).
- name: Provision the tutorial's stocks
  module_defaults:
    group/commerceops.magento.magento:
      url: https://shop.example.com
      token: "{{ vault_magento_token }}"
  block:
    - name: Create the UK stock, selling on the UK website
      commerceops.magento.msi_stock:
        name: UK Stock
        sales_channels:
          - code: uk
      register: uk_stock

    - name: Link its warehouse, using the id Magento gave the stock
      commerceops.magento.msi_stock_source_link:
        links:
          - {stock_id: "{{ uk_stock.stock_id }}", source_code: uk_warehouse, priority: 1}

# Inside an existing deployment role.
- name: Rename a stock, keeping its websites
  commerceops.magento.msi_stock:
    url: "{{ magento_base_url }}"
    token: "{{ magento_api_token }}"
    stock_id: 3
    name: North America Stock
  delegate_to: localhost

# Dry run: run with --check --diff, or force it per task as here; warnings name moving websites.
- name: Show what moving the US website would do
  commerceops.magento.msi_stock:
    name: US Stock
    sales_channels:
      - {type: website, code: us}
  check_mode: true
  diff: true

# The list form: one read of every stock, one write per stock that differs.
- name: Every stock of the shop, by name, with its websites
  commerceops.magento.msi_stock:
    stocks:
      - name: Default Stock
        sales_channels: [{code: base}]
      - name: UK Stock
        sales_channels: [{code: uk}]
      - name: US Stock
        sales_channels: [{code: us}]
  notify: commerceops.magento reindex

- name: Delete a stock that sells nowhere any more
  commerceops.magento.msi_stock:
    name: Spare Stock
    state: absent
"""

RETURN = r"""
stock_id:
  description:
    - The stock's id, for later tasks. V(null) when the stock does not exist after the run, and in
      check mode for a stock that would be created without O(stock_id).
  returned: success, without O(stocks)
  type: int
  sample: 2
stock:
  description: The stock after the run (in check mode, what it would be); V(null) when absent.
  returned: success, without O(stocks)
  type: dict
  contains:
    stock_id:
      description: The stock's id.
      type: int
    name:
      description: The stock's name.
      type: str
    sales_channels:
      description: The stock's websites, sorted by code.
      type: list
      elements: dict
  sample: {"stock_id": 2, "name": "UK Stock", "sales_channels": [{"type": "website", "code": "uk"}]}
before:
  description:
    - The stock before the run, shaped like RV(stock); V(null) when it did not exist.
    - With O(stocks), every stock Magento had, sorted by id.
  returned: success
  type: raw
  sample: null
after:
  description:
    - Same as RV(stock).
    - With O(stocks), every stock after the run (predicted in check mode, where a stock to create has
      C(stock_id) V(null)), sorted by id, new stocks last.
  returned: success
  type: raw
  sample: {"stock_id": 2, "name": "UK Stock", "sales_channels": [{"type": "website", "code": "uk"}]}
plan:
  description: What the run sends (or, in check mode, would send).
  returned: success
  type: dict
  contains:
    action:
      description: V(create), V(update), V(delete) or V(null) when nothing changes.
      type: str
      returned: without O(stocks)
      sample: update
    changes:
      description: The fields that change, each with its value before and after.
      type: dict
      returned: without O(stocks)
      sample: {"name": {"before": "UK", "after": "UK Stock"}}
    added:
      description: The stocks created, with their websites.
      type: list
      elements: dict
      returned: with O(stocks)
      sample: [{"name": "UK Stock", "sales_channels": [{"type": "website", "code": "uk"}]}]
    updated:
      description:
        - The stocks that change, with C(stock_id), C(name) and C(changes). A stock that only loses a website
          to a listed stock is here too, although no request is sent for it.
      type: list
      elements: dict
      returned: with O(stocks)
      sample: [{"stock_id": 1, "name": "Default Stock", "changes": {"sales_channels": {
               "before": [{"type": "website", "code": "base"}, {"type": "website", "code": "uk"}],
               "after": [{"type": "website", "code": "base"}]}}}]
    removed:
      description: The stocks deleted (O(unlisted=delete)), as they were.
      type: list
      elements: dict
      returned: with O(stocks)
      sample: []
    unlisted:
      description: Names of the stocks Magento has that O(stocks) leaves out (Default Stock aside), sorted.
      type: list
      elements: str
      returned: with O(stocks)
      sample: [Outlet Stock]
writes_sent:
  description:
    - How many write requests Magento carried out; V(0) in check mode and when nothing changes.
  returned: always
  type: int
  sample: 1
"""

from ansible_collections.commerceops.magento.plugins.module_utils import stock_plan, stock_sync
from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput
from ansible_collections.commerceops.magento.plugins.module_utils.module import MagentoModule


def sales_channel_options():
    return dict(type="list", elements="dict", options=dict(
        type=dict(type="str", default="website", choices=["website"]),
        code=dict(type="str", required=True),
    ))


def argument_spec():
    return dict(
        stock_id=dict(type="int"),
        name=dict(type="str"),
        sales_channels=sales_channel_options(),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        stocks=dict(type="list", elements="dict", options=dict(
            name=dict(type="str", required=True),
            sales_channels=sales_channel_options(),
        )),
        unlisted=dict(type="str", default="keep", choices=list(stock_plan.UNLISTED_CHOICES)),
    )


def main():
    module = MagentoModule(argument_spec=argument_spec(), resource="stock", supports_check_mode=True,
                           required_one_of=[("stock_id", "name", "stocks")],
                           mutually_exclusive=[("stocks", "stock_id"), ("stocks", "name"), ("stocks", "sales_channels")])
    params = module.params
    if params["stocks"] is not None:
        module.resource = "stocks"  # "Invalid stocks, nothing was written: ..."
    with module.nothing_written_on_failure():
        if params["stocks"] is not None:
            if params["state"] != "present":
                raise InvalidInput("state=%s cannot be combined with stocks; use unlisted=delete to delete the stocks "
                                   "the list leaves out" % params["state"])
            plan = stock_sync.plan_list(module.client, params["stocks"], params["unlisted"])
        else:
            plan = stock_sync.plan(module.client, params)
    if params["stocks"] is not None:
        module.apply_and_exit(plan, lambda plan: stock_sync.apply_list(module.client, plan))
    else:
        module.apply_and_exit(plan, lambda plan: stock_sync.apply(module.client, plan),
                              lambda after: dict(stock=after, stock_id=after and after["stock_id"]))


if __name__ == "__main__":
    main()
