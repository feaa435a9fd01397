# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput
from ansible_collections.commerceops.magento.plugins.module_utils.source_plan import (
    desired_source_fields,
    name_conflict_problem,
    plan_source,
)

UK = {
    'source_code': 'uk_warehouse', 'name': 'UK Warehouse', 'enabled': True, 'country_id': 'GB',
    'postcode': 'SW1A 1AA', 'city': 'London', 'latitude': 51.5, 'use_default_carrier_config': True,
    'carrier_links': [], 'extension_attributes': {'is_pickup_location_active': False},
}
DEFAULT = {
    'source_code': 'default', 'name': 'Default Source', 'enabled': True, 'country_id': 'US',
    'postcode': '00000', 'use_default_carrier_config': True, 'carrier_links': [],
}
CREATE = {'name': 'UK Warehouse', 'country_id': 'GB', 'postcode': 'SW1A 1AA'}


def params(**given):
    base = dict((name, None) for name in ('name', 'enabled', 'city', 'country_id', 'postcode'))
    base.update(given)
    return base


def test_create_sends_only_given_fields_plus_code():
    plan = plan_source('uk_warehouse', dict(CREATE, city='London'), None)
    assert plan.summary['action'] == 'create'
    assert plan.body == dict(CREATE, city='London', source_code='uk_warehouse')
    assert plan.before is None
    assert plan.after['enabled'] is True
    assert plan.summary['changes']['city'] == {'before': None, 'after': 'London'}


def test_create_names_missing_required_fields():
    with pytest.raises(InvalidInput, match="'uk' does not exist; creating it needs country_id, postcode"):
        plan_source('uk', {'name': 'UK'}, None)


def test_unchanged_source_plans_nothing():
    plan = plan_source('uk_warehouse', {'name': 'UK Warehouse', 'latitude': 51.5000001}, UK)
    assert plan.summary['action'] is None
    assert plan.body is None
    assert plan.before == plan.after == UK


def test_update_is_read_modify_write_without_read_only_fields():
    plan = plan_source('uk_warehouse', {'city': 'Leeds'}, UK)
    assert plan.summary['action'] == 'update'
    assert plan.summary['changes'] == {'city': {'before': 'London', 'after': 'Leeds'}}
    body = plan.body
    assert body['city'] == 'Leeds'
    for required in ('name', 'country_id', 'postcode'):
        assert body[required] == UK[required]
    assert 'carrier_links' not in body and 'use_default_carrier_config' not in body
    assert body['extension_attributes'] == {'is_pickup_location_active': False}
    assert plan.after['city'] == 'Leeds' and plan.after['carrier_links'] == []


def test_update_of_default_always_sends_enabled_true():
    current = dict(DEFAULT)
    del current['enabled']
    plan = plan_source('default', {'description': 'main'}, current)
    assert plan.body['enabled'] is True


@pytest.mark.parametrize('given', [{'enabled': False}, {'state': 'disabled'}])
def test_refuses_to_disable_default(given):
    with pytest.raises(InvalidInput, match='refuses to disable the default source'):
        plan_source('default', desired_source_fields(params(**given)), DEFAULT)


def test_state_disabled_sets_enabled_false():
    plan = plan_source('uk_warehouse', desired_source_fields(params(state='disabled')), UK)
    assert plan.summary['changes'] == {'enabled': {'before': True, 'after': False}}
    assert plan.body['enabled'] is False


def test_enabled_true_contradicts_state_disabled():
    with pytest.raises(InvalidInput, match='contradicts state=disabled'):
        desired_source_fields(params(state='disabled', enabled=True))


@pytest.mark.parametrize('code, desired, message', [
    ('', CREATE, "source_code '' is empty or contains whitespace"),
    ('uk warehouse', CREATE, "source_code 'uk warehouse' is empty or contains whitespace"),
    ('uk', dict(CREATE, name='  '), "name must not be empty, got '  '"),
    ('uk', dict(CREATE, name='A ${x}'), r'name must not contain a "\$\{\.\.\.\}" template'),
    ('uk', dict(CREATE, country_id='GBR'), "country_id must be a two-letter upper-case .* got 'GBR'"),
    ('uk', dict(CREATE, country_id='gb'), "got 'gb'"),
    ('uk', dict(CREATE, latitude=91.0), 'latitude must be between -90 and 90, got 91.0'),
    ('uk', dict(CREATE, longitude=-180.5), 'longitude must be between -180 and 180, got -180.5'),
    ('uk', dict(CREATE, postcode=''), "postcode must not be empty, got ''"),
    ('x' * 256, CREATE, 'source_code is longer than 255'),
])
def test_bad_input_names_the_bad_value(code, desired, message):
    with pytest.raises(InvalidInput, match=message):
        plan_source(code, desired, None)


def test_several_problems_come_in_one_error():
    with pytest.raises(InvalidInput) as raised:
        plan_source('uk', dict(CREATE, country_id='GBR', latitude=100.0), None)
    assert 'country_id' in str(raised.value) and 'latitude' in str(raised.value)


@pytest.mark.parametrize('name, expected', [
    ('UK Warehouse', 'uk_warehouse'),
    (' uk warehouse ', 'uk_warehouse'),
    ('Default Source', 'default'),
    ('Nowhere', None),
])
def test_name_conflict_is_trimmed_and_case_insensitive(name, expected):
    problem = name_conflict_problem('new_code', name, [UK, DEFAULT])
    if expected is None:
        assert problem is None
    else:
        assert problem == ('name %r is already used by source %r; Magento requires unique source names'
                           % (name, expected))


def test_a_source_does_not_conflict_with_itself():
    assert name_conflict_problem('uk_warehouse', 'UK Warehouse', [UK, DEFAULT]) is None


def test_a_differently_cased_code_updates_the_stored_source_with_a_warning():
    plan = plan_source('UK_WAREHOUSE', {'city': 'Leeds'}, UK)
    assert plan.summary['action'] == 'update' and plan.body['source_code'] == 'uk_warehouse'
    assert plan.warnings == ["source_code 'UK_WAREHOUSE' is stored in Magento as 'uk_warehouse'; Magento "
                             "compares source_codes ignoring case, accents and trailing spaces, so 'uk_warehouse' is used"]
    assert not plan_source('UK_WAREHOUSE', {'city': 'London'}, UK).changed
