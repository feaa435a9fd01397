# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput
from ansible_collections.commerceops.magento.plugins.module_utils.stock_plan import (
    find_stock,
    normalise_sales_channels,
    plan_stock,
    stock_view,
)


def website(code):
    return {'type': 'website', 'code': code}


DEFAULT = {'stock_id': 1, 'name': 'Default Stock', 'sales_channels': [website('base'), website('de')]}
UK = {'stock_id': 2, 'name': 'UK Stock', 'sales_channels': [website('uk')]}
EMPTY = {'stock_id': 7, 'name': 'Spare', 'sales_channels': []}
STOCKS = [DEFAULT, UK, EMPTY]


def test_stock_view_flattens_and_sorts_channels():
    raw = {'stock_id': '3', 'name': 'S', 'extension_attributes': {
        'sales_channels': [website('b'), website('a'), website('a')]}}
    assert stock_view(raw) == {'stock_id': 3, 'name': 'S', 'sales_channels': [website('a'), website('b')]}
    assert stock_view({'stock_id': 4, 'name': 'T'})['sales_channels'] == []


def test_find_stock_by_id_or_by_name():
    assert find_stock(STOCKS, stock_id=2) is UK
    assert find_stock(STOCKS, name=' uk stock') is UK
    assert find_stock(STOCKS, stock_id=9, name='UK Stock') is None


def test_create_by_name_has_no_id_and_warns_about_moved_website():
    plan = plan_stock(STOCKS, 'present', name='DE Stock', sales_channels=[{'code': 'de'}])
    assert plan.summary['action'] == 'create'
    assert plan.body == {'name': 'DE Stock', 'extension_attributes': {'sales_channels': [website('de')]}}
    assert plan.after == {'stock_id': None, 'name': 'DE Stock', 'sales_channels': [website('de')]}
    assert plan.warnings == ["website 'de' moves from stock 'Default Stock' (1) to stock 'DE Stock'"]


def test_create_with_given_id_sends_it():
    plan = plan_stock(STOCKS, 'present', stock_id=20, name='US Stock')
    assert plan.body == {'stock_id': 20, 'name': 'US Stock', 'extension_attributes': {'sales_channels': []}}
    assert plan.warnings == []


def test_absent_id_without_name_cannot_be_created():
    with pytest.raises(InvalidInput, match='stock_id 20 does not exist; creating it needs a name'):
        plan_stock(STOCKS, 'present', stock_id=20)


def test_unchanged_stock_plans_nothing_whatever_the_channel_order():
    plan = plan_stock(STOCKS, 'present', stock_id=1, sales_channels=[website('de'), website('base'), website('de')])
    assert plan.summary['action'] is None and plan.body is None and plan.before is DEFAULT


def test_omitted_channels_are_sent_back_on_rename():
    plan = plan_stock(STOCKS, 'present', stock_id=2, name='United Kingdom')
    assert plan.summary['action'] == 'update'
    assert plan.body == {'stock_id': 2, 'name': 'United Kingdom',
                         'extension_attributes': {'sales_channels': [website('uk')]}}
    assert plan.warnings == []


def test_dropped_website_warns_it_goes_to_default_stock():
    plan = plan_stock(STOCKS, 'present', name='UK Stock', sales_channels=[])
    assert plan.body['extension_attributes'] == {'sales_channels': []}
    assert plan.warnings == ["website 'uk' leaves stock 'UK Stock' (2) and Magento assigns it to Default Stock (1)"]


def test_websites_cannot_be_taken_off_default_stock():
    with pytest.raises(InvalidInput, match=r'cannot be taken off Default Stock \(de\)'):
        plan_stock(STOCKS, 'present', stock_id=1, sales_channels=[website('base')])


def test_rename_onto_another_stocks_name_is_refused():
    with pytest.raises(InvalidInput, match="'default stock' is already used by stock 'Default Stock' \\(1\\)"):
        plan_stock(STOCKS, 'present', stock_id=2, name='default stock')


@pytest.mark.parametrize('channels, message', [
    ([{'type': 'store', 'code': 'x'}], "sales_channels\\[0\\].type must be 'website', got 'store'"),
    ([website('a'), {'type': 'website', 'code': ' '}], "sales_channels\\[1\\].code must name a website, got ' '"),
])
def test_bad_channels_are_named(channels, message):
    with pytest.raises(InvalidInput, match=message):
        normalise_sales_channels(channels)


@pytest.mark.parametrize('identity, message', [
    ({}, 'give stock_id or name'),
    ({'stock_id': 0}, 'stock_id must be a positive integer, got 0'),
    ({'name': ' '}, "name must not be empty, got ' '"),
])
def test_bad_identity_is_refused(identity, message):
    with pytest.raises(InvalidInput, match=message):
        plan_stock(STOCKS, 'present', **identity)


def test_delete_empty_stock():
    plan = plan_stock(STOCKS, 'absent', name='Spare')
    assert plan.summary['action'] == 'delete' and plan.before is EMPTY and plan.after is None


def test_delete_missing_stock_is_a_no_op():
    assert plan_stock(STOCKS, 'absent', stock_id=99).summary['action'] is None


def test_delete_default_stock_is_refused():
    with pytest.raises(InvalidInput, match='refuses to delete Default Stock'):
        plan_stock(STOCKS, 'absent', stock_id=1)


def test_delete_stock_with_channels_explains_what_to_do():
    with pytest.raises(InvalidInput, match=r"stock 'UK Stock' \(2\) while it still has sales channels \(uk\); assign"):
        plan_stock(STOCKS, 'absent', name='UK Stock')
