#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
---
module: msi_source
short_description: Create, update and disable Magento MSI sources, idempotently
version_added: 1.0.0
description:
  - Manages one inventory source (a warehouse, store or other place stock is kept) in Magento 2
    Multi-Source Inventory through Magento's REST API.
  - Compares only the fields given in the task with the source Magento holds; fields left out keep
    their current value. A rerun with the same input sends no write request and reports no change.
  - Magento validates every save as a whole source, so an update sends the current source with the
    changed fields laid over it (read-modify-write).
  - B(Magento cannot delete sources); its API has no delete call for them. Use O(state=disabled) to take
    a source out of use.
  - Everything is validated before anything is written. A missing field needed to create the source, an
    empty name, a name another source already has, a malformed country code, coordinates out of range,
    or an attempt to disable the C(default) source fail the task with one message naming the bad value.
  - Enabling or disabling a source makes Magento mark the C(inventory) indexer invalid; notify the
    C(commerceops.magento reindex) handler topic to reindex and flush caches once.
author:
  - commerceops contributors (@commerceops)
extends_documentation_fragment:
  - commerceops.magento.connection
attributes:
  check_mode:
    support: full
    description: Reads the source and reports the exact change; sends no write request.
  diff_mode:
    support: full
    description: Shows the source's fields before and after.
options:
  source_code:
    description:
      - The source's unique code, for example V(uk_warehouse). It identifies the source and cannot be
        changed.
      - Must not be empty or contain whitespace.
    type: str
    required: true
  name:
    description:
      - The source's name, unique across sources (Magento compares names ignoring case and surrounding
        spaces).
      - Required to create a source.
    type: str
  enabled:
    description:
      - Whether the source is in use. New sources are enabled unless this says otherwise.
      - The C(default) source cannot be disabled.
    type: bool
  description:
    description: Free text about the source.
    type: str
  latitude:
    description: Latitude in degrees, between -90 and 90; Magento keeps six decimals.
    type: float
  longitude:
    description: Longitude in degrees, between -180 and 180; Magento keeps six decimals.
    type: float
  country_id:
    description:
      - Two-letter upper-case ISO 3166-1 country code, for example V(GB).
      - Required to create a source.
    type: str
  region_id:
    description: Magento's numeric id of the region (state, county), for countries that have a region list.
    type: int
  region:
    description: The region as free text, for countries without a region list.
    type: str
  city:
    description: The city.
    type: str
  street:
    description: The street address.
    type: str
  postcode:
    description:
      - The postcode. Magento requires one for every source, whatever the country.
      - Required to create a source.
    type: str
  contact_name:
    description: Name of a contact person at the source.
    type: str
  email:
    description: Contact e-mail address.
    type: str
  phone:
    description: Contact phone number.
    type: str
  fax:
    description: Contact fax number.
    type: str
  state:
    description:
      - V(present) creates the source or updates the fields given.
      - V(disabled) does the same and sets O(enabled=false); it cannot be combined with O(enabled=true).
    type: str
    choices: [present, disabled]
    default: present
notes:
  - The source is read with a C(source_code) list filter rather than by path, so codes with characters
    such as C(/) or C(+) work; it is written with Magento's upserting C(POST /V1/inventory/sources).
  - O(region_id) and O(region) are sent as given; Magento does not check them against O(country_id).
seealso:
  - module: commerceops.magento.msi_source_info
  - module: commerceops.magento.msi_stock_source_link
  - name: Magento MSI REST tutorial, step "Create sources"
    description: The steps this module automates.
    link: https://developer.adobe.com/commerce/webapi/rest/tutorials/inventory/create-sources/
"""

EXAMPLES = r"""
# Connection options once for every module of the collection (also works at play level).
- name: Provision the tutorial's sources
  module_defaults:
    group/commerceops.magento.magento:
      url: https://shop.example.com
      token: "{{ vault_magento_token }}"
  block:
    - name: Create the UK warehouse
      commerceops.magento.msi_source:
        source_code: uk_warehouse
        name: Huntingdon Warehouse
        country_id: GB
        postcode: PE29 6XJ
        city: Huntingdon
        latitude: 52.33
        longitude: -0.18

# Inside an existing deployment role: enabling or disabling changes the index.
- name: Take the old store out of use (Magento cannot delete sources)
  commerceops.magento.msi_source:
    url: "{{ magento_base_url }}"
    token: "{{ magento_api_token }}"
    source_code: uk_store_old
    state: disabled
  delegate_to: localhost
  notify: commerceops.magento reindex

# Dry run: run with --check --diff, or force it per task as here.
- name: Show what a contact change would do
  commerceops.magento.msi_source:
    source_code: uk_warehouse
    contact_name: Jo Bloggs
    phone: "+44 1480 000000"
  check_mode: true
  diff: true
  register: source_preview
"""

RETURN = r"""
source:
  description:
    - The source after the run, read back from Magento; in check mode, the current source with the
      changes laid over it.
  returned: success
  type: dict
  sample: {"source_code": "uk_warehouse", "name": "Huntingdon Warehouse", "enabled": true,
           "country_id": "GB", "postcode": "PE29 6XJ", "city": "Huntingdon",
           "use_default_carrier_config": true, "carrier_links": []}
before:
  description: The source as Magento held it before the run; V(null) when it did not exist.
  returned: success
  type: dict
  sample: null
after:
  description: Same as RV(source).
  returned: success
  type: dict
  sample: {"source_code": "uk_warehouse", "name": "Huntingdon Warehouse", "enabled": true,
           "country_id": "GB", "postcode": "PE29 6XJ"}
changes:
  description: The fields that change, each with its value before and after; the same as RV(plan.changes).
  returned: success
  type: dict
  sample: {"city": {"before": null, "after": "Huntingdon"}}
plan:
  description: What the run sends (or, in check mode, would send).
  returned: success
  type: dict
  contains:
    action:
      description: V(create), V(update),  or V(null) when nothing changes.
      type: str
      returned: always
      sample: update
    changes:
      description: The fields that change, each with its value before and after.
      type: dict
      returned: always
      sample: {"city": {"before": null, "after": "Huntingdon"}}
writes_sent:
  description:
    - How many write requests Magento carried out; V(0) in check mode and when nothing changes.
  returned: always
  type: int
  sample: 1
"""

from ansible_collections.commerceops.magento.plugins.module_utils import source_plan, source_sync
from ansible_collections.commerceops.magento.plugins.module_utils.module import MagentoModule


def argument_spec():
    spec = dict((name, dict(type=kind)) for name, kind in source_plan.SOURCE_FIELD_KINDS.items())
    spec.update(
        source_code=dict(type="str", required=True),
        state=dict(type="str", default="present", choices=["present", "disabled"]),
    )
    return spec


def main():
    module = MagentoModule(argument_spec=argument_spec(), resource="source", supports_check_mode=True)
    source_code = module.params["source_code"]
    with module.nothing_written_on_failure():
        desired = source_plan.desired_source_fields(module.params)
        plan = source_sync.plan(module.client, source_code, desired)
    module.apply_and_exit(plan, lambda plan: source_sync.apply(module.client, plan),
                          lambda after: dict(source=after, changes=plan.summary["changes"]))


if __name__ == "__main__":
    main()
