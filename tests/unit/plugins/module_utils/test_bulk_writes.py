# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""bulk_writes: the pure parts on their own, then enqueue/wait/apply against a scripted stand-in client."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils import bulk_writes
from ansible_collections.commerceops.magento.plugins.module_utils.bulk_writes import (
    COMPLETE,
    FAILED,
    OPEN,
    REJECTED,
    Bulk,
    BulkWriteError,
    Ledger,
)
from ansible_collections.commerceops.magento.plugins.module_utils.errors import MagentoApiError

SAVE = "inventory/source-items"
DELETE = "inventory/source-items-delete"


def items(count, source="uk", prefix="SKU-"):
    return [{"sku": "%s%05d" % (prefix, index), "source_code": source, "quantity": 1.0, "status": 1}
            for index in range(count)]


def php_json(value):
    return json.dumps(value, separators=(",", ":")).replace("/", "\\/")


def php_stored_operation(key, body, store_id=1):
    """The operation row as Magento stores it: the service parameters' JSON inside the operation's JSON."""
    encode = php_json
    return encode({"entity_id": None, "entity_link": "", "meta_information": encode({key: body}), "store_id": store_id})


def accepted(count):
    return [{"id": index, "data_hash": "h%d" % index, "status": "accepted", "error_message": None}
            for index in range(count)]


# --- cutting ----------------------------------------------------------------------------------------

def test_bodies_keep_batch_size_and_order():
    bodies = bulk_writes.cut_bodies(items(1001), "sourceItems", 500)
    assert [len(body) for body in bodies] == [500, 500, 1]
    assert [item for body in bodies for item in body] == items(1001)


def test_bodies_stay_inside_the_operation_column_whatever_the_sku_length():
    # 200-character SKUs: 500 of them would be far over the 64 KB BLOB Magento stores an operation in.
    long_items = items(500, source="warehouse/" + "x" * 40, prefix="L" * 200)
    bodies = bulk_writes.cut_bodies(long_items, "sourceItems", 500)
    assert len(bodies) > 1
    assert all(len(php_stored_operation("sourceItems", body)) <= bulk_writes.OPERATION_BYTES_BUDGET
               for body in bodies)
    # and not needlessly small: one more item would not have fit
    first, second = bodies[0], bodies[1]
    assert len(php_stored_operation("sourceItems", first + second[:1])) + \
        bulk_writes.ITEM_SLACK_BYTES * (len(first) + 1) > bulk_writes.OPERATION_BYTES_BUDGET


def test_the_estimate_counts_escaped_slashes_and_non_ascii_as_magento_stores_them():
    item = {"sku": u"caf\u00e9/1", "source_code": "uk", "quantity": 1.5, "status": 1}
    body = [item] * 3
    estimate = bulk_writes.operation_overhead("sourceItems") + sum(bulk_writes.item_costs(entry)[0] for entry in body)
    exact = len(php_stored_operation("sourceItems", body, store_id=99999))   # the widest store id it allows for
    assert estimate - 3 * bulk_writes.ITEM_SLACK_BYTES - 1 == exact  # the last item has no comma


def test_an_item_too_big_for_any_body_gets_its_own():
    huge = {"sku": "H" * 70000, "source_code": "uk", "quantity": 1.0, "status": 1}
    bodies = bulk_writes.cut_bodies(items(2) + [huge] + items(2, prefix="T-"), "sourceItems", 500)
    assert [len(body) for body in bodies] == [2, 1, 2]


@pytest.mark.parametrize("sizes, max_bytes, max_bodies, expected", [
    ([100] * 10, 1000, 100, 9),       # 2 bytes of brackets + 9 x 100
    ([100] * 10, 10000, 4, 4),
    ([5000, 10], 1000, 100, 1),       # a body over the budget still goes, alone
    ([10, 5000], 1000, 100, 1),
    ([], 1000, 100, 0),
])
def test_bodies_per_request(sizes, max_bytes, max_bodies, expected):
    assert bulk_writes.bodies_per_request(sizes, max_bytes, max_bodies) == expected


