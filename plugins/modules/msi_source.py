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
    Multi-Source Inventory through Magento's REST API, or with O(sources) a whole list of them in one
    task.
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
  - With O(sources), the module reads every source once, validates the whole list (a bad entry fails the
    task before anything is written), then saves each source that differs with one request. A list of
    200 unchanged sources costs one paged read and no write.
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
      - Exactly one of O(source_code) and O(sources) is required.
    type: str
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
  extension_attributes:
    description:
      - The in-store pickup fields Magento keeps in the source's C(extension_attributes)
        (Magento_InventoryInStorePickup). Sub-fields left out keep their current value.
    type: dict
    suboptions:
      is_pickup_location_active:
        description:
          - Whether customers can collect orders at this source. Magento refuses it for the C(default) source
            and for a source without O(city) and O(street).
        type: bool
      frontend_name:
        description: The name shown to customers choosing a pickup location.
        type: str
      frontend_description:
        description: The description shown to customers choosing a pickup location.
        type: str
  sources:
    description:
      - A list of sources to manage in one task, instead of O(source_code) and the field options. Each
        entry takes O(sources[].source_code) and the same fields as the single-source options; fields left
        out of an entry keep their current value (see O(omitted_fields)).
      - The result has RV(plan.added), RV(plan.updated), RV(plan.removed) and RV(plan.unlisted), RV(before)
        and RV(after) as lists, and with C(--diff) one diff per source that changes.
    type: list
    elements: dict
    suboptions:
      source_code:
        description: The source's code.
        type: str
        required: true
      name:
        description: See O(name).
        type: str
      enabled:
        description: See O(enabled).
        type: bool
      description:
        description: See O(description).
        type: str
      latitude:
        description: See O(latitude).
        type: float
      longitude:
        description: See O(longitude).
        type: float
      country_id:
        description: See O(country_id).
        type: str
      region_id:
        description: See O(region_id).
        type: int
      region:
        description: See O(region).
        type: str
      city:
        description: See O(city).
        type: str
      street:
        description: See O(street).
        type: str
      postcode:
        description: See O(postcode).
        type: str
      contact_name:
        description: See O(contact_name).
        type: str
      email:
        description: See O(email).
        type: str
      phone:
        description: See O(phone).
        type: str
      fax:
        description: See O(fax).
        type: str
      extension_attributes:
        description: See O(extension_attributes).
        type: dict
        suboptions:
          is_pickup_location_active:
            description: See O(extension_attributes.is_pickup_location_active).
            type: bool
          frontend_name:
            description: See O(extension_attributes.frontend_name).
            type: str
          frontend_description:
            description: See O(extension_attributes.frontend_description).
            type: str
  unlisted:
    description:
      - With O(sources), what to do with the sources Magento has that the list leaves out (the C(default)
        source is never counted). They are always reported in RV(plan.unlisted).
      - V(keep) leaves them as they are. V(disable) disables those that are enabled (Magento cannot delete
        sources).
    type: str
    choices: [keep, disable]
    default: keep
  omitted_fields:
    description:
      - With O(sources), what a field left out of an entry means.
      - V(keep) leaves the field as Magento has it, as the single-source form does.
      - V(clear) makes the entry the whole source, so a field it leaves out is cleared (saved empty) when
        Magento holds a value. The fields Magento requires (O(name), O(country_id), O(postcode)),
        O(enabled) and O(extension_attributes.is_pickup_location_active) are never cleared. Use it with
        files written by the C(commerceops.magento.msi_export) playbook, which lists every field.
    type: str
    choices: [keep, clear]
    default: keep
  state:
    description:
      - V(present) creates the source or updates the fields given.
      - V(disabled) does the same and sets O(enabled=false); it cannot be combined with O(enabled=true).
      - Only V(present) with O(sources); set O(sources[].enabled) per entry instead.
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

# The list form: one read of all sources, one save per source that differs.
- name: Provision every warehouse and store of the shop in one task
  commerceops.magento.msi_source:
    sources:
      - source_code: uk_warehouse
        name: Huntingdon Warehouse
        country_id: GB
        postcode: PE29 6XJ
      - source_code: uk_store
        name: London Flagship Store
        country_id: GB
        postcode: SW1A 1AB
        city: London
        street: 1 The Mall
        phone: "+44 20 0000 0000"
        extension_attributes:
          is_pickup_location_active: true
          frontend_name: London Flagship Store
  notify: commerceops.magento reindex
  register: sources_result

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
  returned: success, without O(sources)
  type: dict
  sample: {"source_code": "uk_warehouse", "name": "Huntingdon Warehouse", "enabled": true,
           "country_id": "GB", "postcode": "PE29 6XJ", "city": "Huntingdon",
           "use_default_carrier_config": true, "carrier_links": []}
