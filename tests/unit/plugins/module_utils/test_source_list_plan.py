# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plan_sources: a list of sources against one read of every source."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput
from ansible_collections.commerceops.magento.plugins.module_utils.source_plan import (
    CLEARABLE_FIELDS,
    FLAT_FIELD_KINDS,
    SOURCE_FIELDS,
    plan_sources,
)

PICKUP_OFF = {'is_pickup_location_active': False}


def stored(code, name, **fields):
    record = {'source_code': code, 'name': name, 'enabled': True, 'country_id': 'GB', 'postcode': 'SW1A 1AA',
              'use_default_carrier_config': True, 'carrier_links': [], 'extension_attributes': dict(PICKUP_OFF)}
    record.update(fields)
    return record


DEFAULT = stored('default', 'Default Source', country_id='US', postcode='00000')
UK = stored('uk_warehouse', 'UK Warehouse', city='London')
OLD = stored('old_store', 'Old Store')
CURRENT = [DEFAULT, UK, OLD]


def entry(code, **fields):
    """A list entry as the module passes it: every option present, None when unset."""
    values = dict((name, None) for name in SOURCE_FIELDS)
    values.update(source_code=code, extension_attributes=None)
    values.update(fields)
    return values


def test_unchanged_list_plans_nothing_and_reports_unlisted_sources():
    plan = plan_sources([entry('uk_warehouse', name='UK Warehouse', city='London'), entry('default')], CURRENT)
    assert not plan.changed
    assert plan.summary == {'added': [], 'updated': [], 'removed': [], 'unlisted': ['old_store']}
    assert plan.body == [] and plan.diff() == []
    assert plan.before == plan.after == [DEFAULT, UK]


def test_one_create_one_update_one_body_each_and_a_diff_per_record():
    plan = plan_sources([entry('uk_warehouse', city='Leeds'),
                         entry('de', name='Berlin', country_id='DE', postcode='10115', enabled=False)], CURRENT)
    assert plan.changed
    assert plan.summary['added'] == [{'source_code': 'de', 'name': 'Berlin', 'country_id': 'DE', 'postcode': '10115',
                                      'enabled': False}]
    assert plan.summary['updated'] == [{'source_code': 'uk_warehouse',
                                        'changes': {'city': {'before': 'London', 'after': 'Leeds'}}}]
    assert [body['source_code'] for body in plan.body] == ['de', 'uk_warehouse']
    assert plan.body[1]['name'] == 'UK Warehouse' and 'carrier_links' not in plan.body[1]
    # The prediction of a created source has what Magento fills in, so a later read matches it.
    created = plan.after[0]
    assert created['enabled'] is False and created['extension_attributes'] == PICKUP_OFF
    assert created['use_default_carrier_config'] is True
    diffs = plan.diff()
    assert [diff['before_header'] for diff in diffs] == ['source de (before)', 'source uk_warehouse (before)']
    assert diffs[0]['before'] == '' and 'city: "Leeds"' in diffs[1]['after']


def test_pickup_fields_are_compared_and_sent_under_extension_attributes():
    pickup = {'is_pickup_location_active': True, 'frontend_name': u'Käse-Laden', 'frontend_description': None}
    plan = plan_sources([entry('uk_warehouse', street='1 High St', extension_attributes=pickup)], CURRENT)
    assert plan.summary['updated'][0]['changes'] == {
        'extension_attributes.frontend_name': {'before': None, 'after': u'Käse-Laden'},
        'extension_attributes.is_pickup_location_active': {'before': False, 'after': True},
        'street': {'before': None, 'after': '1 High St'},
    }
    assert plan.body[0]['extension_attributes'] == {'is_pickup_location_active': True, 'frontend_name': u'Käse-Laden'}
    assert UK['extension_attributes'] == PICKUP_OFF, 'the current record is not changed in place'


@pytest.mark.parametrize('code, fields, message', [
    ('uk_warehouse', {'extension_attributes': {'is_pickup_location_active': True}},
     r'sources\[0\] \(uk_warehouse\): street must not be empty for a pickup location'),
    ('default', {'extension_attributes': {'is_pickup_location_active': True}},
     "refuses to make the default source 'default' a pickup location"),
    ('new', {'name': 'New'}, r"sources\[0\]: source 'new' does not exist; creating it needs country_id, postcode"),
    ('bad code', {'name': 'X'}, "source_code 'bad code' is empty or contains whitespace"),
    ('uk_warehouse', {'name': 'old store '}, "name 'old store ' would be used by sources 'old_store', 'uk_warehouse'"),
    ('default', {'enabled': False}, 'refuses to disable the default source'),
])
def test_bad_entries_fail_the_whole_list(code, fields, message):
    with pytest.raises(InvalidInput, match=message):
        plan_sources([entry('de', name='Berlin', country_id='DE', postcode='10115'), entry(code, **fields)][1:],
                     CURRENT)


def test_every_problem_of_the_list_in_one_error():
    with pytest.raises(InvalidInput) as raised:
        plan_sources([entry('a', name='A'), entry('UK_WAREHOUSE', country_id='gb'), entry('uk_warehouse')], CURRENT)
    problems = raised.value.problems
    assert len(problems) == 3
    assert "lists source_code 'uk_warehouse' again (first at sources[1])" in problems[2]


def test_unlisted_disable_disables_enabled_unlisted_sources_only():
    disabled = stored('closed', 'Closed', enabled=False)
    plan = plan_sources([entry('uk_warehouse')], CURRENT + [disabled], unlisted='disable')
    assert plan.summary['updated'] == [{'source_code': 'old_store', 'changes': {'enabled': {'before': True, 'after': False}}}]
    assert plan.summary['unlisted'] == ['closed', 'old_store']
    assert [body['source_code'] for body in plan.body] == ['old_store']
    assert plan.body[0]['enabled'] is False


def test_omitted_fields_clear_sends_explicit_nulls_for_stored_values_only():
    with_pickup_name = stored('uk_warehouse', 'UK Warehouse', city='London', fax='1',
                              extension_attributes={'is_pickup_location_active': False, 'frontend_name': 'UK'})
    plan = plan_sources([entry('uk_warehouse', name='UK Warehouse', country_id='GB', postcode='SW1A 1AA', enabled=True)],
                        [with_pickup_name], omitted_fields='clear')
    assert plan.summary['updated'][0]['changes'] == {
        'city': {'before': 'London', 'after': None},
        'extension_attributes.frontend_name': {'before': 'UK', 'after': None},
        'fax': {'before': '1', 'after': None},
    }
    body = plan.body[0]
    assert body['city'] is None and body['fax'] is None and body['extension_attributes']['frontend_name'] is None
    assert 'description' not in body, 'only fields Magento holds are cleared'
    assert 'city' not in plan.after[0] and 'frontend_name' not in plan.after[0]['extension_attributes']
    assert not plan_sources([entry('uk_warehouse', name='UK Warehouse', city='London')], [UK], omitted_fields='clear').changed


def test_clearable_fields_leave_out_what_magento_requires():
    assert set(CLEARABLE_FIELDS) == set(FLAT_FIELD_KINDS) - set(
        ['name', 'enabled', 'country_id', 'postcode', 'extension_attributes.is_pickup_location_active'])


def test_a_differently_cased_code_is_the_stored_source():
    plan = plan_sources([entry('UK_Warehouse', city='Leeds')], CURRENT)
    assert plan.body[0]['source_code'] == 'uk_warehouse'
    assert plan.warnings and 'stored in Magento as' in plan.warnings[0]
