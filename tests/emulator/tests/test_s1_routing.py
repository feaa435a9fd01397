# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract section 1: URL prefix, check order, input sources, status and body conventions."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from conftest import criteria

NO_ROUTE = {'message': 'Request does not match any route.'}


@pytest.mark.parametrize('prefix', ['/rest/V1', '/rest/all/V1', '/rest/default/V1'])
def test_s1_store_prefixes_reach_the_same_route(client, prefix):
    response = client.request('GET', prefix + '/inventory/stocks/10')
    assert response.status == 200
    assert response.json['name'] == 'EU-stock'


def test_s1_unknown_store_code_is_no_route(client):
    response = client.request('GET', '/rest/nosuchstore/V1/inventory/stocks/10')
    assert response.status == 404
    assert response.json == NO_ROUTE


def test_s1_wrong_method_is_no_route(client):
    response = client.rest('PATCH', 'inventory/stocks/10', {})
    assert (response.status, response.json) == (404, NO_ROUTE)
    assert client.delete('inventory/sources/eu-1').status == 404


def test_s1_route_check_precedes_acl(client):
    response = client.get('inventory/no-such-thing', token=None)
    assert (response.status, response.json) == (404, NO_ROUTE)


def test_s1_acl_check_precedes_input_parsing(client):
    response = client.post('inventory/stock-source-links', raw_body=b'{not json', token=None)
    assert response.status == 401
    response = client.post('inventory/stock-source-links', raw_body=b'{not json')
    assert (response.status, response.json) == (400, {'message': 'Decoding error.'})


def test_s1_post_takes_input_from_the_query_string(client):
    query = [('links[0][stock_id]', '10'), ('links[0][source_code]', 'eu-1')]
    response = client.post('inventory/stock-source-links-delete', query=query)
    assert (response.status, response.json) == (200, [])
    assert (10, 'eu-1', 1) not in client.links()


def test_s1_post_query_params_win_over_body(client):
    body = {'links': [{'stock_id': 10, 'source_code': 'eu-1', 'priority': 7}]}
    query = [('links[0][stock_id]', '20'), ('links[0][source_code]', 'eu-2'), ('links[0][priority]', '9')]
    assert client.post('inventory/stock-source-links', body, query=query).status == 200
    assert (20, 'eu-2', 9) in client.links()
    assert (10, 'eu-1', 1) in client.links()


def test_s1_get_ignores_the_body(client):
    response = client.request('GET', '/rest/V1/inventory/stock-source-links', body={'searchCriteria': {}})
    assert response.status == 400
    assert response.json['parameters'] == {'fieldName': 'searchCriteria'}


def test_s1_put_injects_url_id_into_body(client):
    body = {'source': {'source_code': 'ignored', 'name': 'Renamed', 'country_id': 'FR', 'postcode': 'p', 'enabled': True}}
    assert client.put('inventory/sources/eu-1', body).status == 200
    assert client.get('inventory/sources/eu-1').json['name'] == 'Renamed'
    assert client.get('inventory/sources/ignored').status == 404


def test_s1_put_stock_url_id_wins(client):
    response = client.put('inventory/stocks/20', {'stock': {'stock_id': 10, 'name': 'US renamed'}})
    assert (response.status, response.json) == (200, 20)
    assert client.get('inventory/stocks/10').json['name'] == 'EU-stock'


def test_s1_path_params_are_urldecoded(client):
    source = {'source_code': 'a+b/c', 'name': 'Odd', 'country_id': 'US', 'postcode': '1', 'enabled': True}
    assert client.post('inventory/sources', {'source': source}).status == 200
    # the route splits the raw path first, so an encoded slash stays inside the parameter
    assert client.get('inventory/sources/a%2Bb%2Fc').json['source_code'] == 'a+b/c'
    space = dict(source, source_code='a b', name='Spacey')
    assert client.post('inventory/sources', {'source': space}).json['errors'][0]['message'] == (
        '"%field" can not contain whitespaces.')
    plus = dict(source, source_code='p+q', name='Plus')
    assert client.post('inventory/sources', {'source': plus}).status == 200
    assert client.get('inventory/sources/p%2Bq').json['name'] == 'Plus'
    assert client.get('inventory/sources/p+q').json['parameters'] == {'value': 'p q'}


def test_s1_void_success_is_an_empty_array(client):
    response = client.post('inventory/stock-source-links', {'links': [{'stock_id': 10, 'source_code': 'us-1', 'priority': 5}]})
    assert response.status == 200
    assert response.raw.strip() == b'[]'


def test_s1_malformed_json_is_a_decoding_error(client):
    response = client.post('inventory/sources', raw_body=b'{"source": ')
    assert (response.status, response.json) == (400, {'message': 'Decoding error.'})


def test_s1_body_without_content_type_is_refused(client):
    response = client.post('inventory/stocks', raw_body=b'{"stock": {"name": "x"}}', content_type=None)
    assert response.status == 400
    assert response.json == {'message': 'Content-Type header is empty.'}


def test_s1_missing_top_level_key_is_required_error(client):
    response = client.post('inventory/stock-source-links', {'linkz': []})
    assert response.status == 400
    assert response.json == {'message': '"%fieldName" is required. Enter and try again.',
                             'parameters': {'fieldName': 'links'}}


def test_s1_null_top_level_key_counts_as_missing(client):
    response = client.post('inventory/stock-source-links', {'links': None})
    assert response.json['parameters'] == {'fieldName': 'links'}


def test_s1_snake_case_top_level_key_is_accepted(client):
    body = {'source_items': [{'sku': 'SKU-1', 'source_code': 'eu-1', 'quantity': 3, 'status': 1}]}
    assert client.post('inventory/source-items', body).status == 200
    assert client.state()['source_items'] == [{'sku': 'SKU-1', 'source_code': 'eu-1', 'quantity': 3.0, 'status': 1}]


def test_s1_list_without_criteria_works_for_sources(client):
    response = client.get('inventory/sources')
    assert response.status == 200
    assert response.json['search_criteria'] == {'filter_groups': []}
    assert response.json['total_count'] == 6
    assert client.get('inventory/stock-source-links', query=criteria()).json['total_count'] == 11