before:
  description:
    - The source as Magento held it before the run; V(null) when it did not exist.
    - With O(sources), a list of the sources in scope that existed (the listed ones, and unlisted ones the
      run disables), sorted by code.
  returned: success
  type: raw
  sample: null
after:
  description:
    - Same as RV(source).
    - With O(sources), a list of the sources in scope after the run, sorted by code. It is predicted from
      RV(before) and the plan, in check mode and after a real run alike, and includes the fields Magento
      fills in on create.
  returned: success
  type: raw
  sample: {"source_code": "uk_warehouse", "name": "Huntingdon Warehouse", "enabled": true,
           "country_id": "GB", "postcode": "PE29 6XJ"}
changes:
  description: The fields that change, each with its value before and after; the same as RV(plan.changes).
  returned: success, without O(sources)
  type: dict
  sample: {"city": {"before": null, "after": "Huntingdon"}}
plan:
  description: What the run sends (or, in check mode, would send).
  returned: success
  type: dict
  contains:
    action:
      description: V(create), V(update) or V(null) when nothing changes.
      type: str
      returned: without O(sources)
      sample: update
    changes:
      description:
        - The fields that change, each with its value before and after. Extension attributes are named
          C(extension_attributes.<field>).
      type: dict
      returned: without O(sources)
      sample: {"city": {"before": null, "after": "Huntingdon"}}
    added:
      description: The sources created, as sent to Magento.
      type: list
      elements: dict
      returned: with O(sources)
      sample: [{"source_code": "uk_store", "name": "London Flagship Store", "country_id": "GB",
                "postcode": "SW1A 1AB"}]
    updated:
      description: The sources that change, each with its code and RV(plan.changes)-like field changes.
      type: list
      elements: dict
      returned: with O(sources)
      sample: [{"source_code": "uk_warehouse", "changes": {"city": {"before": null, "after": "Huntingdon"}}}]
    removed:
      description: Always empty; Magento cannot delete sources. Present so every list plan has the same keys.
      type: list
      elements: dict
      returned: with O(sources)
      sample: []
    unlisted:
      description:
        - Codes of the sources Magento has that O(sources) leaves out (the C(default) source aside), sorted.
        - They are left as they are unless O(unlisted=disable).
      type: list
      elements: str
      returned: with O(sources)
      sample: [old_store]
writes_sent:
  description:
    - How many write requests Magento carried out; V(0) in check mode and when nothing changes.
  returned: always
  type: int
  sample: 1
"""

from ansible_collections.commerceops.magento.plugins.module_utils import source_plan, source_sync
from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput
from ansible_collections.commerceops.magento.plugins.module_utils.module import MagentoModule


def field_options():
    """The source's fields, as options of the single form and of each O(sources) entry."""
    spec = dict((name, dict(type=kind)) for name, kind in source_plan.SOURCE_FIELD_KINDS.items())
    spec["extension_attributes"] = dict(type="dict", options=dict(
        (name, dict(type=kind)) for name, kind in source_plan.EXTENSION_FIELD_KINDS.items()))
    return spec


def argument_spec():
    entry = field_options()
    entry["source_code"] = dict(type="str", required=True)
    spec = field_options()
    spec.update(
        source_code=dict(type="str"),
        state=dict(type="str", default="present", choices=["present", "disabled"]),
        sources=dict(type="list", elements="dict", options=entry),
        unlisted=dict(type="str", default="keep", choices=list(source_plan.UNLISTED_CHOICES)),
        omitted_fields=dict(type="str", default="keep", choices=list(source_plan.OMITTED_FIELD_CHOICES)),
    )
    return spec


def list_form_problems(params):
    """Single-source options given together with O(sources)."""
    mixed = sorted(name for name in field_options() if params.get(name) is not None)
    if params["state"] != "present":
        mixed.append("state=%s" % params["state"])
    return ["%s cannot be combined with sources; set the fields in each entry" % ", ".join(mixed)] if mixed else []


def main():
    module = MagentoModule(argument_spec=argument_spec(), resource="source", supports_check_mode=True,
                           required_one_of=[("source_code", "sources")],
                           mutually_exclusive=[("source_code", "sources")])
    params = module.params
    if params["sources"] is not None:
        module.resource = "sources"  # "Invalid sources, nothing was written: ..."
    with module.nothing_written_on_failure():
        if params["sources"] is not None:
            problems = list_form_problems(params)
            if problems:
                raise InvalidInput(problems)
            plan = source_sync.plan_list(module.client, params["sources"], params["unlisted"],
                                         params["omitted_fields"])
        else:
            plan = source_sync.plan(module.client, params["source_code"], source_plan.desired_source_fields(params))
    if params["sources"] is not None:
        module.apply_and_exit(plan, lambda plan: source_sync.apply_list(module.client, plan))
    else:
        module.apply_and_exit(plan, lambda plan: source_sync.apply(module.client, plan),
                              lambda after: dict(source=after, changes=plan.summary["changes"]))


if __name__ == "__main__":
    main()
