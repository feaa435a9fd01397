# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Issue 14 section 3: Magento's asynchronous bulk API and its async.operations.all consumer.

What Magento does is in magento_msi_emulator/bulk.py and /work/helper-briefs/bulk-contract-verified.md; these
tests pin the emulator to it. Tests that look at open operations stop the consumer first, so the background
thread never races them.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import re
import time

import pytest

from magento_msi_emulator.bulk import ACL_BULK

BULK = '/rest/all/async/bulk/V1/inventory/source-items'
BULK_DELETE = '/rest/all/async/bulk/V1/inventory/source-items-delete'
SAVE_TOPIC = 'async.V1.inventory.source-items.POST'
SAVED = ('Service execution success '
         'Magento\\Inventory\\Model\\SourceItem\\Command\\SourceItemsSave\\Interceptor::execute')
UUID = re.compile(r'^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')
COMPLETE, NOT_RETRIABLY_FAILED, OPEN = 1, 3, 4


def item(sku, source='eu-1', quantity=5, status=1):
    return {'sku': sku, 'source_code': source, 'quantity': quantity, 'status': status}


def body(*items):
    return {'sourceItems': list(items)}


def stop_consumer(client):
    assert client.control('POST', 'config', {'bulk_consumer_running': False}).status == 200


def schedule(client, bodies, path=BULK, **kwargs):
    response = client.request('POST', path, body=bodies, **kwargs)
    assert response.status == 202, response.raw
    return response.json


def status(client, bulk_uuid, detailed=False):
    response = client.get('bulk/%s/%s' % (bulk_uuid, 'detailed-status' if detailed else 'status'))
    assert response.status == 200, response.raw
    return response.json


def wait_done(client, bulk_uuid, timeout=5.0):
    deadline = time.monotonic() + timeout
    while client.get('bulk/%s/operation-status/%d' % (bulk_uuid, OPEN)).json:
        assert time.monotonic() < deadline, 'the consumer left operations open'
        time.sleep(0.01)
    return status(client, bulk_uuid)


def stored(client):
    return dict(((row['sku'], row['source_code']), row['quantity']) for row in client.state()['source_items'])


def test_s14_enqueue_answers_202_with_one_request_item_per_body(client):
    stop_consumer(client)
    answer = schedule(client, [body(item('B-1')), body(item('B-2'), item('B-3'))])
    assert UUID.match(answer['bulk_uuid'])
    assert answer['errors'] is False
    assert [(entry['id'], entry['status']) for entry in answer['request_items']] == [(0, 'accepted'), (1, 'accepted')]
    assert all(set(entry) == {'id', 'data_hash', 'status'} for entry in answer['request_items'])
    # data_hash: SHA-256 of the operation's serialized_data (MassSchedule, Encryptor HASH_VERSION_SHA256)
    detailed = status(client, answer['bulk_uuid'], detailed=True)['operations_list']
    assert [entry['data_hash'] for entry in answer['request_items']] == [
        hashlib.sha256(operation['serialized_data'].encode('utf-8')).hexdigest() for operation in detailed]
    entry = client.control('GET', 'log').json['requests'][0]
    assert (entry['method'], entry['path'], entry['status'], entry['write']) == ('POST', BULK, 202, True)
    assert stored(client).get(('B-1', 'eu-1')) is None


def test_s14_a_body_failing_the_input_stage_fails_the_whole_request(client):
    """InputParamsResolver resolves every body before anything is scheduled, outside MassSchedule's try."""
    response = client.request('POST', BULK, body=[body(item('OK-1')), {'items': []}])
    assert response.status == 400
    assert response.json == {'message': '"%fieldName" is required. Enter and try again.',
                             'parameters': {'fieldName': 'sourceItems'}}
    response = client.request('POST', BULK, body=[body(dict(item('OK-1'), quantity='many'))])
    assert response.status == 400
    assert client.state()['bulk']['bulks'] == 0


def test_s14_elements_that_are_not_arrays_are_skipped(client):
    stop_consumer(client)
    answer = schedule(client, [5, body(item('SK-1')), 'text', body(item('SK-2'))])
    assert [entry['id'] for entry in answer['request_items']] == [1, 3]
    assert [operation['id'] for operation in status(client, answer['bulk_uuid'])['operations_list']] == [1, 3]


