# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils.record_plan import (
    PlanError,
    field_changes,
    given_fields,
    overlay,
    raise_if_problems,
    record_diff,
    record_text,
)

KINDS = {'latitude': 'float', 'region_id': 'int', 'enabled': 'bool'}


def test_given_fields_skips_unset_options():
    params = {'name': 'UK', 'city': None, 'enabled': False, 'other': 'x'}
    assert given_fields(params, ('name', 'city', 'enabled')) == {'name': 'UK', 'enabled': False}


@pytest.mark.parametrize('desired, current, expected', [
    ({'name': 'A'}, {'name': 'A', 'city': 'X'}, {}),
    ({'name': 'B'}, {'name': 'A'}, {'name': {'before': 'A', 'after': 'B'}}),
    ({'city': 'X'}, {'name': 'A'}, {'city': {'before': None, 'after': 'X'}}),
    ({'latitude': 51.5}, {'latitude': 51.500000}, {}),
    ({'latitude': 51.1234561}, {'latitude': 51.123456}, {}),
    ({'latitude': 51.5}, {'latitude': 51.6}, {'latitude': {'before': 51.6, 'after': 51.5}}),
    ({'region_id': 12}, {'region_id': 12}, {}),
    ({'enabled': False}, {'enabled': True}, {'enabled': {'before': True, 'after': False}}),
    ({'name': 'A'}, None, {'name': {'before': None, 'after': 'A'}}),
])
def test_field_changes_compares_only_given_fields(desired, current, expected):
    assert field_changes(desired, current, KINDS) == expected


def test_overlay_keeps_fields_the_user_did_not_give():
    current = {'source_code': 'uk', 'name': 'UK', 'city': 'London'}
    merged = overlay(current, {'name': 'UK Warehouse', 'latitude': 1}, KINDS)
    assert merged == {'source_code': 'uk', 'name': 'UK Warehouse', 'city': 'London', 'latitude': 1.0}
    assert current['name'] == 'UK'


def test_record_text_is_sorted_json_lines_and_empty_for_missing():
    assert record_text({'b': 'x', 'a': 1}) == 'a: 1\nb: "x"\n'
    assert record_text(None) == ''


def test_record_diff_labels_both_sides():
    diff = record_diff(None, {'name': 'UK'}, 'source uk')
    assert diff == {'before': '', 'after': 'name: "UK"\n',
                    'before_header': 'source uk (before)', 'after_header': 'source uk (after)'}


def test_raise_if_problems_joins_every_problem():
    raise_if_problems([])
    with pytest.raises(PlanError, match='^one; two$') as raised:
        raise_if_problems(['one', 'two'])
    assert raised.value.problems == ['one', 'two']


def test_plan_error_accepts_a_single_message():
    assert PlanError('bad').problems == ['bad']
