# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract section 13: source_code and sku compare as MySQL's general_ci does (case, trailing spaces)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from conftest import criteria
from magento_msi_emulator import EmulatorServer

LINKS = 'inventory/stock-source-links'


def item(sku, source_code, quantity=1, status=1):
    return {'sku': sku, 'source_code': source_code, 'quantity': quantity, 'status': status}


def source(code, name, **fields):
    built = {'source_code': code, 'name': name, 'country_id': 'FR', 'postcode': 'postcode', 'enabled': True}
    built.update(fields)
    return {'source': built}


def test_s13_get_source_ignores_case_and_trailing_spaces(client):
    for path in ('inventory/sources/EU-1', 'inventory/sources/Eu-1%20%20'):
        response = client.get(path)
        assert (response.status, response.json['source_code']) == (200, 'eu-1')
    assert client.get('inventory/sources/%20eu-1').status == 404


def test_s13_eq_in_and_like_filters(client):
    eq = client.get(LINKS, query=criteria([[('source_code', 'US-1 ', 'eq')]])).json
    assert sorted((link['stock_id'], link['source_code']) for link in eq['items']) == [(20, 'us-1'), (30, 'us-1')]
    found = client.get('inventory/sources', query=criteria([[('source_code', 'EU-2,Us-1', 'in')]])).json
    assert sorted(item['source_code'] for item in found['items']) == ['eu-2', 'us-1']
    like = client.get('inventory/sources', query=criteria([[('source_code', 'EU-D%', 'like')]])).json
    assert [item['source_code'] for item in like['items']] == ['eu-disabled']
    # LIKE compares character by character: no padding of trailing spaces
    assert client.get('inventory/sources', query=criteria([[('source_code', 'eu-1 ', 'like')]])).json['items'] == []


def test_s13_accents_weigh_as_their_base_letter(client):
    assert client.post('inventory/sources', source('entrepot-a', 'Entrepôt A')).status == 200
    found = client.get('inventory/sources', query=criteria([[('name', 'ENTREPOT A', 'eq')]])).json
    assert [item['source_code'] for item in found['items']] == ['entrepot-a']


def test_s13_link_upsert_keeps_the_stored_spelling(client):
    assert client.post(LINKS, {'links': [{'stock_id': 10, 'source_code': 'EU-2', 'priority': 9}]}).status == 200
    assert client.links(10) == [(10, 'eu-1', 1), (10, 'eu-2', 9), (10, 'eu-3', 3), (10, 'eu-disabled', 4)]


def test_s13_new_link_keeps_its_spelling_and_finds_its_source(client):
    assert client.post(LINKS, {'links': [{'stock_id': 20, 'source_code': 'EU-3', 'priority': 2}]}).status == 200
    assert (20, 'EU-3', 2) in client.links()
    ordered = client.get('inventory/get-sources-assigned-to-stock-ordered-by-priority/20').json
    assert [source_row['source_code'] for source_row in ordered] == ['us-1', 'eu-3']


def test_s13_link_delete_matches_through_the_collation(client):
    response = client.post('inventory/stock-source-links-delete', {'links': [{'stock_id': 10, 'source_code': 'EU-1 '}]})
    assert response.status == 200
    assert (10, 'eu-1', 1) not in client.links()


def test_s13_default_rules_stay_exact(client):
    # AssignToDefaultStockDefaultSourceValidator compares with ===: 'DEFAULT' passes it, the foreign key
    # then finds the Default Source through the collation
    assert client.post(LINKS, {'links': [{'stock_id': 10, 'source_code': 'DEFAULT', 'priority': 5}]}).status == 200
    assert (10, 'DEFAULT', 5) in client.links()


def test_s13_source_create_differing_by_case_updates_the_existing_row(client):
    assert client.post('inventory/sources', source('EU-1', 'EU-source-1', city='Lyon')).status == 200
    codes = [row['source_code'] for row in client.state()['sources']]
    assert codes.count('eu-1') == 1 and 'EU-1' not in codes
    assert client.get('inventory/sources/eu-1').json['city'] == 'Lyon'


def test_s13_source_item_upsert_and_delete(client):
    assert client.post('inventory/source-items', {'sourceItems': [item('sku-9', 'EU-1', 4)]}).status == 200
    assert client.post('inventory/source-items', {'sourceItems': [item('SKU-9', 'eu-1', 7)]}).status == 200
    rows = [row for row in client.state()['source_items'] if row['sku'].lower() == 'sku-9']
    assert rows == [{'sku': 'sku-9', 'source_code': 'EU-1', 'quantity': 7.0, 'status': 1}]
    found = client.get('inventory/source-items', query=criteria([[('sku', 'Sku-9', 'eq')]])).json
    assert found['total_count'] == 1
    response = client.post('inventory/source-items-delete', {'sourceItems': [{'sku': 'SKU-9', 'source_code': 'eu-1 '}]})
    assert response.status == 200
    assert [row for row in client.state()['source_items'] if row['sku'].lower() == 'sku-9'] == []


def test_s13_collation_off_compares_exactly(client):
    assert client.control('POST', 'config', {'collation': False}).json['collation'] is False
    assert client.get('inventory/sources/EU-1').status == 404
    response = client.post(LINKS, {'links': [{'stock_id': 10, 'source_code': 'EU-2', 'priority': 9}]})
    assert (response.status, response.json) == (400, {'message': 'Could not save StockSourceLinks'})
    assert client.get(LINKS, query=criteria([[('source_code', 'US-1', 'eq')]])).json['total_count'] == 0
    client.control('POST', 'reset', {})
    assert client.control('GET', 'config').json['collation'] is True


def test_s13_collation_start_up_switch():
    with EmulatorServer(fixture='api-tests', collation=False) as emu:
        assert emu.app.config()['collation'] is False
        assert emu.app.inventory.source_code_for('EU-1') is None
        assert emu.app.inventory.source_code_for('eu-1') == 'eu-1'


def test_s13_cli_switch_turns_the_collation_off():
    from magento_msi_emulator.__main__ import parse_args
    assert parse_args([]).collation is True
    assert parse_args(['--no-collation']).collation is False
