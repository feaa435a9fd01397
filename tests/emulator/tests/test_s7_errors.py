# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract section 7: error bodies, 401 per ACL resource, input limits, no tracebacks."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import pytest

from conftest import criteria

ACL_CASES = [
    ('GET', 'inventory/stock-source-links', 'Magento_InventoryApi::stock_source_link'),
    ('POST', 'inventory/stock-source-links', 'Magento_InventoryApi::stock_source_link'),
    ('POST', 'inventory/stock-source-links-delete', 'Magento_InventoryApi::stock_source_link'),
    ('GET', 'inventory/get-sources-assigned-to-stock-ordered-by-priority/1', 'Magento_InventoryApi::source'),
    ('GET', 'inventory/sources', 'Magento_InventoryApi::source'),
    ('PUT', 'inventory/sources/eu-1', 'Magento_InventoryApi::source_edit'),
    ('POST', 'inventory/stocks', 'Magento_InventoryApi::stock_edit'),
    ('DELETE', 'inventory/stocks/10', 'Magento_InventoryApi::stock_delete'),
    ('GET', 'inventory/stocks/10', 'Magento_InventoryApi::stock'),
    ('POST', 'inventory/source-items', 'Magento_InventoryApi::stock_source_item_assign'),
]


@pytest.mark.parametrize('method,path,resource', ACL_CASES)
@pytest.mark.parametrize('token', [None, 'wrong-token'])
def test_s7_401_body(client, method, path, resource, token):
    response = client.rest(method, path, {} if method in ('POST', 'PUT') else None, token=token)
    assert response.status == 401
    assert response.json == {'message': "The consumer isn't authorized to access %resources.",
                             'parameters': {'resources': resource}}


def test_s7_bearer_scheme_is_case_insensitive(client):
    response = client.request('GET', '/rest/V1/inventory/stocks/1', token=None,
                              headers={'Authorization': 'bEaReR emulator-token'})
    assert response.status == 200


def test_s7_500_body_is_masked_with_report_id(client):
    client.control('POST', 'config', {'magento_version': '2.4.6'})
    response = client.post('inventory/sources', {'source': {'nonsense': 1}})
    assert response.status == 500
    assert re.match(r'^Internal Error\. Details are available in Magento log file\. Report ID: webapi-[0-9a-f]+$',
                    response.json['message'])


@pytest.mark.parametrize('raw', [b'[1, 2]', b'"text"', b'42', b'null', b'{"links": "abc"}', b'{"links": [5]}',
                                 b'{"links": {"0": {"stock_id": [1]}}}', b'{"source": 3}'])
def test_s7_odd_bodies_get_magento_answers(client, raw):
    for path in ('inventory/stock-source-links', 'inventory/sources'):
        response = client.post(path, raw_body=raw)
        assert response.status in (400, 500)
        assert set(response.json) <= {'message', 'parameters', 'errors'}


def test_s7_two_missing_params_aggregate(client):
    response = client.post('integration/admin/token', {}, token=None)
    assert response.status == 400
    assert response.json == {'message': 'One or more input exceptions have occurred.', 'errors': [
        {'message': '"%fieldName" is required. Enter and try again.', 'parameters': {'fieldName': 'username'}},
        {'message': '"%fieldName" is required. Enter and try again.', 'parameters': {'fieldName': 'password'}}]}


def test_s7_input_limits_off_by_default(client):
    links = [{'stock_id': 30, 'source_code': 'eu-1', 'priority': p} for p in range(1, 23)]
    assert client.post('inventory/stock-source-links', {'links': links}).status == 200
    response = client.get('inventory/stock-source-links', query=criteria(page_size=500))
    assert response.status == 200
    assert 'page_size' not in client.get('inventory/stock-source-links', query=criteria()).json['search_criteria']


def test_s7_input_limits_item_count(client):
    config = client.control('POST', 'config', {'input_limits': True}).json
    assert (config['input_limits'], config['two_factor'], config['echo_requests']) == (True, False, False)
    links = [{'stock_id': 30, 'source_code': 'eu-1', 'priority': p} for p in range(1, 22)]
    response = client.post('inventory/stock-source-links', {'links': links})
    assert response.status == 400
    assert response.json == {'message': 'Maximum items of type "%type" is %max',
                             'parameters': {'type': '\\Magento\\InventoryApi\\Api\\Data\\StockSourceLinkInterface',
                                            'max': 20}}
    assert client.post('inventory/stock-source-links', {'links': links[:20]}).status == 200


def test_s7_input_limits_page_size(client):
    client.control('POST', 'config', {'input_limits': True})
    response = client.get('inventory/stock-source-links', query=criteria(page_size=301))
    assert (response.status, response.json) == (400, {'message': 'Maximum SearchCriteria pageSize is %max',
                                                      'parameters': {'max': 300}})
    for number in range(25):
        client.post('inventory/stocks', {'stock': {'name': 'S%d' % number}})
    listed = client.get('inventory/stocks').json
    assert (listed['search_criteria']['page_size'], len(listed['items']), listed['total_count']) == (20, 20, 29)
