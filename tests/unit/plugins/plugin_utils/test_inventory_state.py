# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The msi role's state file and drift summary: export_state, split_links, split_items, drift_summary."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.plugin_utils.inventory_state import (
    StateProblems,
    drift_summary,
    export_state,
    split_items,
    split_links,
)


def source(code, name, **fields):
    record = {'source_code': code, 'name': name, 'enabled': True, 'country_id': 'GB', 'postcode': 'SW1A 1AA',
              'use_default_carrier_config': True, 'carrier_links': [],
              'extension_attributes': {'is_pickup_location_active': False}}
    record.update(fields)
    return record


def website(code):
    return {'type': 'website', 'code': code}


SOURCES = [source('uk', 'UK', city='London'), source('default', 'Default Source', country_id='US', postcode='00000')]
STOCKS = [{'stock_id': 1, 'name': 'Default Stock', 'sales_channels': [website('base')]},
          {'stock_id': 4, 'name': 'Zürich Stock', 'sales_channels': [website('ch'), website('at')]},
          {'stock_id': 2, 'name': 'a stock', 'sales_channels': []}]
LINKS = [{'stock_id': 4, 'source_code': 'uk', 'priority': 2}, {'stock_id': 1, 'source_code': 'default', 'priority': 1}]


def test_export_names_stocks_sorts_everything_and_orders_fields():
    items = [{'sku': 'B', 'source_code': 'uk', 'quantity': 0, 'status': 0},
             {'sku': 'A', 'source_code': 'uk', 'quantity': '2.5', 'status': 1}]
    state = export_state(SOURCES, STOCKS, LINKS, items)
    assert [record['source_code'] for record in state['msi_sources']] == ['default', 'uk']
    assert list(state['msi_sources'][1]) == ['source_code', 'name', 'enabled', 'country_id', 'city', 'postcode',
                                             'extension_attributes']
    assert 'carrier_links' not in state['msi_sources'][1]
    assert [stock['name'] for stock in state['msi_stocks']] == ['a stock', 'Default Stock', u'Zürich Stock']
    assert state['msi_stocks'][2]['sales_channels'] == [website('at'), website('ch')]
    assert state['msi_links'] == [{'stock': 'Default Stock', 'source_code': 'default', 'priority': 1},
                                  {'stock': u'Zürich Stock', 'source_code': 'uk', 'priority': 2}]
    assert state['msi_source_items'] == [
        {'sku': 'A', 'source_code': 'uk', 'quantity': 2.5, 'status': 'in_stock'},
        {'sku': 'B', 'source_code': 'uk', 'quantity': 0.0, 'status': 'out_of_stock'}]
    assert 'msi_source_items' not in export_state(SOURCES, STOCKS, LINKS)


def test_export_keeps_pickup_fields_and_the_order_of_input_does_not_matter():
    pickup = source('store', 'Store', city='Leeds', street='1 Main St', extension_attributes={
        'frontend_name': 'Leeds', 'is_pickup_location_active': True})
    state = export_state([pickup] + SOURCES, list(reversed(STOCKS)), list(reversed(LINKS)))
    assert state == export_state(SOURCES + [pickup], STOCKS, LINKS)
    assert state['msi_sources'][1]['extension_attributes'] == {'is_pickup_location_active': True, 'frontend_name': 'Leeds'}


@pytest.mark.parametrize('sources, stocks, links, items, message', [
    (SOURCES, STOCKS + [{'stock_id': 9, 'name': ' a STOCK', 'sales_channels': []}], [], None,
     r"stock name 'a stock' is used by stocks 2 \('a stock'\), 9 \(' a STOCK'\); the file names stocks by name"),
    (SOURCES + [source('uk2', 'uk')], STOCKS, [], None, "source name 'UK' is used by sources 'uk', 'uk2'"),
    ([source('uk', 'UK', carrier_links=[{'carrier_code': 'ups'}], use_default_carrier_config=False)], STOCKS, [], None,
     "source 'uk' has its own shipping carriers"),
    ([source('uk', 'UK', warehouse_grade='A')], STOCKS, [], None, r"source 'uk' has fields .* \(warehouse_grade\)"),
    ([source('uk', 'UK', extension_attributes={'is_pickup_location_active': True})], STOCKS, [], None,
     "source 'uk': city must not be empty for a pickup location"),
    (SOURCES, STOCKS, [{'stock_id': 3, 'source_code': 'uk', 'priority': 1}], None, 'stock 3 is not among the stocks read'),
    (SOURCES, STOCKS, [{'stock_id': 1, 'source_code': 'uk', 'priority': 1}], None,
     'Magento allows no link of Default Stock or Default Source'),
    (SOURCES, [{'stock_id': 1, 'name': 'Default Stock', 'sales_channels': [{'type': 'store', 'code': 'x'}]}], [], None,
     "sales channel of type 'store'"),
    (SOURCES, STOCKS, [], [{'sku': ' A', 'source_code': 'uk', 'quantity': 1, 'status': 1}],
     'the SKU is empty or has leading or trailing spaces'),
    (SOURCES, STOCKS, [], [{'sku': 'A', 'source_code': 'uk', 'quantity': 1, 'status': 3}], 'status 3'),
])
def test_export_refuses_what_could_not_round_trip(sources, stocks, links, items, message):
    with pytest.raises(StateProblems, match=message):
        export_state(sources, stocks, links, items)


