# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract section 8, pagination: every page reflects the state at the time it is served.

The emulator keeps the filtered rows of a link search for its next page; these tests make sure
a change between two pages is never hidden by that.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from conftest import criteria

LINKS = 'inventory/stock-source-links'
BY_STOCK_AND_PRIORITY = [('stock_id', 'ASC'), ('priority', 'ASC')]


def page(client, number, filter_groups=None, sort_orders=None):
    response = client.get(LINKS, query=criteria(filter_groups, sort_orders or BY_STOCK_AND_PRIORITY, 2, number))
    assert response.status == 200, response.json
    return response.json


def pairs(body):
    return [(item['stock_id'], item['source_code']) for item in body['items']]


def test_s8_pages_of_one_search_cut_one_ordered_list(client):
    in_30 = [[('stock_id', '30', 'in')]]
    pages = [pairs(page(client, number, in_30)) for number in (1, 2, 3)]
    assert pages == [[(30, 'us-1'), (30, 'eu-disabled')], [(30, 'eu-3'), (30, 'eu-2')], [(30, 'eu-1')]]


def test_s8_a_saved_priority_shows_on_the_next_page(client):
    in_10 = [[('stock_id', '10,20', 'in')]]
    assert pairs(page(client, 1, in_10)) == [(10, 'eu-1'), (10, 'eu-2')]
    saved = client.post(LINKS, {'links': [{'stock_id': 10, 'source_code': 'eu-1', 'priority': 9}]})
    assert saved.status == 200, saved.json
    second = page(client, 2, in_10)
    assert pairs(second) == [(10, 'eu-disabled'), (10, 'eu-1')]
    assert second['total_count'] == 5


def test_s8_a_new_link_and_a_deleted_one_change_the_total(client):
    in_20 = [[('stock_id', '20', 'eq')]]
    assert page(client, 1, in_20)['total_count'] == 1
    assert client.post(LINKS, {'links': [{'stock_id': 20, 'source_code': 'eu-2', 'priority': 2}]}).status == 200
    assert page(client, 1, in_20)['total_count'] == 2
    deleted = client.post(LINKS + '-delete', {'links': [{'stock_id': 20, 'source_code': 'us-1'}]})
    assert deleted.status == 200, deleted.json
    assert pairs(page(client, 1, in_20)) == [(20, 'eu-2')]


def test_s8_links_of_a_deleted_stock_leave_the_next_page(client):
    assert page(client, 1)['total_count'] == 11
    assert client.delete('inventory/stocks/30').status == 200
    body = page(client, 1)
    assert body['total_count'] == 6
    assert all(stock_id != 30 for stock_id, dummy in pairs(page(client, 3)))


def test_s8_another_filter_is_not_served_from_the_previous_search(client):
    assert page(client, 1, [[('stock_id', '10', 'eq')]])['total_count'] == 4
    assert page(client, 1, [[('stock_id', '10', 'neq')]])['total_count'] == 7
    assert pairs(page(client, 1, sort_orders=[('priority', 'DESC'), ('source_code', 'ASC')])) == [
        (30, 'eu-1'), (30, 'eu-2')]
