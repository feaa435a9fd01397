# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract sections 6 and 11.11: stocks, sales channels, delete rules and cascade."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

EMPTY = '"%field" can not be empty.'


def stock(name, *websites, **extra):
    body = {'name': name, 'extension_attributes': {'sales_channels': [{'type': 'website', 'code': w} for w in websites]}}
    body.update(extra)
    return {'stock': body}


def channels(client, stock_id):
    return [c['code'] for c in client.get('inventory/stocks/%d' % stock_id).json['extension_attributes']['sales_channels']]


def test_s6_post_returns_bare_int_id(client):
    response = client.post('inventory/stocks', stock('Asia', 'eu_website'))
    assert (response.status, response.raw.strip()) == (200, b'31')
    assert channels(client, 31) == ['eu_website']


def test_s6_created_with_given_id_when_missing(client):
    assert client.post('inventory/stocks', stock('Given', stock_id=55)).json == 55
    assert client.put('inventory/stocks/77', stock('Put-created')).json == 77
    assert client.post('inventory/stocks', stock('Next')).json == 78


def test_s6_validation_errors(client):
    response = client.post('inventory/stocks', {'stock': {'name': ' ', 'extension_attributes': {'sales_channels': [
        {'type': 'website', 'code': ''}, {'type': '', 'code': 'x'}, {'type': 'website', 'code': 'mars'}]}}})
    assert response.json == {'message': 'Validation Failed', 'errors': [
        {'message': EMPTY, 'parameters': {'field': 'name'}},
        {'message': EMPTY, 'parameters': {'field': 'code'}},
        {'message': 'The website with code "%code" does not exist.', 'parameters': {'code': ''}},
        {'message': EMPTY, 'parameters': {'field': 'type'}},
        {'message': 'The website with code "%code" does not exist.', 'parameters': {'code': 'mars'}},
    ]}


def test_s6_duplicate_name_could_not_save(client):
    response = client.post('inventory/stocks', stock(' eu-STOCK '))
    assert (response.status, response.json) == (400, {'message': 'Could not save Stock'})
    assert client.put('inventory/stocks/10', stock('EU-stock')).status == 200


def test_s6_website_moves_silently_between_stocks(client):
    client.put('inventory/stocks/10', stock('EU-stock', 'eu_website'))
    client.put('inventory/stocks/20', stock('US-stock', 'eu_website', 'us_website'))
    assert channels(client, 10) == []
    assert channels(client, 20) == ['eu_website', 'us_website']


def test_s11_11_omitted_websites_go_to_default_stock(client):
    client.put('inventory/stocks/10', stock('EU-stock', 'eu_website', 'global_website'))
    client.put('inventory/stocks/10', stock('EU-stock', 'global_website'))
    assert channels(client, 1) == ['base', 'eu_website']
    client.put('inventory/stocks/10', {'stock': {'name': 'EU-stock'}})
    assert channels(client, 1) == ['base', 'eu_website', 'global_website']
    assert channels(client, 10) == []


def test_s6_default_stock_keeps_its_channels(client):
    client.put('inventory/stocks/1', {'stock': {'name': 'Default Stock'}})
    assert channels(client, 1) == ['base']


def test_s6_get_unknown_is_404(client):
    response = client.get('inventory/stocks/-1')
    assert (response.status, response.json) == (404, {'message': 'Stock with id "%value" does not exist.',
                                                      'parameters': {'value': -1}})


def test_s6_delete_rules_in_order(client):
    assert client.delete('inventory/stocks/1').json == {'message': 'Default Stock could not be deleted.'}
    client.put('inventory/stocks/10', stock('EU-stock', 'eu_website'))
    response = client.delete('inventory/stocks/10')
    assert (response.status, response.json) == (400, {'message': 'Stock has at least one sale channel and could not be deleted.'})
    response = client.delete('inventory/stocks/404')
    assert response.status == 404
    assert response.json == {'message': 'There is no stock with "%fieldValue" for "%fieldName". Verify and try again.',
                             'parameters': {'fieldName': 'stock_id', 'fieldValue': 404}}


def test_s6_delete_cascades_links(client):
    response = client.delete('inventory/stocks/30')
    assert (response.status, response.json) == (200, [])
    assert client.links(30) == []
    assert client.get('inventory/stocks/30').status == 404
    assert len(client.links()) == 6


def test_s6_delete_non_numeric_id_is_type_error(client):
    response = client.delete('inventory/stocks/abc')
    assert response.status == 400
    assert 'The "int" type was expected' in response.json['message']


def test_s6_unknown_stock_key_is_masked_500_before_2_4_7(client):
    client.control('POST', 'config', {'magento_version': '2.4.6'})
    response = client.post('inventory/stocks', stock('X', color='red'))
    assert response.status == 500


def test_s6_unknown_stock_key_is_not_supported_from_2_4_7(client):
    response = client.post('inventory/stocks', stock('X', color='red'))
    assert (response.status, response.json) == (400, {
        'message': '"%fieldName" is not supported. Correct the field name and try again.',
        'parameters': {'fieldName': 'Color'}})