@pytest.mark.parametrize("mode, planned, threshold, expected", [
    ("sync", 10 ** 6, 5000, "sync"),
    ("async_bulk", 1, 5000, "async_bulk"),
    ("auto", 5000, 5000, "sync"),
    ("auto", 5001, 5000, "async_bulk"),
    ("auto", 1, 0, "async_bulk"),
    ("auto", 0, 0, "sync"),
])
def test_resolve_write_mode(mode, planned, threshold, expected):
    assert bulk_writes.resolve_write_mode(mode, planned, threshold) == expected


def test_waiting_zero_seconds_is_refused_only_for_saves_and_removals_together():
    assert bulk_writes.wait_problem([("save", SAVE, items(1)), ("delete", DELETE, items(1))], 0)
    assert bulk_writes.wait_problem([("save", SAVE, items(1)), ("delete", DELETE, [])], 0) is None
    assert bulk_writes.wait_problem([("save", SAVE, items(1)), ("delete", DELETE, items(1))], 5) is None


# --- the ledger: operations back to their items -------------------------------------------------------

def three_bodies():
    return [items(2), items(2, prefix="B-"), items(1, prefix="C-")]


def test_operations_map_to_the_items_of_their_body_by_position():
    bulk = Bulk("u-1", "save", three_bodies(), accepted(3))
    assert bulk.open_count() == 3
    completed = bulk.record({"operation_count": 3, "operations_list": [
        {"id": 0, "status": 1, "result_message": "Service execution success"},
        {"id": 2, "status": 3, "result_message": "Validation Failed", "error_code": 0},
        {"id": 1, "status": 4, "result_message": None}]})
    assert completed == 1 and bulk.open_count() == 1
    failures = bulk.failures()
    assert failures == [dict(bulk_uuid="u-1", operation=2, action="save", status=FAILED, status_name="failed",
                             message="Validation Failed", error_code=0,
                             source_items=[{"sku": "C-00000", "source_code": "uk"}])]


def test_an_operation_completes_once_however_often_it_is_listed():
    bulk = Bulk("u-1", "save", three_bodies(), accepted(3))
    answer = {"operations_list": [{"id": 0, "status": 1}]}
    assert bulk.record(answer) == 1
    assert bulk.record(answer) == 0


def test_operations_magento_has_not_listed_yet_stay_open():
    # issue 36911's other face: operation rows may appear later than the bulk's operation_count says
    bulk = Bulk("u-1", "save", three_bodies(), accepted(3))
    bulk.record({"operation_count": 3, "operations_list": [{"id": 1, "status": 1}]})
    assert bulk.open_count() == 2


def test_database_ids_are_matched_to_the_accepted_bodies_in_order():
    bulk = Bulk("u-1", "save", three_bodies(), accepted(3))
    bulk.record({"operations_list": [{"id": 907, "status": 3, "result_message": "x"}, {"id": 905, "status": 1},
                                     {"id": 906, "status": 1}]})
    assert [failure["operation"] for failure in bulk.failures()] == [2]


def test_a_body_rejected_when_queued_is_a_failure_with_magentos_message_and_never_open():
    request_items = accepted(3)
    request_items[1].update(status="rejected", error_message="Topic is not declared")
    bulk = Bulk("u-1", "save", three_bodies(), request_items)
    assert bulk.open_count() == 2
    bulk.record({"operations_list": [{"id": 0, "status": 1}, {"id": 2, "status": 1}]})
    assert bulk.open_count() == 0
    [failure] = bulk.failures()
    assert (failure["operation"], failure["status"], failure["message"]) == (1, REJECTED, "Topic is not declared")
    assert [item["sku"] for item in failure["source_items"]] == ["B-00000", "B-00001"]


def test_a_body_magento_did_not_answer_for_is_not_waited_for():
    bulk = Bulk("u-1", "save", three_bodies(), accepted(2))
    assert bulk.open_count() == 2 and [failure["operation"] for failure in bulk.failures()] == [2]


def test_ledger_counts_and_report():
    ledger = Ledger()
    first = Bulk("u-1", "save", three_bodies(), accepted(3))
    first.record({"operations_list": [{"id": 0, "status": 1}, {"id": 1, "status": 2}]})
    ledger.add(first)
    ledger.add(Bulk("u-2", "delete", [items(1)], accepted(1)))
    report = ledger.report()
    assert report["uuids"] == ["u-1", "u-2"]
    assert report["operations"] == {"complete": 1, "failed_retriably": 1, "failed": 0, "open": 2, "rejected": 0}
    assert report["consumer"] == "async.operations.all"
    assert ledger.open_count("save") == 1 and ledger.open_count("delete") == 1


