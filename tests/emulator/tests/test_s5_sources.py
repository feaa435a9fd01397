# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract section 5: source validation, upsert, partial update, uniqueness, default source rules."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

EMPTY = '"%field" can not be empty.'


def source(code='wh-1', **fields):
    built = {'source_code': code, 'name': 'Warehouse ' + code, 'country_id': 'US', 'postcode': '10001', 'enabled': True}
    built.update(fields)
    return {'source': built}


def test_s5_post_creates_and_get_reads(client):
    assert client.post('inventory/sources', source(region_id='43', latitude='40.5')).status == 200
    created = client.get('inventory/sources/wh-1').json
    assert created['region_id'] == 43 and created['latitude'] == 40.5
    assert created['name'] == 'Warehouse wh-1'


def test_s5_post_existing_code_updates(client):
    client.post('inventory/sources', source('eu-1', name='EU One', city='Paris'))
    updated = client.get('inventory/sources/eu-1').json
    assert (updated['name'], updated['city']) == ('EU One', 'Paris')


def test_s5_put_unknown_code_creates(client):
    assert client.put('inventory/sources/fresh', source('whatever')).status == 200
    assert client.get('inventory/sources/fresh').json['source_code'] == 'fresh'


def test_s5_partial_update_keeps_unsent_columns(client):
    client.post('inventory/sources', source(city='Boston', phone='555'))
    client.post('inventory/sources', source(city='Salem'))
    stored = client.get('inventory/sources/wh-1').json
    assert (stored['city'], stored['phone']) == ('Salem', '555')


def test_s5_explicit_null_clears_nullable_column(client):
    client.post('inventory/sources', source(city='Boston'))
    client.post('inventory/sources', source(city=None))
    assert 'city' not in client.get('inventory/sources/wh-1').json


def test_s5_enabled_defaults_to_true_on_insert(client):
    body = source()
    del body['source']['enabled']
    client.post('inventory/sources', body)
    assert client.get('inventory/sources/wh-1').json['enabled'] is True


def test_s5_update_is_validated_as_a_whole_object(client):
    response = client.put('inventory/sources/eu-1', {'source': {'city': 'Lyon'}})
    assert response.status == 400
    assert response.json == {'message': 'Validation Failed', 'errors': [
        {'message': EMPTY, 'parameters': {'field': 'name'}},
        {'message': EMPTY, 'parameters': {'field': 'postcode'}},
        {'message': EMPTY, 'parameters': {'field': 'country_id'}},
    ]}


def test_s5_space_code_gives_both_errors_and_template_rule(client):
    response = client.post('inventory/sources', source(' ', name='${bad}'))
    assert response.json['errors'] == [
        {'message': 'Validation Failed', 'parameters': []},
        {'message': EMPTY, 'parameters': {'field': 'source_code'}},
        {'message': '"%field" can not contain whitespaces.', 'parameters': {'field': 'source_code'}},
    ]


@pytest.mark.parametrize('name', ['warehouse EU-SOURCE-1', '  eu-source-1  ', 'EU-SOURCE-1'])
def test_s5_duplicate_name_could_not_save(client, name):
    client.post('inventory/sources', source('wh-2', name='warehouse eu-source-1'))
    response = client.post('inventory/sources', source('wh-3', name=name))
    assert (response.status, response.json) == (400, {'message': 'Could not save Source'})


def test_s5_same_source_may_keep_its_name(client):
    assert client.post('inventory/sources', source('eu-1', name='EU-source-1')).status == 200


def test_s5_country_longer_than_two_could_not_save(client):
    assert client.post('inventory/sources', source(country_id='USA')).json == {'message': 'Could not save Source'}


def test_s11_10_default_source_needs_enabled_true(client):
    body = source('default', name='Default Source', postcode='00000')
    del body['source']['enabled']
    response = client.put('inventory/sources/default', body)
    assert response.json == {'message': 'Validation Failed', 'errors': [
        {'message': 'Default source can not be disabled.', 'parameters': []}]}
    body['source']['enabled'] = True
    assert client.put('inventory/sources/default', body).status == 200


def test_s5_default_source_cannot_be_pickup_location(client):
    body = source('default', name='Default Source', city='x', street='y',
                  extension_attributes={'is_pickup_location_active': True})
    assert {'message': 'The Default Source can not be used for In-Store Pickup Delivery.', 'parameters': []} in (
        client.post('inventory/sources', body).json['errors'])


def test_s5_pickup_location_needs_city_and_street(client):
    response = client.post('inventory/sources', source(extension_attributes={'is_pickup_location_active': True}))
    fields = [error['parameters']['field'] for error in response.json['errors']]
    assert fields == ['city', 'street', 'phone']
    assert response.json['errors'][0]['message'] == '"%field" can not be empty for Pickup Location.'


def test_s5_pickup_extension_attributes_round_trip(client):
    pickup = {'is_pickup_location_active': True, 'frontend_name': 'Shop'}
    body = source(city='Boston', street='Main', extension_attributes=pickup)
    assert client.post('inventory/sources', body).status == 200
    assert client.get('inventory/sources/wh-1').json['extension_attributes'] == {
        'is_pickup_location_active': True, 'frontend_name': 'Shop'}


def test_s5_carrier_links_refused_under_global_shipping(client):
    response = client.post('inventory/sources', source(carrier_links=[{'carrier_code': 'ups', 'position': 1}]))
    assert response.json['errors'] == [{'message': 'You can\'t configure "%field" because you have chosen Global '
                                                   'Shipping configuration.', 'parameters': {'field': 'carrier_links'}}]


def test_s5_get_unknown_is_404(client):
    response = client.get('inventory/sources/nope')
    assert response.status == 404
    assert response.json == {'message': 'Source with code "%value" does not exist.', 'parameters': {'value': 'nope'}}


def test_s5_disabling_a_source_invalidates_inventory(client):
    client.post('inventory/sources', source('eu-1', name='EU-source-1', country_id='FR'))
    assert client.state()['indexers']['inventory'] == 'valid'
    client.post('inventory/sources', source('eu-1', name='EU-source-1', country_id='FR', enabled=False))
    assert client.state()['indexers']['inventory'] == 'invalid'


def test_s5_list_pinned_example(client):
    from conftest import criteria
    query = criteria([[('enabled', '1', 'eq')]], [('name', 'DESC')], page_size=2, current_page=2)
    names = [item['name'] for item in client.get('inventory/sources', query=query).json['items']]
    assert names == ['EU-source-2', 'EU-source-1']
