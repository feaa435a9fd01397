# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract section 13: writes cost time (synchronous reindex), off by default, recorded in the request log.

Timing is only ever checked from below: a loaded machine makes a request slower, never faster.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import pytest

ITEMS = 'inventory/source-items'


def items(count):
    return [{'sku': 'COST-%d' % number, 'source_code': 'eu-1', 'quantity': 1, 'status': 1} for number in range(count)]


def last_entry(client):
    return client.control('GET', 'log').json['requests'][-1]


def test_s13_no_cost_by_default(client):
    config = client.control('GET', 'config').json
    assert (config['write_cost_per_item_ms'], config['write_cost_per_request_ms']) == (0, 0)
    assert client.post(ITEMS, {'sourceItems': items(3)}).status == 200
    assert 'cost_ms' not in last_entry(client)


def test_s13_fifty_items_at_twenty_ms_take_a_second(client):
    client.control('POST', 'config', {'write_cost_per_item_ms': 20})
    started = time.monotonic()
    assert client.post(ITEMS, {'sourceItems': items(50)}).status == 200
    assert time.monotonic() - started >= 1.0
    assert last_entry(client)['cost_ms'] == 1000.0


def test_s13_cost_per_request_and_per_item_on_every_costed_write(client):
    client.control('POST', 'config', {'write_cost_per_item_ms': 2, 'write_cost_per_request_ms': 5})
    links = [{'stock_id': 20, 'source_code': code, 'priority': 3} for code in ('eu-1', 'eu-2', 'eu-3')]
    writes = [('inventory/stock-source-links', {'links': links}, 11.0),
              ('inventory/stock-source-links-delete', {'links': links[:2]}, 9.0),
              (ITEMS, {'sourceItems': items(4)}, 13.0),
              ('inventory/source-items-delete', {'sourceItems': items(1)}, 7.0)]
    for path, body, expected in writes:
        assert client.post(path, body).status == 200
        assert last_entry(client)['cost_ms'] == expected


@pytest.mark.parametrize('path,body', [
    (ITEMS, {'sourceItems': [{'sku': 'X', 'source_code': 'eu-1'}]}),
    ('inventory/stocks', {'stock': {'name': 'Costless'}}),
])
def test_s13_refused_writes_and_other_routes_cost_nothing(client, path, body):
    client.control('POST', 'config', {'write_cost_per_item_ms': 50, 'write_cost_per_request_ms': 50})
    client.post(path, body)
    client.get('inventory/stocks/1')
    assert [entry.get('cost_ms') for entry in client.control('GET', 'log').json['requests']] == [None, None]


def test_s13_cost_settings_are_checked_and_reset(client):
    assert client.control('POST', 'config', {'write_cost_per_item_ms': -1}).status == 400
    assert client.control('POST', 'config', {'write_cost_per_request_ms': 'slow'}).status == 400
    client.control('POST', 'config', {'write_cost_per_item_ms': 7})
    client.control('POST', 'reset', {})
    assert client.control('GET', 'config').json['write_cost_per_item_ms'] == 0


def test_s13_cost_start_up_options():
    from magento_msi_emulator.__main__ import parse_args
    args = parse_args(['--write-cost-per-item-ms', '30', '--write-cost-per-request-ms', '200'])
    assert (args.write_cost_per_item_ms, args.write_cost_per_request_ms) == (30.0, 200.0)
    with pytest.raises(SystemExit):
        parse_args(['--write-cost-per-item-ms', '-5'])