# --- messages -----------------------------------------------------------------------------------------

def test_failure_message_names_the_items_magentos_message_and_what_was_not_sent():
    ledger = Ledger()
    bulk = Bulk("u-1", "save", [items(1), items(5, prefix="B-")], accepted(2))
    bulk.record({"operations_list": [{"id": 0, "status": 1},
                                     {"id": 1, "status": 3, "result_message": "Validation Failed"}]})
    ledger.add(bulk)
    message = bulk_writes.failure_message(ledger, bulk_writes.not_sent_message([("delete", DELETE, items(12))]))
    assert message.startswith("1 of 2 bulk operations failed, 1 completed; ")
    assert ("bulk u-1 operation 1, saving 5 items (B-00000 @ uk, B-00001 @ uk, B-00002 @ uk and 2 more): "
            "failed (not retriable): Validation Failed.") in message
    assert "The 12 removals were not sent" in message
    assert "retriable failure" not in message


def test_failure_message_caps_the_operations_it_names_and_explains_retriable_ones():
    ledger = Ledger()
    bulk = Bulk("u-1", "delete", [items(1, prefix="%d-" % index) for index in range(8)], accepted(8))
    bulk.record({"operations_list": [{"id": index, "status": 2, "result_message": "Deadlock"} for index in range(8)]})
    ledger.add(bulk)
    message = bulk_writes.failure_message(ledger)
    assert message.count("failed (retriable): Deadlock") == bulk_writes.MESSAGE_OPERATIONS
    assert "removing 1 item (0-00000 @ uk)" in message
    assert "and 3 more failed operations (see failed_operations)" in message
    assert "usually passes when the task runs again" in message


def test_timeout_with_nothing_done_says_the_consumer_is_not_running_and_how_to_start_it():
    ledger = Ledger()
    ledger.add(Bulk("u-1", "save", three_bodies(), accepted(3)))
    message = bulk_writes.timeout_message(ledger, 3)
    assert "carried out none of them within bulk_wait_timeout=3 s" in message
    assert "u-1" in message and "async.operations.all is most likely not running" in message
    assert "bin/magento queue:consumers:start async.operations.all" in message


def test_timeout_with_some_done_says_the_consumer_is_slow():
    ledger = Ledger()
    bulk = Bulk("u-1", "save", three_bodies(), accepted(3))
    bulk.record({"operations_list": [{"id": 0, "status": 1}]})
    ledger.add(bulk)
    message = bulk_writes.timeout_message(ledger, 60, bulk_writes.not_sent_message([("delete", DELETE, items(2))]))
    assert message.startswith("2 of 3 bulk operations were still open after bulk_wait_timeout=60 s (bulk u-1)")
    assert "carried out 1 so far" in message and "The 2 removals were not sent" in message


# --- enqueue, wait, apply against a stand-in client ------------------------------------------------------

class FakeClock(object):
    def __init__(self):
        self.now = 100.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


class StandInClient(object):
    """Queues like Magento: each POST is a bulk; consume(n) completes the next n open operations."""

    def __init__(self, clock, fail_skus=(), refuse=None, consume_per_poll=None):
        self.clock = clock
        self.fail_skus = set(fail_skus)
        self.refuse = list(refuse or [])     # errors for the next POSTs
        self.consume_per_poll = consume_per_poll
        self.bulks = {}
        self.posts = []
        self.polls = []
        self.writes_accepted = 0
        self.warnings = []
        self.status_access = True

    def warn(self, message):
        self.warnings.append(message)

    def redact(self, value):
        return value

    def note_write_carried_out(self):
        self.writes_accepted += 1

    def enqueue_bulk(self, path, bodies):
        self.posts.append((path, [len(body["sourceItems"]) for body in bodies]))
        if self.refuse:
            raise self.refuse.pop(0)
        uuid = "uuid-%d" % len(self.bulks)
        self.bulks[uuid] = [dict(id=index, status=OPEN, body=body["sourceItems"]) for index, body in enumerate(bodies)]
        return {"bulk_uuid": uuid, "request_items": accepted(len(bodies)), "errors": False}

    def bulk_status(self, uuid):
        if uuid not in self.bulks:
            raise MagentoApiError("no such bulk", status=404 if self.status_access else 401)
        self.polls.append(uuid)
        budget = self.consume_per_poll
        for operation in self.bulks[uuid]:
            if operation["status"] == OPEN and (budget is None or budget > 0):
                failed = any(item["sku"] in self.fail_skus for item in operation["body"])
                operation["status"] = FAILED if failed else COMPLETE
                budget = None if budget is None else budget - 1
        return {"operation_count": len(self.bulks[uuid]), "operations_list": [
            dict(id=operation["id"], status=operation["status"],
                 result_message="Validation Failed" if operation["status"] == FAILED else None)
            for operation in self.bulks[uuid]]}


