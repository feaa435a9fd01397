#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
---
module: msi_stock_info
short_description: Read Magento MSI stocks and their websites
version_added: 1.0.0
description:
  - Reads the stocks of Magento 2 Multi-Source Inventory, with the websites (sales channels) that sell
    from each, through Magento's REST API.
  - Returns every stock, or only those named by O(stock_ids) or O(names).
author:
  - commerceops contributors (@commerceops)
extends_documentation_fragment:
  - commerceops.magento.connection
attributes:
  check_mode:
    support: full
    description: Reads only; runs the same in check mode.
  diff_mode:
    support: N/A
    description: Changes nothing, so there is nothing to show.
options:
  stock_ids:
    description: Ids of the stocks to read.
    type: list
    elements: int
  names:
    description:
      - Names of the stocks to read, compared as Magento does, ignoring case and surrounding spaces.
      - With O(stock_ids) as well, stocks matching either are returned.
    type: list
    elements: str
seealso:
  - module: commerceops.magento.msi_stock
"""

EXAMPLES = r"""
- name: Find the UK stock's id
  commerceops.magento.msi_stock_info:
    url: https://shop.example.com
    token: "{{ vault_magento_token }}"
    names: [UK Stock]
  register: uk

- name: Use it
  ansible.builtin.debug:
    msg: "UK Stock has id {{ uk.stocks[0].stock_id }}"
  when: uk.stocks | length == 1

- name: Read every stock
  commerceops.magento.msi_stock_info:
  register: all_stocks

# Inside an existing deployment role, connection options from module_defaults. It only reads, so it
# also runs in a --check --diff dry run and later tasks can plan from real data.
- name: Read the stocks before changing them
  module_defaults:
    group/commerceops.magento.magento:
      url: "{{ magento_url }}"
      token: "{{ magento_token }}"
  block:
    - name: Read the stock of the UK website
      commerceops.magento.msi_stock_info:
        names: [UK Stock]
      register: uk_stock
"""

RETURN = r"""
stocks:
  description: The stocks read, sorted by id.
  returned: success
  type: list
  elements: dict
  contains:
    stock_id:
      description: The stock's id.
      type: int
    name:
      description: The stock's name.
      type: str
    sales_channels:
      description: The websites that sell from the stock, sorted by code.
      type: list
      elements: dict
  sample: [{"stock_id": 1, "name": "Default Stock", "sales_channels": [{"type": "website", "code": "base"}]}]
missing:
  description: The O(stock_ids) and O(names) that match no stock.
  returned: success
  type: list
  sample: [7, "EU Stock"]
"""

from ansible_collections.commerceops.magento.plugins.module_utils.module import MagentoModule
from ansible_collections.commerceops.magento.plugins.module_utils.stock_plan import select_stocks
from ansible_collections.commerceops.magento.plugins.module_utils.stock_sync import read_stocks


def main():
    module = MagentoModule(
        argument_spec=dict(
            stock_ids=dict(type="list", elements="int"),
            names=dict(type="list", elements="str"),
        ),
        supports_check_mode=True,
    )
    with module.nothing_written_on_failure():
        stocks = read_stocks(module.client)
    selected, missing = select_stocks(stocks, module.params["stock_ids"], module.params["names"])
    module.exit_json(changed=False, stocks=selected, missing=missing)


if __name__ == "__main__":
    main()