def test_s14_an_empty_array_schedules_an_empty_bulk(client):
    answer = schedule(client, [])
    assert (answer['request_items'], answer['errors']) == ([], False)
    summary = status(client, answer['bulk_uuid'])
    assert (summary['operations_list'], summary['operation_count']) == ([], 0)


def test_s14_the_consumer_completes_the_operations(client):
    answer = schedule(client, [body(item('C-1', quantity=7)), body(item('C-2'), item('C-2', source='eu-2'))])
    summary = wait_done(client, answer['bulk_uuid'])
    assert [(operation['id'], operation['status'], operation['result_message'], operation['error_code'])
            for operation in summary['operations_list']] == [(0, COMPLETE, SAVED, None), (1, COMPLETE, SAVED, None)]
    assert stored(client)[('C-1', 'eu-1')] == 7.0
    assert ('C-2', 'eu-2') in stored(client)
    assert (summary['bulk_id'], summary['operation_count']) == (answer['bulk_uuid'], 2)
    assert summary['description'] == 'Topic ' + SAVE_TOPIC
    assert (summary['user_type'], summary['user_id']) == (1, 1)
    assert re.match(r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$', summary['start_time'])


def test_s14_delete_operations_run_the_delete_service(client):
    schedule(client, [body(item('D-1'), item('D-2'))])
    answer = schedule(client, [body(item('D-1'))], path=BULK_DELETE)
    summary = wait_done(client, answer['bulk_uuid'])
    assert summary['description'] == 'Topic async.V1.inventory.source-items-delete.POST'
    assert summary['operations_list'][0]['result_message'].endswith('SourceItemsDelete\\Interceptor::execute')
    assert ('D-1', 'eu-1') not in stored(client) and ('D-2', 'eu-1') in stored(client)


def test_s14_a_stopped_consumer_leaves_operations_open_until_started(client):
    stop_consumer(client)
    answer = schedule(client, [body(item('O-1')), body(item('O-2'))])
    time.sleep(0.05)
    summary = status(client, answer['bulk_uuid'])
    assert [(operation['status'], operation['result_message'], operation['error_code'])
            for operation in summary['operations_list']] == [(OPEN, None, None)] * 2
    assert client.get('bulk/%s/operation-status/%d' % (answer['bulk_uuid'], OPEN)).json == 2
    assert client.control('GET', 'bulk').json['operations']['open'] == 2
    assert ('O-1', 'eu-1') not in stored(client)
    client.control('POST', 'config', {'bulk_consumer_running': True})
    wait_done(client, answer['bulk_uuid'])
    assert ('O-2', 'eu-1') in stored(client)


def test_s14_operations_can_be_run_one_by_one_through_the_control_endpoint(client):
    stop_consumer(client)
    answer = schedule(client, [body(item('K-1')), body(item('K-2')), body(item('K-3'))])
    consumed = client.control('POST', 'bulk/consume', {'operations': 1}).json
    assert consumed['consumed'] == 1
    assert (consumed['operations']['open'], consumed['operations']['complete']) == (2, 1)
    assert [operation['status'] for operation in status(client, answer['bulk_uuid'])['operations_list']] == [
        COMPLETE, OPEN, OPEN]
    assert client.control('POST', 'bulk/consume', {}).json['consumed'] == 2
    assert client.control('POST', 'bulk/consume', {'operations': -1}).status == 400


@pytest.mark.parametrize('bad_body,message', [
    (body(item('V-1', source='no-such-source')), 'Could not save Source Item'),
    (body(item('')), 'Validation Failed: "sku" can not be empty.'),
    (body(item('V-2', status=7)), 'Validation Failed: "status" should a known status.'),
    (body(), 'Input data is empty'),
])
def test_s14_a_failing_operation_is_status_3_with_the_service_message(client, bad_body, message):
    answer = schedule(client, [body(item('GOOD-1')), bad_body])
    operations = wait_done(client, answer['bulk_uuid'])['operations_list']
    assert [(operation['status'], operation['error_code']) for operation in operations] == [
        (COMPLETE, None), (NOT_RETRIABLY_FAILED, 0)]
    assert operations[1]['result_message'] == message
    assert ('GOOD-1', 'eu-1') in stored(client)


def test_s14_chosen_skus_make_their_operations_fail_without_writing(client):
    client.control('POST', 'config', {'bulk_failing_skus': ['FAIL-1']})
    answer = schedule(client, [body(item('PASS-1')), body(item('PASS-2'), item('FAIL-1'))])
    operations = wait_done(client, answer['bulk_uuid'])['operations_list']
    assert [(operation['status'], operation['result_message']) for operation in operations][1] == (
        NOT_RETRIABLY_FAILED, 'Could not save Source Item')
    assert ('PASS-1', 'eu-1') in stored(client)
    assert ('PASS-2', 'eu-1') not in stored(client) and ('FAIL-1', 'eu-1') not in stored(client)
    deleting = schedule(client, [body(item('FAIL-1'))], path=BULK_DELETE)
    assert wait_done(client, deleting['bulk_uuid'])['operations_list'][0]['result_message'] == (
        'Could not delete Source Items')


def test_s14_chosen_skus_make_their_bodies_rejected(client):
    stop_consumer(client)
    client.control('POST', 'config', {'bulk_rejected_skus': ['REJ-1']})
    answer = schedule(client, [body(item('ACC-1')), body(item('REJ-1'))])
    assert answer['errors'] is True
    rejected = answer['request_items'][1]
    assert (rejected['id'], rejected['status'], rejected['error_code'], rejected['data_hash']) == (
        1, 'rejected', 0, None)
    assert rejected['error_message']
    summary = status(client, answer['bulk_uuid'])
    assert [operation['id'] for operation in summary['operations_list']] == [0]
    assert summary['operation_count'] == 1


def test_s14_detailed_status_shows_every_operation_field(client):
    stop_consumer(client)
    answer = schedule(client, [body(item('DT-1')), body(item('DT-2', source='nowhere'))], path=BULK.replace(
        '/rest/all/', '/rest/default/'))
    open_operation = status(client, answer['bulk_uuid'], detailed=True)['operations_list'][0]
    assert set(open_operation) == {'id', 'bulk_uuid', 'topic_name', 'serialized_data', 'result_serialized_data',
                                   'status', 'result_message', 'error_code'}
    assert (open_operation['bulk_uuid'], open_operation['topic_name']) == (answer['bulk_uuid'], SAVE_TOPIC)
    assert open_operation['serialized_data'].startswith('{"entity_id":null,"entity_link":"","meta_information":')
    assert open_operation['serialized_data'].endswith('"store_id":1}')
    client.control('POST', 'bulk/consume', {})
    done, failed = status(client, answer['bulk_uuid'], detailed=True)['operations_list']
    # OperationProcessor keeps the serialized data only when the operation failed
    assert (done['serialized_data'], done['result_serialized_data']) == (None, None)
    assert failed['serialized_data'] and failed['status'] == NOT_RETRIABLY_FAILED


def test_s14_operation_status_counts(client):
    answer = schedule(client, [body(item('N-1')), body(item('N-2', source='nowhere')), body(item('N-3'))])
    wait_done(client, answer['bulk_uuid'])
    counts = [client.get('bulk/%s/operation-status/%d' % (answer['bulk_uuid'], code)).json for code in range(1, 6)]
    assert counts == [2, 0, 1, 0, 0]
    assert client.get('bulk/no-such-bulk/operation-status/4').json == 0


@pytest.mark.parametrize('route', ['status', 'detailed-status'])
def test_s14_unknown_bulk_uuid_is_404(client, route):
    response = client.get('bulk/4b1e0000-0000-4000-8000-000000000000/' + route)
    assert response.status == 404
    assert response.json == {'message': 'Bulk uuid %bulkUuid not exist',
                             'parameters': {'bulkUuid': '4b1e0000-0000-4000-8000-000000000000'}}


def test_s14_acl_and_tokens(client):
    response = client.request('POST', BULK, body=[body(item('T-1'))], token=None)
    assert response.status == 401
    assert response.json['parameters'] == {'resources': 'Magento_InventoryApi::stock_source_item_assign'}
    response = client.get('bulk/anything/status', token='wrong-token')
    assert (response.status, response.json['parameters']) == (401, {'resources': ACL_BULK})
    # no request processor takes a GET under /async/bulk: refused before any token check
    response = client.request('GET', BULK, token=None)
    assert (response.status, response.json) == (400, {'message': 'Specified request cannot be processed.'})


def test_s14_admin_tokens_are_admin_users(client):
    token = client.post('integration/admin/token', {'username': 'admin', 'password': 'emulator-admin-1'}).json
    answer = schedule(client, [], token=token)
    summary = status(client, answer['bulk_uuid'])
    assert (summary['user_type'], summary['user_id']) == (2, 1)


@pytest.mark.parametrize('path,expected', [
    ('/rest/async/bulk/V1/inventory/source-items', 202),
    ('/rest/default/async/bulk/V1/inventory/source-items', 202),
    ('/rest/nostore/async/bulk/V1/inventory/source-items', 404),
    ('/rest/all/async/bulk/V1/inventory/sources', 404),
    ('/rest/all/async/bulk/V1/inventory/no-such-route', 404),
])
def test_s14_store_codes_and_routes(client, path, expected):
    assert client.request('POST', path, body=[]).status == expected


def test_s14_links_go_through_the_link_service(client):
    links = {'links': [{'stock_id': 20, 'source_code': 'eu-1', 'priority': 4}]}
    answer = schedule(client, [links], path='/rest/all/async/bulk/V1/inventory/stock-source-links')
    operation = wait_done(client, answer['bulk_uuid'])['operations_list'][0]
    assert operation['result_message'].endswith('StockSourceLinksSave\\Interceptor::execute')
    assert (20, 'eu-1', 4) in client.links(20)
    assert client.state()['indexers']['inventory'] == 'invalid'


def test_s14_each_operation_waits_its_write_cost(client):
    client.control('POST', 'config', {'write_cost_per_request_ms': 40, 'write_cost_per_item_ms': 10})
    started = time.monotonic()
    answer = schedule(client, [body(item('W-1'), item('W-2')), body(item('W-3'))])
    wait_done(client, answer['bulk_uuid'])
    # (40 + 2 x 10) + (40 + 1 x 10) ms, one operation after the other
    assert time.monotonic() - started >= 0.11
    # the request itself costs nothing: the answer came before the operations ran
    assert 'cost_ms' not in client.control('GET', 'log').json['requests'][0]


def test_s14_the_rate_spaces_operation_starts(client):
    client.control('POST', 'config', {'bulk_consumer_operations_per_second': 20})
    started = time.monotonic()
    answer = schedule(client, [body(item('R-%d' % number)) for number in range(4)])
    wait_done(client, answer['bulk_uuid'])
    assert time.monotonic() - started >= 0.14


def test_s14_reset_clears_the_queue_and_the_bulks(client):
    stop_consumer(client)
    answer = schedule(client, [body(item('Z-1'))])
    assert client.state()['bulk']['open'] == 1
    client.control('POST', 'reset', {})
    assert client.state()['bulk'] == {'complete': 0, 'failed_retriably': 0, 'failed': 0, 'open': 0, 'rejected': 0,
                                      'bulks': 0}
    assert client.get('bulk/%s/status' % answer['bulk_uuid']).status == 404
    assert client.control('GET', 'config').json['bulk_consumer_running'] is True
    time.sleep(0.05)
    assert ('Z-1', 'eu-1') not in stored(client)


@pytest.mark.parametrize('change', [
    {'bulk_consumer_running': 'yes'}, {'bulk_consumer_operations_per_second': -1},
    {'bulk_failing_skus': 'SKU-1'}, {'bulk_rejected_skus': [1]},
])
def test_s14_bulk_settings_are_checked(client, change):
    assert client.control('POST', 'config', change).status == 400


def test_s14_bulk_start_up_options():
    from magento_msi_emulator.__main__ import parse_args
    args = parse_args(['--bulk-consumer-stopped', '--bulk-consumer-operations-per-second', '2.5'])
    assert (args.bulk_consumer_running, args.bulk_consumer_operations_per_second) == (False, 2.5)
    assert parse_args([]).bulk_consumer_running is True
    with pytest.raises(SystemExit):
        parse_args(['--bulk-consumer-operations-per-second', '-1'])