def run_apply(client, clock, saves, deletes, wait_timeout=60, batch_size=2):
    return bulk_writes.apply(client, [("save", SAVE, saves), ("delete", DELETE, deletes)], "sourceItems",
                             batch_size, wait_timeout, clock=clock, sleep=clock.sleep)


def test_saves_complete_before_the_deletes_are_queued_and_completed_operations_are_the_writes():
    clock = FakeClock()
    client = StandInClient(clock)
    ledger = run_apply(client, clock, items(5), items(2, prefix="D-"))
    assert client.posts == [(SAVE, [2, 2, 1]), (DELETE, [2])]
    assert ledger.uuids() == ["uuid-0", "uuid-1"]
    assert client.writes_accepted == 4
    assert ledger.report()["operations"]["complete"] == 4 and ledger.requests == 2


def test_a_failed_save_stops_the_deletes_and_names_its_items():
    clock = FakeClock()
    client = StandInClient(clock, fail_skus=["SKU-00002"])
    with pytest.raises(BulkWriteError) as caught:
        run_apply(client, clock, items(5), items(2, prefix="D-"))
    assert [path for path, dummy in client.posts] == [SAVE]
    assert "SKU-00002 @ uk, SKU-00003 @ uk" in caught.value.message
    assert "The 2 removals were not sent" in caught.value.message
    result = caught.value.result
    assert result["bulk"]["operations"]["complete"] == 2 and result["bulk"]["operations"]["failed"] == 1
    assert [failure["operation"] for failure in result["failed_operations"]] == [1]
    assert client.writes_accepted == 2


def test_a_stopped_consumer_ends_the_wait_at_the_timeout_with_growing_poll_intervals():
    clock = FakeClock()
    client = StandInClient(clock, consume_per_poll=0)
    with pytest.raises(BulkWriteError) as caught:
        run_apply(client, clock, items(3), [], wait_timeout=10)
    assert clock.sleeps == [0.5, 0.75, 1.125, 1.688, 2.531, 3.406]
    assert round(sum(clock.sleeps), 3) == 10
    assert "uuid-0" in caught.value.message and "not running" in caught.value.message
    assert caught.value.result["bulk"]["uuids"] == ["uuid-0"]
    assert caught.value.result["bulk"]["seconds_waited"] == 10.0
    assert caught.value.result["failed_operations"] == []
    assert client.writes_accepted == 0


def test_poll_intervals_stop_growing_at_the_cap():
    clock = FakeClock()
    client = StandInClient(clock, consume_per_poll=0)
    with pytest.raises(BulkWriteError):
        run_apply(client, clock, items(1), [], wait_timeout=100)
    assert max(clock.sleeps) == bulk_writes.MAX_POLL_DELAY


def test_a_slow_consumer_is_waited_for_poll_by_poll():
    clock = FakeClock()
    client = StandInClient(clock, consume_per_poll=1)
    ledger = run_apply(client, clock, items(6), [], wait_timeout=60)
    assert len(client.polls) == 3 and client.writes_accepted == 3
    assert ledger.report()["seconds_waited"] == 1.25


def test_the_wait_is_shared_by_saves_and_deletes():
    clock = FakeClock()
    client = StandInClient(clock, consume_per_poll=1)
    with pytest.raises(BulkWriteError) as caught:
        run_apply(client, clock, items(4), items(12, prefix="D-"), wait_timeout=2)
    assert round(sum(clock.sleeps), 3) == 2
    assert "still open after bulk_wait_timeout=2 s" in caught.value.message


