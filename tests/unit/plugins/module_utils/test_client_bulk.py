# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client's calls to Magento's asynchronous bulk API, over a scripted transport."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils import bulk_writes
from ansible_collections.commerceops.magento.plugins.module_utils.client import MagentoApiError, MagentoClient

TOKEN = "tok-bulk-3f9a-secret"
UUID = "6a6fa3b6-4c64-4c8c-9a33-2f09d0b3c1de"
ITEM = {"sku": "24-MB01", "source_code": "uk", "quantity": 5.0, "status": 1}


def client(**kwargs):
    return MagentoClient(url="http://shop.test", token=TOKEN, **kwargs)


def receipt(count, uuid=UUID):
    return {"bulk_uuid": uuid, "errors": False,
            "request_items": [{"id": index, "data_hash": "ab%d" % index, "status": "accepted"} for index in range(count)]}


def test_enqueue_posts_the_bodies_as_one_array_under_the_async_bulk_root(transport):
    transport.answer(202, receipt(2))
    magento = client(store_code="default")
    bodies = [{"sourceItems": [ITEM]}, {"sourceItems": [dict(ITEM, source_code="de")]}]
    answer = magento.enqueue_bulk("inventory/source-items", bodies)
    assert answer["bulk_uuid"] == UUID
    seen = transport.requests[0]
    assert (seen.method, seen.path) == ("POST", "/rest/default/async/bulk/V1/inventory/source-items")
    assert seen.body == bodies
    assert seen.headers["authorization"] == "Bearer " + TOKEN
    # queued is not carried out: writes_sent counts the operations the consumer completes
    assert magento.writes_accepted == 0 and magento.requests_sent == 1


def test_an_answer_that_is_not_a_bulk_receipt_is_an_error_naming_the_module(transport):
    transport.answer(200, [])
    with pytest.raises(MagentoApiError) as caught:
        client().enqueue_bulk("inventory/source-items", [{"sourceItems": [ITEM]}])
    assert "POST /rest/all/async/bulk/V1/inventory/source-items answered without a bulk_uuid" in caught.value.message
    assert "Magento_WebapiAsync" in caught.value.message


def test_a_refused_bulk_is_magentos_message_and_queued_nothing(transport):
    transport.answer(400, {"message": '"%fieldName" is not supported. Correct the field name and try again.',
                           "parameters": {"fieldName": "qty"}})
    with pytest.raises(MagentoApiError) as caught:
        client().enqueue_bulk("inventory/source-items", [{"sourceItems": [ITEM]}])
    assert caught.value.status == 400 and '"qty" is not supported' in caught.value.message


def test_bulk_status_reads_the_short_status_with_the_uuid_in_one_segment(transport):
    transport.answer(200, {"operations_list": [{"id": 0, "status": 4, "result_message": None, "error_code": None}],
                           "operation_count": 1, "bulk_id": UUID})
    transport.answer(200, {"operations_list": [], "operation_count": 0})
    answer = client().bulk_status(UUID)
    assert answer["operation_count"] == 1
    assert (transport.requests[0].method, transport.requests[0].path) == ("GET", "/rest/all/V1/bulk/%s/status" % UUID)
    client().bulk_status("a/b")
    assert transport.requests[1].path == "/rest/all/V1/bulk/a%2Fb/status"


def test_bulk_status_without_an_operations_list_is_an_error(transport):
    transport.answer(200, "not a status")
    with pytest.raises(MagentoApiError) as caught:
        client().bulk_status(UUID)
    assert "answered without an operations_list" in caught.value.message


def status(*statuses, **message):
    return {"operation_count": len(statuses), "operations_list": [
        {"id": index, "status": value, "result_message": message.get("text") if value == 3 else None,
         "error_code": 0 if value == 3 else None} for index, value in enumerate(statuses)]}


def test_apply_through_the_real_client_counts_completed_operations_and_redacts_echoed_secrets(transport):
    unknown = {"message": "Bulk uuid %bulkUuid not exist", "parameters": {"bulkUuid": "0"}}
    transport.answer(404, unknown)                                  # the status-access check
    transport.answer(202, receipt(2))                               # the saves, two bodies of one item
    transport.answer(200, status(1, 3, text="Validation Failed: echoed Bearer %s" % TOKEN))
    magento = client()
    with pytest.raises(bulk_writes.BulkWriteError) as caught:
        bulk_writes.apply(magento, [("save", "inventory/source-items", [ITEM, dict(ITEM, sku="24-WB04")]),
                                    ("delete", "inventory/source-items-delete", [dict(ITEM, sku="OLD")])],
                          "sourceItems", 1, 30)
    assert [request.path for request in transport.requests] == [
        "/rest/all/V1/bulk/00000000-0000-4000-8000-000000000000/status",
        "/rest/all/async/bulk/V1/inventory/source-items",
        "/rest/all/V1/bulk/%s/status" % UUID]
    assert magento.writes_accepted == 1
    error = caught.value
    assert "24-WB04 @ uk" in error.message and "Validation Failed: echoed Bearer ********" in error.message
    assert TOKEN not in error.message and TOKEN not in repr(error.result)
    assert error.result["failed_operations"][0]["source_items"] == [{"sku": "24-WB04", "source_code": "uk"}]
    assert "The 1 removals were not sent" in error.message


def test_credentials_without_access_to_bulk_statuses_queue_nothing(transport):
    transport.answer(401, {"message": "The consumer isn't authorized to access %resources.",
                           "parameters": {"resources": "Magento_AsynchronousOperations::system_magento_logging_bulk_operations"}})
    with pytest.raises(MagentoApiError) as caught:
        bulk_writes.apply(client(), [("save", "inventory/source-items", [ITEM])], "sourceItems", 500, 30)
    assert len(transport.requests) == 1 and transport.requests[0].method == "GET"
    assert "grant the integration or admin role the resource" in caught.value.message
    assert "write_mode=sync" in caught.value.message and TOKEN not in caught.value.message
