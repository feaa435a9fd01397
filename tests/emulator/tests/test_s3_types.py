# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract section 3: output types, absent nulls, input coercion and type errors."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from conftest import criteria

INTERNAL = 'Internal Error. Details are available in Magento log file. Report ID: webapi-'


def test_s3_link_ints_are_json_ints(client):
    items = client.get('inventory/stock-source-links', query=criteria([[('stock_id', '20', 'eq')]])).json['items']
    assert items == [{'stock_id': 20, 'source_code': 'us-1', 'priority': 1}]


def test_s3_source_nulls_absent_and_carrier_config_true(client):
    source = client.get('inventory/sources/eu-1').json
    assert 'region' not in source and 'latitude' not in source
    assert source['use_default_carrier_config'] is True
    assert source['carrier_links'] == []
    assert source['enabled'] is True
    assert source['extension_attributes'] == {'is_pickup_location_active': False}


def test_s3_default_source_shape(client):
    source = client.get('inventory/sources/default').json
    assert source['latitude'] == 0.0 and isinstance(source['latitude'], float)
    assert (source['name'], source['country_id'], source['postcode']) == ('Default Source', 'US', '00000')


def test_s3_numeric_strings_and_floats_become_ints(client):
    body = {'links': [{'stock_id': '10', 'source_code': 'us-1', 'priority': 1.7}]}
    assert client.post('inventory/stock-source-links', body).status == 200
    assert (10, 'us-1', 1) in client.links()


def test_s3_nested_type_error_message(client):
    response = client.post('inventory/stock-source-links', {'links': [{'stock_id': 'ten', 'source_code': 'x', 'priority': 1}]})
    assert response.status == 400
    assert response.json == {'message': 'Error occurred during "stock_id" processing. The "ten" value\'s type is invalid. '
                                        'The "int" type was expected. Verify and try again.'}


def test_s3_bool_for_int_is_rejected(client):
    response = client.post('inventory/stock-source-links', {'links': [{'stock_id': 10, 'source_code': 'x', 'priority': True}]})
    assert response.status == 400
    assert response.json['message'].startswith('Error occurred during "priority" processing.')


def test_s3_path_param_type_error(client):
    response = client.get('inventory/get-sources-assigned-to-stock-ordered-by-priority/not_numeric')
    assert response.status == 400
    assert response.json == {'message': 'The "not_numeric" value\'s type is invalid. The "int" type was expected. '
                                        'Verify and try again.'}


def test_s3_float_field_type_error(client):
    body = {'sourceItems': [{'sku': 'a', 'source_code': 'eu-1', 'quantity': 'test', 'status': 1}]}
    response = client.post('inventory/source-items', body)
    assert response.json == {'message': 'Error occurred during "quantity" processing. The "test" value\'s type is invalid. '
                                        'The "float" type was expected. Verify and try again.'}


def test_s3_bool_coercion_follows_filter_validate_boolean(client):
    base = {'source_code': 'flag', 'name': 'Flag', 'country_id': 'US', 'postcode': '1'}
    client.post('inventory/sources', {'source': dict(base, enabled='yes')})
    assert client.get('inventory/sources/flag').json['enabled'] is True
    client.post('inventory/sources', {'source': dict(base, enabled='nope')})
    assert client.get('inventory/sources/flag').json['enabled'] is False


def test_s3_strings_accept_numbers(client):
    source = {'source_code': 12345, 'name': 'Numeric', 'country_id': 'US', 'postcode': 90210, 'enabled': True}
    assert client.post('inventory/sources', {'source': source}).status == 200
    assert client.get('inventory/sources/12345').json['postcode'] == '90210'


def test_s3_unknown_body_key_is_masked_500_up_to_2_4_6(client):
    client.control('POST', 'config', {'magento_version': '2.4.6'})
    response = client.post('inventory/stock-source-links',
                           {'links': [{'stock_id': 10, 'source_code': 'us-1', 'priority': 1, 'link_id': 4}]})
    assert response.status == 500
    assert response.json['message'].startswith(INTERNAL)
    assert set(response.json) == {'message'}
    assert (10, 'us-1', 1) not in client.links()


def test_s3_camel_case_body_keys_are_accepted(client):
    response = client.post('inventory/stock-source-links', {'links': [{'stockId': 10, 'sourceCode': 'us-1', 'priority': 2}]})
    assert response.status == 200
    assert (10, 'us-1', 2) in client.links()


def test_s3_stock_has_sales_channels_extension(client):
    assert client.get('inventory/stocks/1').json == {
        'stock_id': 1, 'name': 'Default Stock', 'extension_attributes': {'sales_channels': [{'type': 'website', 'code': 'base'}]}}


def test_s3_unknown_body_key_is_an_input_error_from_2_4_7(client):
    for version in ('2.4.7', '2.4.8'):
        client.control('POST', 'config', {'magento_version': version})
        body = {'links': [{'stock_id': 10, 'source_code': 'us-1', 'priority': 1, 'link_id': 4}]}
        response = client.post('inventory/stock-source-links', body)
        assert (response.status, response.json) == (400, {
            'message': '"%fieldName" is not supported. Correct the field name and try again.',
            'parameters': {'fieldName': 'LinkId'}})
    assert (10, 'us-1', 1) not in client.links()


def test_s3_unknown_key_in_extension_attributes_is_refused_too(client):
    body = {'source': {'source_code': 'x1', 'name': 'X1', 'country_id': 'US', 'postcode': '1', 'enabled': True,
                       'extension_attributes': {'pickup_hours': 'all day'}}}
    response = client.post('inventory/sources', body)
    assert (response.status, response.json['parameters']) == (400, {'fieldName': 'PickupHours'})


def test_s3_array_for_a_string_names_its_type(client):
    body = {'sourceItems': [{'sku': 'a', 'source_code': [], 'quantity': 1, 'status': 1}]}
    response = client.post('inventory/source-items', body)
    assert response.json == {'message': 'Error occurred during "source_code" processing. The "array" value\'s type '
                                        'is invalid. The "string" type was expected. Verify and try again.'}


def test_s3_version_is_checked_and_reset(client):
    response = client.control('POST', 'config', {'magento_version': '2.3.7'})
    assert (response.status, response.json) == (400, {'message': 'magento_version must be one of 2.4.6, 2.4.7, 2.4.8'})
    client.control('POST', 'config', {'magento_version': '2.4.6'})
    client.control('POST', 'reset', {})
    assert client.control('GET', 'config').json['magento_version'] == '2.4.8'


def test_s3_version_start_up_option():
    from magento_msi_emulator.__main__ import parse_args
    assert parse_args([]).magento_version == '2.4.8'
    assert parse_args(['--magento-version', '2.4.6']).magento_version == '2.4.6'