def test_zero_wait_queues_and_returns_with_the_operations_open():
    clock = FakeClock()
    client = StandInClient(clock)
    ledger = run_apply(client, clock, [], items(3), wait_timeout=0)
    assert client.polls == [] and clock.sleeps == []
    assert ledger.report()["operations"]["open"] == 2 and client.writes_accepted == 0


def test_zero_wait_with_saves_and_removals_sends_nothing():
    clock = FakeClock()
    client = StandInClient(clock)
    with pytest.raises(BulkWriteError) as caught:
        run_apply(client, clock, items(1), items(1), wait_timeout=0)
    assert client.posts == [] and "Nothing was written" in caught.value.message


def test_missing_access_to_bulk_statuses_fails_before_anything_is_queued():
    clock = FakeClock()
    client = StandInClient(clock)
    client.status_access = False
    client.error_like = lambda error, message: MagentoApiError(message, status=error.status)
    with pytest.raises(MagentoApiError) as caught:
        run_apply(client, clock, items(1), [])
    assert client.posts == []
    assert "Magento_AsynchronousOperations::system_magento_logging_bulk_operations" in caught.value.message


def test_a_post_too_large_for_the_web_server_is_sent_again_in_halves():
    clock = FakeClock()
    client = StandInClient(clock, refuse=[MagentoApiError("413", status=413)])
    run_apply(client, clock, items(10), [], batch_size=1)
    assert [sizes for dummy, sizes in client.posts] == [[1] * 10, [1] * 5, [1] * 5]
    assert len(client.warnings) == 1 and "client_max_body_size" in client.warnings[0]


def test_bodies_refused_by_magentos_input_limits_are_cut_to_its_maximum():
    clock = FakeClock()
    limit = MagentoApiError("400", status=400, template='Maximum items of type "%type" is %max',
                            parameters={"type": "SourceItemInterface", "max": 20})
    client = StandInClient(clock, refuse=[limit])
    run_apply(client, clock, items(45), [], batch_size=500)
    assert [sizes for dummy, sizes in client.posts] == [[45], [20, 20, 5]]
    assert "batch_size to 20 or less" in client.warnings[0]


def test_other_enqueue_errors_propagate():
    clock = FakeClock()
    client = StandInClient(clock, refuse=[MagentoApiError("boom", status=500)])
    with pytest.raises(MagentoApiError) as caught:
        run_apply(client, clock, items(3), [])
    assert caught.value.message == "boom" and not isinstance(caught.value, BulkWriteError)


def test_an_error_after_a_bulk_was_queued_returns_its_uuid(monkeypatch):
    monkeypatch.setattr(bulk_writes, "REQUEST_BODIES_LIMIT", 1)
    clock = FakeClock()
    refused = MagentoApiError("POST /rest/all/async/bulk/V1/inventory/source-items answered 400: boom.", status=400)
    client = StandInClient(clock)
    original = client.enqueue_bulk

    def second_post_refused(path, bodies):
        if client.posts:
            client.posts.append((path, []))
            raise refused
        return original(path, bodies)
    client.enqueue_bulk = second_post_refused
    with pytest.raises(BulkWriteError) as caught:
        bulk_writes.apply(client, [("save", SAVE, items(3))], "sourceItems", 1, 60, clock=clock, sleep=clock.sleep)
    assert len(client.posts) == 2
    assert caught.value.status == 400
    assert caught.value.message.startswith("POST /rest/all/async/bulk/V1/inventory/source-items answered 400: boom. "
                                           "Queued before this error")
    assert caught.value.result["bulk"]["uuids"] == ["uuid-0"] and "uuid-0" in caught.value.message


def test_a_rejected_body_fails_the_task_even_without_waiting():
    clock = FakeClock()
    client = StandInClient(clock)
    original = client.enqueue_bulk

    def one_rejected(path, bodies):
        answer = original(path, bodies)
        answer["request_items"][0].update(status="rejected", error_message="Message is not valid")
        answer["errors"] = True
        return answer
    client.enqueue_bulk = one_rejected
    with pytest.raises(BulkWriteError) as caught:
        bulk_writes.apply(client, [("delete", DELETE, items(2))], "sourceItems", 1, 0, clock=clock, sleep=clock.sleep)
    assert "rejected when queued: Message is not valid" in caught.value.message
    assert caught.value.result["bulk"]["operations"] == {"complete": 0, "failed_retriably": 0, "failed": 0, "open": 1,
                                                         "rejected": 1}
