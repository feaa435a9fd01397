# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract section 8: filters, condition types, sorting, pagination, the search_criteria echo."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from conftest import criteria

LINKS = 'inventory/stock-source-links'


def codes(client, path, query):
    response = client.get(path, query=query)
    assert response.status == 200, response.json
    return [item.get('source_code', item.get('stock_id')) for item in response.json['items']]


def test_s8_or_within_group_and_across_groups(client):
    query = criteria([[('source_code', 'eu-1', 'eq'), ('source_code', 'us-1', 'eq')], [('stock_id', '30', 'eq')]])
    assert codes(client, LINKS, query) == ['eu-1', 'us-1']


def test_s8_camel_case_keys(client):
    query = [('searchCriteria[filterGroups][0][filters][0][field]', 'stock_id'),
             ('searchCriteria[filterGroups][0][filters][0][value]', '20'),
             ('searchCriteria[filterGroups][0][filters][0][conditionType]', 'eq'),
             ('searchCriteria[pageSize]', '5'), ('searchCriteria[currentPage]', '1')]
    response = client.get(LINKS, query=query).json
    assert [item['source_code'] for item in response['items']] == ['us-1']
    assert response['search_criteria'] == {'filter_groups': [{'filters': [
        {'field': 'stock_id', 'value': '20', 'condition_type': 'eq'}]}], 'page_size': 5, 'current_page': 1}


@pytest.mark.parametrize('condition,value,expected', [
    ('eq', 'EU-2', ['eu-2']),
    ('neq', 'default', ['eu-1', 'eu-2', 'eu-3', 'eu-disabled', 'us-1']),
    ('like', 'eu-%', ['eu-1', 'eu-2', 'eu-3', 'eu-disabled']),
    ('like', 'eu-', []),
    ('nlike', '%-%', ['default']),
    ('in', 'us-1,eu-3', ['eu-3', 'us-1']),
    ('nin', 'us-1,eu-3,default', ['eu-1', 'eu-2', 'eu-disabled']),
    ('gt', 'eu-3', ['eu-disabled', 'us-1']),
    ('lt', 'eu-2', ['default', 'eu-1']),
    ('gteq', 'us-1', ['us-1']),
    ('lteq', 'default', ['default']),
    ('from', 'eu-3', ['eu-3', 'eu-disabled', 'us-1']),
    ('to', 'eu-1', ['default', 'eu-1']),
    ('finset', 'eu-1', ['eu-1']),
    ('nosuchcondition', 'eu-1', ['eu-1']),
])
def test_s8_condition_types_on_text(client, condition, value, expected):
    query = criteria([[('source_code', value, condition)]])
    assert codes(client, 'inventory/sources', query) == expected


def test_s8_numeric_conditions_compare_numbers(client):
    query = criteria([[('priority', '3', 'gteq')], [('stock_id', '30', None)]])
    assert codes(client, LINKS, query) == ['eu-1', 'eu-2', 'eu-3']
    query = criteria([[('stock_id', '10,20', 'in')]])
    assert codes(client, LINKS, query) == ['eu-1', 'eu-2', 'eu-3', 'eu-disabled', 'us-1']


def test_s8_null_and_notnull(client):
    client.post('inventory/sources', {'source': {'source_code': 'c1', 'name': 'C', 'country_id': 'US', 'postcode': '1',
                                                 'city': 'Boston', 'enabled': True}})
    assert codes(client, 'inventory/sources', criteria([[('city', '', 'notnull')]])) == ['c1']
    assert len(codes(client, 'inventory/sources', criteria([[('city', '', 'null')]]))) == 6


def test_s8_sort_orders_and_missing_direction_is_desc(client):
    query = criteria([[('stock_id', '30', 'eq')]], [('priority', None)])
    assert codes(client, LINKS, query) == ['eu-1', 'eu-2', 'eu-3', 'eu-disabled', 'us-1']
    query = criteria([[('stock_id', '30', 'eq')]], [('priority', 'asc')])
    response = client.get(LINKS, query=query).json
    assert [item['priority'] for item in response['items']] == [1, 2, 3, 4, 5]
    assert response['search_criteria']['sort_orders'] == [{'field': 'priority', 'direction': 'ASC'}]


def test_s8_multiple_sort_orders(client):
    query = criteria(None, [('source_code', 'ASC'), ('priority', 'DESC')])
    items = client.get(LINKS, query=query).json['items']
    assert [(i['source_code'], i['priority']) for i in items][:3] == [('default', 1), ('eu-1', 5), ('eu-1', 1)]


def test_s8_bad_direction_is_400(client):
    response = client.get(LINKS, query=criteria(None, [('priority', 'UP')]))
    assert (response.status, response.json) == (400, {
        'message': 'The sort order has to be specified as %1 for ascending order or %2 for descending order.',
        'parameters': ['ASC', 'DESC']})


def test_s8_pagination_and_unpaged_total(client):
    response = client.get(LINKS, query=criteria(None, None, page_size=4, current_page=2)).json
    assert [item['source_code'] for item in response['items']] == ['eu-disabled', 'us-1', 'eu-1', 'eu-2']
    assert response['total_count'] == 11


def test_s8_past_last_page_repeats_last_page(client):
    last = client.get(LINKS, query=criteria(None, None, page_size=4, current_page=3)).json
    beyond = client.get(LINKS, query=criteria(None, None, page_size=4, current_page=99)).json
    assert len(last['items']) == 3
    assert beyond['items'] == last['items']
    assert beyond['search_criteria']['current_page'] == 99


def test_s8_page_size_zero_means_all(client):
    response = client.get(LINKS, query=criteria(None, None, page_size=0)).json
    assert len(response['items']) == 11
    assert response['search_criteria'] == {'filter_groups': [], 'page_size': 0}


def test_s8_filter_value_echoed_as_string(client):
    response = client.get(LINKS, query=criteria([[('stock_id', 10, None)]])).json
    assert response['search_criteria'] == {'filter_groups': [{'filters': [{'field': 'stock_id', 'value': '10'}]}]}
    assert response['total_count'] == 4


def test_s8_unknown_field_is_masked_500(client):
    response = client.get(LINKS, query=criteria([[('colour', 'red', 'eq')]]))
    assert response.status == 500


def test_s8_stock_and_source_item_lists(client):
    assert codes(client, 'inventory/stocks', criteria([[('name', '%stock', 'like')]], [('stock_id', 'ASC')])) == [1, 10, 20, 30]
    client.post('inventory/source-items', {'sourceItems': [{'sku': 'A', 'source_code': 'eu-1', 'quantity': 2, 'status': 1},
                                                           {'sku': 'B', 'source_code': 'eu-2', 'quantity': 0, 'status': 0}]})
    query = criteria([[('quantity', '1', 'gt')]])
    assert client.get('inventory/source-items', query=query).json['items'] == [
        {'sku': 'A', 'source_code': 'eu-1', 'quantity': 2.0, 'status': 1}]
    assert client.get('inventory/source-items').status == 400
