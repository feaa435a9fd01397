# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test helpers: request log, state, reset, fixtures, faults, config, indexers, the CLI."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import http.client
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import Client
from magento_msi_emulator import EmulatorServer

EMULATOR_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_log_records_reads_and_writes(client):
    client.get('inventory/stocks/1', query='a=1')
    client.post('inventory/stock-source-links', {'links': [{'stock_id': 10, 'source_code': 'us-1', 'priority': 5}]})
    client.state()
    requests = client.control('GET', 'log').json['requests']
    assert [(r['method'], r['path'], r['query'], r['status'], r['write']) for r in requests] == [
        ('GET', '/rest/all/V1/inventory/stocks/1', 'a=1', 200, False),
        ('POST', '/rest/all/V1/inventory/stock-source-links', '', 200, True)]
    assert requests[0]['body'] is None
    assert requests[1]['body'] == {'links': [{'stock_id': 10, 'source_code': 'us-1', 'priority': 5}]}
    assert requests[1]['seq'] > requests[0]['seq']
    assert client.control('DELETE', 'log').status == 200
    assert client.control('GET', 'log').json == {'requests': []}


def test_reset_restores_fixture_and_clears(client):
    client.delete('inventory/stocks/30')
    client.control('POST', 'faults', {'fail_next': 5})
    assert client.control('POST', 'reset', {'fixture': 'tutorial'}).status == 200
    state = client.state()
    assert [s['name'] for s in state['stocks']] == ['Default Stock', 'UK Stock', 'US Stock']
    expected_sources = ['default', 'uk_warehouse', 'uk_store', 'de_warehouse', 'us_warehouse']
    assert [s['source_code'] for s in state['sources']] == expected_sources
    assert state['links'] == [{'stock_id': 1, 'source_code': 'default', 'priority': 1}]
    assert client.control('GET', 'log').json == {'requests': []}
    assert client.get('inventory/stocks/2').json['extension_attributes']['sales_channels'] == [
        {'type': 'website', 'code': 'uk'}]
    assert client.control('POST', 'reset', {'fixture': 'nope'}).status == 400


def test_default_fixture_is_install_data(client):
    client.control('POST', 'reset', {'fixture': 'default'})
    state = client.state()
    assert state['links'] == [{'stock_id': 1, 'source_code': 'default', 'priority': 1}]
    assert [s['source_code'] for s in state['sources']] == ['default']
    assert state['source_items'] == [] and state['indexers'] == {'inventory': 'valid'}


def test_fixture_file_with_websites(tmp_path):
    path = tmp_path / 'shop.json'
    path.write_text('{"websites": ["base", "mars"], "stocks": [{"stock_id": 1, "name": "Default Stock"}]}')
    with EmulatorServer(fixture=str(path)) as emu:
        client = Client(emu)
        assert client.post('inventory/stocks', {'stock': {'name': 'Mars', 'extension_attributes': {
            'sales_channels': [{'type': 'website', 'code': 'mars'}]}}}).json == 2


def test_fail_next_with_retry_after_then_recovers(client):
    client.control('POST', 'faults', {'fail_next': 2, 'status': 429, 'retry_after': 3})
    first = client.get('inventory/stocks/1')
    assert (first.status, first.headers['Retry-After']) == (429, '3')
    assert client.get('inventory/stocks/1').status == 429
    assert client.get('inventory/stocks/1').status == 200
    assert [r['status'] for r in client.control('GET', 'log').json['requests']] == [429, 429, 200]


def test_faults_do_not_touch_state_or_control_endpoints(client):
    client.control('POST', 'faults', {'fail_next': 1, 'status': 503})
    assert client.state()['links']
    response = client.post('inventory/stock-source-links', {'links': [{'stock_id': 10, 'source_code': 'us-1', 'priority': 5}]})
    assert response.status == 503
    assert (10, 'us-1', 5) not in client.links()


def test_dropped_connection_has_no_response(client):
    client.control('POST', 'faults', {'drop_next': 1})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        client.get('inventory/stocks/1')
    assert client.get('inventory/stocks/1').status == 200
    assert [r['status'] for r in client.control('GET', 'log').json['requests']] == [None, 200]


def test_lost_answer_applies_the_write_and_spares_reads(client):
    client.control('POST', 'faults', {'lose_answer_next': 1})
    assert client.get('inventory/stocks/1').status == 200
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        client.post('inventory/stock-source-links', {'links': [{'stock_id': 10, 'source_code': 'us-1', 'priority': 5}]})
    assert (10, 'us-1', 5) in client.links()
    log = client.control('GET', 'log').json['requests']
    assert [(r['method'], r['status'], r.get('answer_lost', False)) for r in log] == [
        ('GET', 200, False), ('POST', 200, True)]
    response = client.post('inventory/stock-source-links', {'links': [{'stock_id': 10, 'source_code': 'us-1', 'priority': 6}]})
    assert response.status == 200


def test_seeded_fraction_is_reproducible(client):
    def run():
        client.control('POST', 'faults', {'fraction': 0.5, 'seed': 7, 'status': 502})
        return [client.get('inventory/stocks/1').status for _attempt in range(12)]
    first = run()
    assert run() == first
    assert set(first) == {200, 502}


def test_fault_settings_are_validated(client):
    assert client.control('POST', 'faults', {'status': 418}).status == 400
    assert client.control('POST', 'faults', {'bogus': 1}).status == 400
    assert client.control('DELETE', 'faults').json['fail_next'] == 0


def test_latency_setting_still_answers(client):
    client.control('POST', 'faults', {'latency_ms': 5})
    assert client.get('inventory/stocks/1').status == 200


def test_indexer_control_endpoint(client):
    client.post('inventory/stock-source-links', {'links': [{'stock_id': 10, 'source_code': 'us-1', 'priority': 5}]})
    assert client.state()['indexers']['inventory'] == 'invalid'
    assert client.control('POST', 'indexers/inventory', {'status': 'valid'}).json == {'inventory': 'valid'}
    assert client.state()['indexers']['inventory'] == 'valid'


def test_unknown_control_path_is_404(client):
    assert client.control('GET', 'nothing').status == 404
    assert client.request('GET', '/index.php').status == 404


def test_cli_port_file_and_sigterm(tmp_path):
    port_file = tmp_path / 'port'
    env = dict(os.environ, PYTHONPATH=EMULATOR_DIR)
    process = subprocess.Popen([sys.executable, '-m', 'magento_msi_emulator', '--port', '0', '--port-file', str(port_file),
                                '--fixture', 'tutorial', '--token', 'cli-token', '--admin-user', 'ops:secret'],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = process.stdout.readline().decode()
        assert line.startswith('Magento MSI emulator listening on http://127.0.0.1:')
        for _attempt in range(100):
            if port_file.exists():
                break
            time.sleep(0.05)
        port = int(port_file.read_text())
        assert line.strip().endswith(':%d' % port)
        conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
        conn.request('GET', '/rest/V1/inventory/stocks/2', headers={'Authorization': 'Bearer cli-token'})
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        process.stdout.close()
        process.stderr.close()
