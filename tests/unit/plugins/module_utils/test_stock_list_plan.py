# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plan_stocks: stocks by name against one read of every stock, with Magento's website moves."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import name_key
from ansible_collections.commerceops.magento.plugins.module_utils.stock_plan import plan_stocks


def websites(*codes):
    return [{'type': 'website', 'code': code} for code in sorted(codes)]


def stock(stock_id, name, *codes):
    return {'stock_id': stock_id, 'name': name, 'sales_channels': websites(*codes)}


def entry(name, *codes):
    return {'name': name, 'sales_channels': [{'type': 'website', 'code': code} for code in codes]}


DEFAULT = stock(1, 'Default Stock', 'base')
UK = stock(2, 'UK Stock', 'uk')
US = stock(3, 'US Stock', 'us')
OUTLET = stock(7, 'Outlet Stock')
CURRENT = [DEFAULT, UK, US, OUTLET]


def test_unchanged_list_plans_nothing_and_reports_unlisted_stocks():
    plan = plan_stocks([entry('uk stock', 'uk'), {'name': 'US Stock', 'sales_channels': None}], CURRENT[1:] + [DEFAULT])
    assert plan.summary['updated'] == [{'stock_id': 2, 'name': 'uk stock',
                                        'changes': {'name': {'before': 'UK Stock', 'after': 'uk stock'}}}]
    plan = plan_stocks([entry('UK Stock', 'uk'), {'name': 'US Stock', 'sales_channels': None}], CURRENT)
    assert not plan.changed and plan.body == [] and plan.diff() == []
    assert plan.summary == {'added': [], 'updated': [], 'removed': [], 'unlisted': ['Outlet Stock']}
    assert plan.before == plan.after == CURRENT


def test_new_stock_takes_a_website_from_default_stock():
    plan = plan_stocks([entry('DE Stock', 'de')], [stock(1, 'Default Stock', 'base', 'de')])
    assert plan.summary['added'] == [{'name': 'DE Stock', 'sales_channels': websites('de')}]
    assert plan.summary['updated'] == [{'stock_id': 1, 'name': 'Default Stock', 'changes': {
        'sales_channels': {'before': websites('base', 'de'), 'after': websites('base')}}}]
    assert plan.body == [{'action': 'create', 'key': 'new: %s' % name_key('DE Stock'), 'stock_id': None,
                          'stock': {'name': 'DE Stock', 'extension_attributes': {'sales_channels': websites('de')}}}]
    assert plan.warnings == ["website 'de' moves from stock 'Default Stock' (1) to stock 'DE Stock'"]
    assert [diff['after_header'] for diff in plan.diff()] == ["stock 'Default Stock' (1) (after)",
                                                              "stock 'DE Stock' (new) (after)"]


def test_a_website_moving_between_listed_stocks_needs_one_save():
    plan = plan_stocks([entry('UK Stock'), entry('US Stock', 'us', 'uk')], CURRENT)
    assert [write['stock_id'] for write in plan.body] == [3], 'the stock that takes the website is saved first'
    assert [update['stock_id'] for update in plan.summary['updated']] == [2, 3]
    assert plan.warnings == ["website 'uk' moves from stock 'UK Stock' (2) to stock 'US Stock' (3)"]


def test_a_dropped_website_falls_back_to_default_stock():
    plan = plan_stocks([entry('UK Stock')], CURRENT)
    assert plan.body[0]['stock']['extension_attributes'] == {'sales_channels': []}
    assert plan.after[0] == stock(1, 'Default Stock', 'base', 'uk')
    assert plan.warnings == ["website 'uk' leaves stock 'UK Stock' (2) and Magento assigns it to Default Stock (1)"]


def test_default_stock_listed_with_fewer_websites_than_it_would_hold_fails():
    with pytest.raises(InvalidInput, match="websites uk would end on stock 'Default Stock' .1. although the list gives "
                                           "it only base"):
        plan_stocks([entry('Default Stock', 'base'), entry('UK Stock')], CURRENT)
    with pytest.raises(InvalidInput, match='websites base would end on'):
        plan_stocks([entry('Default Stock')], CURRENT)
    # Taking the website along is fine: Default Stock is saved first, UK Stock then needs no save.
    plan = plan_stocks([entry('Default Stock', 'base', 'uk'), entry('UK Stock')], CURRENT)
    assert [write['stock_id'] for write in plan.body] == [1]


@pytest.mark.parametrize('entries, message', [
    ([entry('A', 'x'), entry('B', 'x')], "website 'x' is listed on stocks 'A' and 'B'"),
    ([entry('A'), entry(' a ')], r"stocks\[1\] lists stock ' a ' again \(first at stocks\[0\]\)"),
    ([entry('')], r"stocks\[0\] name must be a non-empty name"),
    ([{'name': 'A', 'sales_channels': [{'type': 'store', 'code': 'x'}]}], r"stocks\[0\]\.sales_channels\[0\]\.type"),
])
def test_bad_lists_fail_before_any_write(entries, message):
    with pytest.raises(InvalidInput, match=message):
        plan_stocks(entries, CURRENT)


def test_a_name_matching_several_stocks_is_refused():
    with pytest.raises(InvalidInput, match=r"name 'Twin' matches several stocks \('Twin' \(8\), 'twin' \(9\)\)"):
        plan_stocks([entry('Twin')], CURRENT + [stock(8, 'Twin'), stock(9, 'twin')])


def test_unlisted_delete_removes_stocks_whose_websites_went_to_listed_stocks():
    plan = plan_stocks([entry('Default Stock', 'base'), entry('UK Stock', 'uk', 'us')], CURRENT, unlisted='delete')
    assert [(write['action'], write['stock_id']) for write in plan.body] == [('update', 2), ('delete', 3), ('delete', 7)]
    assert [stock['name'] for stock in plan.summary['removed']] == ['US Stock', 'Outlet Stock']
    assert [stock['stock_id'] for stock in plan.after] == [1, 2]
    headers = [diff['before_header'] for diff in plan.diff()]
    assert headers[-2:] == ["stock 'US Stock' (3) (before)", "stock 'Outlet Stock' (7) (before)"]


def test_unlisted_delete_refuses_a_stock_that_keeps_websites():
    with pytest.raises(InvalidInput, match=r"stock 'US Stock' \(3\) is not listed and would be deleted, but websites us"):
        plan_stocks([entry('UK Stock', 'uk')], CURRENT, unlisted='delete')
