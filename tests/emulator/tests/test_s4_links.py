# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract sections 4 and 11.2-11.7: stock-source link save, delete, list, sources by priority."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from conftest import criteria

LINKS = 'inventory/stock-source-links'
DELETE = 'inventory/stock-source-links-delete'
DEFAULT_RULE = {'message': 'Can not save link related to Default Source or Default Stock', 'parameters': []}


def link(stock_id, source_code, priority=None):
    found = {'stock_id': stock_id, 'source_code': source_code}
    if priority is not None:
        found['priority'] = priority
    return found


def test_s4_save_is_upsert(client):
    assert client.post(LINKS, {'links': [link(10, 'eu-2', 9)]}).status == 200
    assert client.links(10) == [(10, 'eu-1', 1), (10, 'eu-2', 9), (10, 'eu-3', 3), (10, 'eu-disabled', 4)]


def test_s4_save_appends_new_links_without_touching_others(client):
    client.post(LINKS, {'links': [link(20, 'eu-1', 2)]})
    assert client.links(20) == [(20, 'us-1', 1), (20, 'eu-1', 2)]


def test_s4_duplicates_in_one_request_later_wins(client):
    client.post(LINKS, {'links': [link(20, 'eu-1', 2), link(20, 'eu-1', 6)]})
    assert (20, 'eu-1', 6) in client.links()


def test_s4_empty_list_is_input_data_empty(client):
    for path in (LINKS, DELETE):
        response = client.post(path, {'links': []})
        assert (response.status, response.json) == (400, {'message': 'Input data is empty'})


def test_s4_validation_collects_every_error(client):
    response = client.post(LINKS, {'links': [{'source_code': ' ', 'priority': 0}, link(10, 'eu-1', -3)]})
    assert response.status == 400
    assert response.json == {'message': 'Validation Failed', 'errors': [
        {'message': '"%field" can not be empty.', 'parameters': {'field': 'source_code'}},
        {'message': '"%field" can not contain whitespaces.', 'parameters': {'field': 'source_code'}},
        {'message': '"%field" can not be empty.', 'parameters': {'field': 'stock_id'}},
        {'message': '"%field" should be greater then 0.', 'parameters': {'field': 'priority'}},
        {'message': '"%field" should be greater then 0.', 'parameters': {'field': 'priority'}},
    ]}


def test_s4_missing_priority_fails(client):
    response = client.post(LINKS, {'links': [link(10, 'us-1')]})
    assert response.json['errors'] == [{'message': '"%field" should be greater then 0.', 'parameters': {'field': 'priority'}}]


def test_s4_stock_id_zero_passes_validation_then_fails_save(client):
    response = client.post(LINKS, {'links': [link(0, 'us-1', 1)]})
    assert (response.status, response.json) == (400, {'message': 'Could not save StockSourceLinks'})


def test_s11_3_default_rule_on_save_pinned_case(client):
    response = client.post(LINKS, {'links': [link(1, 'default', 1), link(1, 'eu-2', 1)]})
    assert response.status == 400
    assert response.json == {'message': 'Validation Failed', 'errors': [DEFAULT_RULE]}
    assert (1, 'eu-2', 1) not in client.links()


def test_s11_3_default_source_on_other_stock_refused(client):
    response = client.post(LINKS, {'links': [link(10, 'default', 1), link(10, 'default', 2)]})
    assert response.json['errors'] == [DEFAULT_RULE, DEFAULT_RULE]


def test_s4_reprioritising_default_link_is_allowed(client):
    assert client.post(LINKS, {'links': [link(1, 'default', 3)]}).status == 200
    assert (1, 'default', 3) in client.links()


def test_s11_5_unknown_stock_or_source_could_not_save(client):
    for bad in (link(99, 'eu-1', 1), link(10, 'nowhere', 1)):
        response = client.post(LINKS, {'links': [link(20, 'eu-3', 1), bad]})
        assert (response.status, response.json) == (400, {'message': 'Could not save StockSourceLinks'})
    assert (20, 'eu-3', 1) not in client.links()


def test_s11_4_priority_above_smallint_could_not_save(client):
    response = client.post(LINKS, {'links': [link(10, 'us-1', 65536)]})
    assert response.json == {'message': 'Could not save StockSourceLinks'}
    assert client.post(LINKS, {'links': [link(10, 'us-1', 65535)]}).status == 200


def test_s4_save_invalidates_inventory_indexer(client):
    assert client.state()['indexers'] == {'inventory': 'valid'}
    client.post(LINKS, {'links': [link(10, 'us-1', 5)]})
    assert client.state()['indexers'] == {'inventory': 'invalid'}


def test_s4_failed_save_leaves_indexer_valid(client):
    client.post(LINKS, {'links': [link(99, 'us-1', 5)]})
    assert client.state()['indexers'] == {'inventory': 'valid'}


def test_s11_3_default_stock_rule_on_delete(client):
    for offending in (link(1, 'default'), link(10, 'default'), link(1, 'eu-1')):
        response = client.post(DELETE, {'links': [link(10, 'eu-1'), offending]})
        assert (response.status, response.json) == (
            400, {'message': 'Can not delete link related to Default Source or Default Stock'})
    assert (10, 'eu-1', 1) in client.links()


def test_s11_6_delete_ignores_absent_links(client):
    response = client.post(DELETE, {'links': [link(20, 'eu-1'), link(10, 'eu-2', 99)]})
    assert (response.status, response.json) == (200, [])
    assert client.links(10) == [(10, 'eu-1', 1), (10, 'eu-3', 3), (10, 'eu-disabled', 4)]
    assert client.state()['indexers']['inventory'] == 'invalid'


def test_s11_7_list_requires_search_criteria(client):
    response = client.get(LINKS)
    assert response.status == 400
    assert response.json == {'message': '"%fieldName" is required. Enter and try again.',
                             'parameters': {'fieldName': 'searchCriteria'}}


def test_s4_list_in_insertion_order(client):
    client.post(LINKS, {'links': [link(20, 'eu-3', 2), link(20, 'eu-1', 3)]})
    items = client.get(LINKS, query=criteria([[('stock_id', '20', None)]])).json['items']
    assert [item['source_code'] for item in items] == ['us-1', 'eu-3', 'eu-1']


def test_s4_sources_ordered_by_priority(client):
    response = client.get('inventory/get-sources-assigned-to-stock-ordered-by-priority/30')
    assert response.status == 200
    assert [source['source_code'] for source in response.json] == ['us-1', 'eu-disabled', 'eu-3', 'eu-2', 'eu-1']
    assert response.json[1]['enabled'] is False
    assert response.json[0]['name'] == 'US-source-1'


def test_s4_sources_of_unknown_stock_is_empty(client):
    response = client.get('inventory/get-sources-assigned-to-stock-ordered-by-priority/777')
    assert (response.status, response.json) == (200, [])
