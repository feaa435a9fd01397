#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
---
module: msi_source_info
short_description: Read Magento MSI sources
version_added: 1.0.0
description:
  - Reads inventory sources from Magento 2 Multi-Source Inventory through Magento's REST API.
  - Returns every source, or only the sources named in O(source_codes), optionally only the enabled or
    disabled ones.
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
  source_codes:
    description:
      - Codes of the sources to read. Codes that match no source are listed in RV(missing).
      - Omit to read every source.
    type: list
    elements: str
  enabled:
    description: Only sources that are enabled (V(true)) or disabled (V(false)). Omit for both.
    type: bool
seealso:
  - module: commerceops.magento.msi_source
"""

EXAMPLES = r"""
- name: Read two sources
  commerceops.magento.msi_source_info:
    url: https://shop.example.com
    token: "{{ vault_magento_token }}"
    source_codes: [uk_warehouse, uk_store]
  register: uk_sources

- name: List the codes of all disabled sources
  commerceops.magento.msi_source_info:
    enabled: false
  register: disabled_sources

- name: Show them
  ansible.builtin.debug:
    msg: "{{ disabled_sources.sources | map(attribute='source_code') | list }}"

# Inside an existing deployment role, connection options from module_defaults. It only reads, so it
# also runs in a --check --diff dry run and later tasks can plan from real data.
- name: Read the sources before changing them
  module_defaults:
    group/commerceops.magento.magento:
      url: "{{ magento_url }}"
      token: "{{ magento_token }}"
  block:
    - name: Read the warehouse sources
      commerceops.magento.msi_source_info:
        source_codes: "{{ magento_warehouse_codes }}"
      register: warehouses
"""

RETURN = r"""
sources:
  description: The sources read, as Magento returns them, sorted by code.
  returned: success
  type: list
  elements: dict
  sample: [{"source_code": "uk_warehouse", "name": "Huntingdon Warehouse", "enabled": true,
            "country_id": "GB", "postcode": "PE29 6XJ", "use_default_carrier_config": true,
            "carrier_links": []}]
missing:
  description: The codes in O(source_codes) that match no source (before the O(enabled) filter).
  returned: success
  type: list
  elements: str
  sample: [uk_store]
"""

from ansible_collections.commerceops.magento.plugins.module_utils.module import MagentoModule
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import key
from ansible_collections.commerceops.magento.plugins.module_utils.source_sync import read_sources


def main():
    module = MagentoModule(
        argument_spec=dict(
            source_codes=dict(type="list", elements="str"),
            enabled=dict(type="bool"),
        ),
        supports_check_mode=True,
    )
    codes = module.params["source_codes"]
    with module.nothing_written_on_failure():
        sources = read_sources(module.client, codes)
    found = set(key(source["source_code"]) for source in sources)
    missing = sorted(code for code in set(codes or []) if key(code) not in found)
    if module.params["enabled"] is not None:
        sources = [source for source in sources if bool(source.get("enabled")) == module.params["enabled"]]
    module.exit_json(changed=False, sources=sorted(sources, key=lambda source: source["source_code"]),
                     missing=missing)


if __name__ == "__main__":
    main()