def stocks_result(after, unlisted=(), added=()):
    return {'plan': {'added': list(added), 'updated': [], 'removed': [], 'unlisted': list(unlisted)},
            'before': [stock for stock in after if stock['stock_id'] is not None], 'after': after}


def sources_result(added=()):
    return {'plan': {'added': [{'source_code': code} for code in added], 'updated': [], 'removed': [],
                     'unlisted': []}}


LISTED = [{'stock_id': 1, 'name': 'Default Stock'}, {'stock_id': 2, 'name': 'UK Stock'},
          {'stock_id': 3, 'name': 'Spare'}, {'stock_id': 7, 'name': 'Outlet'}, {'stock_id': None, 'name': 'New Stock'}]
WANTED = [{'stock': 'UK Stock', 'source_code': 'uk', 'priority': 1},
          {'stock': 'new stock', 'source_code': 'uk', 'priority': 1},
          {'stock': 'UK Stock', 'source_code': 'NEW_SOURCE', 'priority': 2}]


def test_split_links_in_check_mode_holds_back_links_of_stocks_and_sources_to_create():
    split = split_links(WANTED, stocks_result(LISTED, unlisted=['Outlet']), sources_result(['new_source']), True)
    assert split['ready'] == WANTED[:1]
    assert split['pending'] == WANTED[1:]
    assert split['emptied'] == [{'stock': 'Spare'}], 'Default Stock, unlisted and new stocks are never emptied'


def test_split_links_outside_check_mode_gives_every_link_to_the_module():
    split = split_links(WANTED, stocks_result(LISTED), sources_result(['new_source']), False)
    assert split['ready'] == WANTED and split['pending'] == []
    assert split_links(WANTED, {'skipped': True}, None, True)['emptied'] == []


def test_split_items_holds_back_items_of_new_sources_in_check_mode():
    items = [{'sku': 'A', 'source_code': 'uk'}, {'sku': 'A', 'source_code': 'new_source'}]
    assert split_items(items, sources_result(['NEW_SOURCE']), True) == {'ready': items[:1], 'pending': items[1:]}
    assert split_items(items, sources_result(['new_source']), False)['pending'] == []


def test_drift_summary_per_resource_with_stock_names_and_pending_links():
    results = {
        'sources': {'plan': {'added': [{'source_code': 'de'}],
                             'updated': [{'source_code': 'uk', 'changes': {'city': {}, 'name': {}}}],
                             'removed': [], 'unlisted': ['old']}},
        'stocks': {'plan': {'added': [], 'updated': [], 'removed': [], 'unlisted': []},
                   'before': [{'stock_id': 2, 'name': 'UK Stock'}], 'after': []},
        'links': [{'plan': {'added': [], 'removed': [],
                            'updated': [{'stock_id': 2, 'source_code': 'uk', 'priority': 1, 'previous_priority': 3}]}},
                  {'skipped': True}],
        'pending_links': [{'stock': 'New', 'source_code': 'de', 'priority': 1}],
        'source_items': {'skipped': True},
        'managed': {'sources': True, 'stocks': True, 'links': True, 'source_items': False},
    }
    summary = drift_summary(results)
    assert summary['differs'] is True and summary['total'] == 5
    assert summary['sources']['updated'] == [{'source_code': 'uk', 'fields': ['city', 'name']}]
    assert summary['links']['updated'] == [{'stock': 'UK Stock', 'stock_id': 2, 'source_code': 'uk', 'priority': 1,
                                            'previous_priority': 3}]
    assert summary['links']['added'][0]['stock'] == 'New'
    assert summary['counts']['sources'] == {'added': 1, 'updated': 1, 'removed': 0, 'unlisted': 1}
    assert summary['lines'] == ['sources: 1 added, 1 updated, 0 removed, 1 unlisted',
                                'stocks: 0 added, 0 updated, 0 removed, 0 unlisted',
                                'links: 1 added, 1 updated, 0 removed', 'source_items: not managed']


def test_drift_summary_of_an_unchanged_store_says_nothing_differs():
    quiet = {'plan': {'added': [], 'updated': [], 'removed': [], 'unlisted': []}, 'before': [], 'after': []}
    summary = drift_summary({'sources': quiet, 'stocks': quiet, 'links': [dict(quiet)], 'source_items': quiet})
    assert summary['differs'] is False and summary['total'] == 0
    assert all(summary[resource]['managed'] for resource in ('sources', 'stocks', 'links', 'source_items'))


def test_unlisted_records_the_run_disables_or_deletes_are_not_left_as_drift():
    plan = {'plan': {'added': [], 'updated': [], 'removed': [], 'unlisted': ['old']}, 'before': [], 'after': []}
    assert drift_summary({'sources': plan, 'stocks': plan})['total'] == 2
    summary = drift_summary({'sources': plan, 'stocks': plan, 'unlisted_sources': 'disable', 'unlisted_stocks': 'delete'})
    assert summary['total'] == 0 and summary['sources']['unlisted'] == []
