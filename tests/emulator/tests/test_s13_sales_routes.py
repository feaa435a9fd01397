# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract section 13: stock-resolver and get-product-salable-quantity (InventorySalesApi)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

SALABLE = 'inventory/get-product-salable-quantity/'
NO_PRODUCT = {'message': "The product that was requested doesn't exist. Verify the product and try again."}


def save_items(client, *items):
    body = {'sourceItems': [{'sku': sku, 'source_code': code, 'quantity': qty, 'status': status}
                            for sku, code, qty, status in items]}
    assert client.post('inventory/source-items', body).status == 200


def test_s13_stock_resolver_finds_the_stock_of_a_website(client):
    body = {'stock': {'name': 'EU-stock', 'extension_attributes': {
        'sales_channels': [{'type': 'website', 'code': 'eu_website'}]}}}
    assert client.put('inventory/stocks/10', body).status == 200
    assert client.get('inventory/stock-resolver/website/eu_website').json == {
        'stock_id': 10, 'name': 'EU-stock',
        'extension_attributes': {'sales_channels': [{'type': 'website', 'code': 'eu_website'}]}}
    assert client.get('inventory/stock-resolver/website/base').json['stock_id'] == 1
    assert client.get('inventory/stock-resolver/WEBSITE/Eu_Website').json['stock_id'] == 10


def test_s13_stock_resolver_unknown_channel_is_404(client):
    response = client.get('inventory/stock-resolver/website/mars')
    assert (response.status, response.json) == (404, {'message': 'No linked stock found'})


def test_s13_sales_routes_need_the_sales_stock_resource(client):
    for path in ('inventory/stock-resolver/website/base', SALABLE + 'SKU-1/10'):
        response = client.get(path, token=None)
        assert (response.status, response.json['parameters']) == (401, {'resources': 'Magento_InventorySalesApi::stock'})


def test_s13_salable_quantity_sums_in_stock_items_of_enabled_linked_sources(client):
    save_items(client, ('SKU-1', 'eu-1', 5.5, 1), ('SKU-1', 'eu-2', 3, 1), ('SKU-1', 'eu-3', 10, 0),
               ('SKU-1', 'eu-disabled', 10, 1), ('SKU-1', 'us-1', 2, 1))
    assert client.get(SALABLE + 'SKU-1/10').json == 8.5
    assert client.get(SALABLE + 'SKU-1/20').json == 2.0
    assert client.get(SALABLE + 'SKU-1/30').json == 10.5


def test_s13_salable_quantity_zero_when_nothing_is_salable(client):
    save_items(client, ('SKU-2', 'eu-3', 4, 0), ('SKU-3', 'eu-1', 0, 1))
    assert client.get(SALABLE + 'SKU-2/10').json == 0
    assert client.get(SALABLE + 'SKU-3/10').json == 0
    assert client.get(SALABLE + 'SKU-2/20').json == 0


def test_s13_salable_quantity_items_match_through_the_collation_products_do_not(client):
    save_items(client, ('SKU-1', 'eu-1', 5, 1), ('sku-1', 'EU-2', 1, 1))
    assert client.get(SALABLE + 'SKU-1/10').json == 6.0
    assert client.get(SALABLE + 'Sku-1/10').json == NO_PRODUCT


def test_s13_default_stock_reads_the_default_source(client):
    save_items(client, ('SKU-4', 'default', 7, 1), ('SKU-4', 'eu-1', 100, 1), ('SKU-5', 'default', 3, 0))
    assert client.get(SALABLE + 'SKU-4/1').json == 7.0
    assert client.get(SALABLE + 'SKU-5/1').json == 0


@pytest.mark.parametrize('path,status,body', [
    ('NOPE/10', 404, NO_PRODUCT),
    ('SKU-1/777', 400, {'message': 'Could not receive Stock Item data'}),
    ('SKU-1/ten', 400, {'message': 'The "ten" value\'s type is invalid. The "int" type was expected. '
                                   'Verify and try again.'}),
])
def test_s13_salable_quantity_errors(client, path, status, body):
    save_items(client, ('SKU-1', 'eu-1', 5, 1))
    response = client.get(SALABLE + path)
    assert (response.status, response.json) == (status, body)


def test_s13_fixture_products_exist_without_items_and_their_type_counts(client, tmp_path):
    fixture = tmp_path / 'catalog.json'
    fixture.write_text('{"stocks": [{"stock_id": 1, "name": "Default Stock"}], "sources": [], '
                       '"products": ["PLAIN", {"sku": "CONF", "type_id": "configurable"}]}')
    client.control('POST', 'reset', {'fixture': str(fixture)})
    assert client.get(SALABLE + 'PLAIN/1').json == 0
    response = client.get(SALABLE + 'CONF/1')
    assert (response.status, response.json) == (400, {
        'message': "Can't check requested quantity for products without Source Items support."})
