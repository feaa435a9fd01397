# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput, raise_if_problems
from ansible_collections.commerceops.magento.plugins.module_utils.plan import Plan, text_diff
from ansible_collections.commerceops.magento.plugins.module_utils.record_plan import (
    field_changes,
    overlay,
    record_text,
)

KINDS = {'latitude': 'float', 'region_id': 'int', 'enabled': 'bool'}


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


def test_text_diff_labels_both_sides():
    diff = text_diff('', 'name: "UK"\n', 'source uk')
    assert diff == {'before': '', 'after': 'name: "UK"\n',
                    'before_header': 'source uk (before)', 'after_header': 'source uk (after)'}


def test_plan_diff_renders_the_predicted_after_or_the_one_magento_gave():
    plan = Plan({'action': 'create'}, True, None, {'name': 'UK'}, record_text, 'source uk')
    assert plan.diff()['after'] == 'name: "UK"\n' and plan.diff()['before'] == ''
    assert plan.diff({'name': 'UK', 'enabled': True})['after'] == 'enabled: true\nname: "UK"\n'


def test_invalid_input_carries_result_details():
    error = InvalidInput('unknown source codes: x', unknown_source_codes=['x'])
    assert error.details == {'unknown_source_codes': ['x']} and str(error) == 'unknown source codes: x'


def test_raise_if_problems_joins_every_problem():
    raise_if_problems([])
    with pytest.raises(InvalidInput, match='^one; two$') as raised:
        raise_if_problems(['one', 'two'])
    assert raised.value.problems == ['one', 'two']


def test_plan_error_accepts_a_single_message():
    assert InvalidInput('bad').problems == ['bad']


def test_record_text_keeps_non_ascii_text_readable():
    assert record_text({'name': u'Zürich Lager'}) == u'name: "Zürich Lager"\n'
