# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Writes through Magento's asynchronous bulk API: queue the bodies, wait for the consumer, report by item.

Magento_WebapiAsync takes a list of request bodies in one POST under /rest/<store>/async/bulk/V1/, stores each
as an operation of a new bulk (status 4, open) and answers 202 with the bulk's UUID. The consumer
async.operations.all then carries out the operations one by one: 1 complete, 2 failed (retriable),
3 failed (not retriable), 5 rejected. GET /V1/bulk/<uuid>/status lists them. The bulk's aggregate
status is wrong while operations are open (magento/magento2 issue 36911), so this module counts the
operations still open instead.

The pure parts (cutting items into bodies and bodies into POSTs, the ledger of operations, the messages)
do no I/O; enqueue, wait and apply talk to Magento through the client.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import time

from ansible_collections.commerceops.magento.plugins.module_utils.client import refused_item_limit
from ansible_collections.commerceops.magento.plugins.module_utils.errors import MagentoApiError

CONSUMER = "async.operations.all"
START_CONSUMER = "bin/magento queue:consumers:start %s" % CONSUMER

SYNC = "sync"
ASYNC_BULK = "async_bulk"
AUTO = "auto"
WRITE_MODES = (SYNC, ASYNC_BULK, AUTO)

# Magento_AsynchronousOperations' operation statuses (Magento\Framework\Bulk\OperationInterface).
COMPLETE = 1
FAILED_RETRIABLY = 2
FAILED = 3
OPEN = 4
REJECTED = 5
STATUS_NAMES = {COMPLETE: "complete", FAILED_RETRIABLY: "failed_retriably", FAILED: "failed", OPEN: "open",
                REJECTED: "rejected"}
FAILED_STATUSES = (FAILED_RETRIABLY, FAILED, REJECTED)
_STATUS_TEXT = {FAILED_RETRIABLY: "failed (retriable)", FAILED: "failed (not retriable)",
                REJECTED: "rejected when queued"}

# Magento stores each operation's body in magento_operation.serialized_data, a BLOB (65,535 bytes,
# magento/magento2 issue 34980): JSON of the service's parameters, inside the JSON of the operation.
# A body that does not fit is refused or cut off, so bodies are cut to stay under this, with room for
# the fields Magento's encoder adds that the module does not send.
OPERATION_BYTES_BUDGET = 60000
ITEM_SLACK_BYTES = 32
# nginx refuses request bodies over 1 MiB unless client_max_body_size is raised (Magento's sample nginx
# configuration does not raise it); a bulk POST is kept under that, and to a bounded number of bodies,
# each an INSERT and a queue message Magento writes before it answers.
REQUEST_BYTES_BUDGET = 1000000
REQUEST_BODIES_LIMIT = 100

# Status polls: the first at once, then waits growing by half up to the cap, never past the deadline.
FIRST_POLL_DELAY = 0.5
POLL_BACKOFF = 1.5
MAX_POLL_DELAY = 10.0

# How many failed operations, and items of each, a message names (the result lists them all).
MESSAGE_OPERATIONS = 5
MESSAGE_ITEMS = 3


class BulkWriteError(MagentoApiError):
    """A bulk write that failed or did not finish in time; result holds the keys the task returns with it."""

    def __init__(self, message, result=None, status=None):
        super(BulkWriteError, self).__init__(message, status=status)
        self.result = dict(result or {})


def resolve_write_mode(write_mode, planned_items, threshold):
    """sync or async_bulk: auto is async_bulk when the plan writes more than threshold items."""
    if write_mode == AUTO:
        return ASYNC_BULK if planned_items > threshold else SYNC
    return write_mode


def _php_json(value):
    # PHP's json_encode with Magento's default flags: ASCII only (as Python's default) and '/' escaped.
    return json.dumps(value, separators=(",", ":")).replace("/", "\\/")


def _stored_length(text):
    """Bytes text takes once Magento stores it as a JSON string value (escaped, without the quotes)."""
    return len(_php_json(text)) - 2


def operation_overhead(key):
    """Bytes of a stored operation whose body holds no item: the envelope Magento wraps the body in."""
    return len(_php_json({"entity_id": None, "entity_link": "", "meta_information": _php_json({key: []}),
                          "store_id": 99999}))


def item_costs(item):
    """(bytes the item adds to its stored operation, bytes it adds to the bulk POST)."""
    return _stored_length(_php_json(item)) + 1 + ITEM_SLACK_BYTES, len(json.dumps(item)) + 2


def cut_bodies(items, key, batch_size, budget=OPERATION_BYTES_BUDGET):
    """The items in order, cut into bodies of at most batch_size items whose stored operation fits budget; O(n).

    An item too big for any body gets one of its own (Magento will likely reject it, and says so).
    """
    overhead = operation_overhead(key)
    bodies, body, used = [], [], overhead
    for item in items:
        cost = item_costs(item)[0]
        if body and (len(body) >= batch_size or used + cost > budget):
            bodies.append(body)
            body, used = [], overhead
        body.append(item)
        used += cost
    if body:
        bodies.append(body)
    return bodies


def body_bytes(key, body):
    """Bytes one body adds to a bulk POST (as requests encodes it, with the separator)."""
    return len(json.dumps({key: body})) + 2


def bodies_per_request(sizes, max_bytes=REQUEST_BYTES_BUDGET, max_bodies=REQUEST_BODIES_LIMIT):
    """How many of the bodies, by their sizes in bytes, the next bulk POST carries (at least one)."""
    count, used = 0, 2
    for size in sizes:
        if count and (count >= max_bodies or used + size > max_bytes):
            break
        count += 1
        used += size
    return count


def _item_name(item):
    return "%s @ %s" % (item.get("sku"), item.get("source_code"))


def describe_items(items, limit=MESSAGE_ITEMS):
    """'A @ uk, B @ uk and 3 more'."""
    names = ", ".join(_item_name(item) for item in items[:limit])
    return names + (" and %d more" % (len(items) - limit) if len(items) > limit else "")


class Bulk(object):
    """One bulk POST: its UUID, its action ('save' or 'delete'), its bodies and each operation's last state.

    Operations are keyed by their body's position in the POST: Magento's request_items[].id, and the id
    of the operation in the bulk's status (Magento 2.4 stores it as the operation_key).
    """

    def __init__(self, uuid, action, bodies, request_items):
        self.uuid = uuid
        self.action = action
        self.bodies = bodies
        self.operations = {}
        for position, entry in enumerate(request_items):
            position = _int(entry.get("id"), position)
            if entry.get("status") == "rejected":
                self.operations[position] = dict(status=REJECTED, message=entry.get("error_message"),
                                                 error_code=entry.get("error_code"))
            else:
                self.operations[position] = dict(status=OPEN, message=None, error_code=None)
        # A body Magento did not answer for is not queued; count it as rejected rather than wait for it.
        for position in range(len(bodies)):
            self.operations.setdefault(position, dict(status=REJECTED, message="Magento did not acknowledge this body",
                                                      error_code=None))

    def statuses(self):
        return [operation["status"] for operation in self.operations.values()]

    def open_count(self):
        return self.statuses().count(OPEN)

    def record(self, answer):
        """Take in a GET .../status answer; returns how many operations completed since the last one.

        Operations Magento has not listed yet (not persisted) stay open. Ids that are not positions in the
        POST (database ids, as stores before 2.4 give them) are matched to the accepted bodies in order.
        """
        listed = [entry for entry in answer.get("operations_list") or [] if isinstance(entry, dict)]
        positions = self._positions(listed)
        completed = 0
        for entry, position in zip(listed, positions):
            operation = self.operations.get(position)
            status = _int(entry.get("status"), None)
            if operation is None or operation["status"] == REJECTED or status not in STATUS_NAMES:
                continue
            if status == COMPLETE and operation["status"] != COMPLETE:
                completed += 1
            operation.update(status=status, message=entry.get("result_message"), error_code=entry.get("error_code"))
        return completed

    def _positions(self, listed):
        ids = [_int(entry.get("id"), None) for entry in listed]
        if all(identifier in self.operations for identifier in ids):
            return ids
        accepted = sorted(position for position, operation in self.operations.items()
                          if operation["status"] != REJECTED)
        order = sorted(range(len(listed)), key=lambda index: (ids[index] is None, ids[index]))
        positions = [None] * len(listed)
        for index, position in zip(order, accepted):
            positions[index] = position
        return positions

    def failures(self):
        """The failed operations, in body order, each with the items of its body (sku and source_code)."""
        return [dict(bulk_uuid=self.uuid, operation=position, action=self.action, status=operation["status"],
                     status_name=STATUS_NAMES[operation["status"]], message=operation["message"] or "",
                     error_code=operation["error_code"],
                     source_items=[dict(sku=item.get("sku"), source_code=item.get("source_code"))
                                   for item in self.bodies[position]] if position < len(self.bodies) else [])
                for position, operation in sorted(self.operations.items())
                if operation["status"] in FAILED_STATUSES]


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class Ledger(object):
    """Every bulk of one run, in the order sent, and the time spent queueing and waiting."""

    def __init__(self):
        self.bulks = []
        self.requests = 0
        self.seconds_enqueueing = 0.0
        self.seconds_waited = 0.0

    def add(self, bulk):
        self.bulks.append(bulk)

    def uuids(self):
        return [bulk.uuid for bulk in self.bulks]

    def open_count(self, action=None):
        return sum(bulk.open_count() for bulk in self.bulks if action in (None, bulk.action))

    def counts(self):
        counts = dict((name, 0) for name in STATUS_NAMES.values())
        for bulk in self.bulks:
            for status in bulk.statuses():
                counts[STATUS_NAMES[status]] += 1
        return counts

    def failures(self):
        return [failure for bulk in self.bulks for failure in bulk.failures()]

    def report(self):
        """The task's RV(bulk) result."""
        return dict(uuids=self.uuids(), operations=self.counts(), requests=self.requests,
                    seconds_enqueueing=round(self.seconds_enqueueing, 3), seconds_waited=round(self.seconds_waited, 3),
                    consumer=CONSUMER)


def _describe_failure(failure):
    verb = "saving" if failure["action"] == "save" else "removing"
    count = len(failure["source_items"])
    text = "bulk %s operation %s, %s %d item%s (%s): %s" % (
        failure["bulk_uuid"], failure["operation"], verb, count, "" if count == 1 else "s",
        describe_items(failure["source_items"]), _STATUS_TEXT[failure["status"]])
    return text + (": " + failure["message"] if failure["message"] else "")


def failure_message(ledger, not_sent=None):
    """One message for the failed operations: how many, which items, Magento's messages; then what was not sent."""
    failures = ledger.failures()
    counts = ledger.counts()
    total = sum(counts.values())
    parts = ["%d of %d bulk operation%s failed, %d completed" % (
        len(failures), total, "" if total == 1 else "s", counts["complete"])]
    parts.extend(_describe_failure(failure) for failure in failures[:MESSAGE_OPERATIONS])
    if len(failures) > MESSAGE_OPERATIONS:
        parts.append("and %d more failed operations (see failed_operations)" % (len(failures) - MESSAGE_OPERATIONS))
    message = "; ".join(parts) + "."
    if any(failure["status"] == FAILED_RETRIABLY for failure in failures):
        message += " A retriable failure (a lock or deadlock in Magento) usually passes when the task runs again."
    return message + (" " + not_sent if not_sent else "")


def timeout_message(ledger, timeout, not_sent=None):
    """Why the wait ended with operations open: no consumer at all, or one slower than the wait."""
    counts = ledger.counts()
    total = sum(counts.values())
    uuids = ", ".join(ledger.uuids())
    finished = total - counts["open"]
    if finished == 0:
        message = ("Magento queued %d operation%s (bulk %s) but carried out none of them within bulk_wait_timeout=%s s: "
                   "its consumer %s is most likely not running. Start it with '%s' (or let cron's "
                   "consumers_runner start it); the operations stay queued and are carried out once it runs. Check "
                   "them with GET /V1/bulk/<uuid>/status, or run this task again after they are done"
                   % (total, "" if total == 1 else "s", uuids, _seconds(timeout), CONSUMER, START_CONSUMER))
    else:
        message = ("%d of %d bulk operations were still open after bulk_wait_timeout=%s s (bulk %s); Magento's "
                   "consumer %s carried out %d so far, so it is running but slower than the wait. The open "
                   "operations stay queued; raise bulk_wait_timeout, or check them with GET /V1/bulk/<uuid>/status"
                   % (counts["open"], total, _seconds(timeout), uuids, CONSUMER, finished))
    return message + "." + (" " + not_sent if not_sent else "")


def _seconds(value):
    return ("%g" % value) if isinstance(value, float) else str(value)


def not_sent_message(groups):
    """'The 12 removals were not sent: ...' for the groups a failure stopped, or None."""
    counts = [(action, len(items)) for action, dummy, items in groups if items]
    if not counts:
        return None
    what = " and ".join("%d %s" % (count, "saves" if action == "save" else "removals") for action, count in counts)
    return ("The %s were not sent: removals are queued only after every save completed, because Magento does not "
            "order the operations of different bulks." % what)


def enqueue(client, ledger, action, path, key, items, batch_size, clock=time.monotonic):
    """Queue items as bodies of batch_size (and of a size Magento can store), in bulk POSTs of bounded size.

    Adapts as the synchronous writes do: a POST refused with 413 (too large for the web server) queued
    nothing and is sent again with half its bodies; one refused by Magento's input limits ('Maximum items
    of type ... is N') is cut again to N items per body.
    """
    bodies = cut_bodies(items, key, batch_size)
    sizes = [body_bytes(key, body) for body in bodies]
    max_bodies = REQUEST_BODIES_LIMIT
    position = 0
    while position < len(bodies):
        count = bodies_per_request(sizes[position:], max_bodies=max_bodies)
        sent = bodies[position:position + count]
        started = clock()
        try:
            answer = client.enqueue_bulk(path, [{key: body} for body in sent])
        except MagentoApiError as error:
            ledger.seconds_enqueueing += clock() - started
            ledger.requests += 1
            if error.status == 413 and count > 1:
                max_bodies = max(1, count // 2)
                client.warn("the web server refused a bulk POST of %d bodies as too large (413), so bulk POSTs now "
                            "carry %d; raise its request body limit (nginx client_max_body_size) to avoid the refusal"
                            % (count, max_bodies))
                continue
            limit = refused_item_limit(error)
            if limit is not None and limit < max(len(body) for body in sent):
                remaining = [item for body in bodies[position:] for item in body]
                bodies[position:] = cut_bodies(remaining, key, limit)
                sizes[position:] = [body_bytes(key, body) for body in bodies[position:]]
                client.warn("Magento's input limits allow %d items per request, so bulk bodies were re-cut to %d; "
                            "set batch_size to %d or less to avoid the refused requests" % (limit, limit, limit))
                continue
            raise
        ledger.seconds_enqueueing += clock() - started
        ledger.requests += 1
        ledger.add(Bulk(answer["bulk_uuid"], action, sent, answer["request_items"]))
        position += count


def wait(client, ledger, timeout, clock=time.monotonic, sleep=time.sleep):
    """Poll the status of every bulk with open operations until none is open or timeout seconds passed.

    Counts each operation Magento completed as a write carried out (the client's writes_accepted, which
    the task returns as writes_sent). Returns True when no operation is open.
    """
    started = clock()
    deadline = started + timeout
    delay = FIRST_POLL_DELAY
    try:
        while True:
            for bulk in ledger.bulks:
                if bulk.open_count():
                    for dummy in range(bulk.record(client.bulk_status(bulk.uuid))):
                        client.note_write_carried_out()
            now = clock()
            if not ledger.open_count() or now >= deadline:
                return not ledger.open_count()
            sleep(min(delay, deadline - now))
            delay = min(delay * POLL_BACKOFF, MAX_POLL_DELAY)
    finally:
        ledger.seconds_waited += clock() - started


def check_status_access(client):
    """Read the status of a bulk that cannot exist, so missing access to bulk statuses fails before anything is queued.

    Magento answers 404 for an unknown bulk when the credentials may read bulk statuses (ACL
    Magento_AsynchronousOperations::system_magento_logging_bulk_operations), 401 when they may not.
    """
    try:
        client.bulk_status("00000000-0000-4000-8000-000000000000")
    except MagentoApiError as error:
        if error.status in (401, 403):
            raise client.error_like(error, "%s. The bulk API needs to read bulk statuses to know when the writes are "
                                           "done: grant the integration or admin role the resource "
                                           "Magento_AsynchronousOperations::system_magento_logging_bulk_operations "
                                           "(System > Action Logs > Bulk Actions), or use write_mode=sync"
                                    % error.message)
        if error.status != 404:
            raise


def wait_problem(groups, wait_timeout):
    """Why groups [(action, path, items)] cannot be sent without waiting, or None."""
    if wait_timeout == 0 and len([group for group in groups if group[2]]) > 1:
        return ("bulk_wait_timeout=0 queues without waiting, but this run both saves and removes items, and removals "
                "are queued only after every save completed (Magento does not order different bulks). Set "
                "bulk_wait_timeout above 0, or save and remove in separate tasks.")
    return None


def apply(client, groups, key, batch_size, wait_timeout, clock=time.monotonic, sleep=time.sleep):
    """Send groups [(action, path, items)] through the bulk API, one group after the other; returns the ledger.

    Each group is queued, then waited for: a later group (the deletes) is queued only when every
    operation of the earlier ones completed. wait_timeout=0 queues and returns at once, which needs
    a plan of one kind of write. Raises BulkWriteError (with the result keys bulk and failed_operations)
    when an operation failed or the wait ran out.
    """
    problem = wait_problem(groups, wait_timeout)
    if problem:
        raise BulkWriteError(problem + " Nothing was written.")
    groups = [group for group in groups if group[2]]
    ledger = Ledger()
    if wait_timeout:
        check_status_access(client)
    for index, (action, path, items) in enumerate(groups):
        not_sent = not_sent_message(groups[index + 1:])
        try:
            enqueue(client, ledger, action, path, key, items, batch_size, clock)
            # One wait for the whole task: the deletes get what the saves left of it.
            done = wait_timeout == 0 or wait(client, ledger, max(0, wait_timeout - ledger.seconds_waited), clock,
                                             sleep)
        except MagentoApiError as error:
            if not ledger.bulks:
                raise
            # Bulks queued before the error stay queued: the task returns their UUIDs.
            raise _failed(client, ledger, "%s. Queued before this error, and still carried out by the consumer: bulk "
                                          "%s.%s" % (error.message.rstrip("."), ", ".join(ledger.uuids()),
                                                     " " + not_sent if not_sent else ""), error.status)
        if ledger.failures():
            raise _failed(client, ledger, failure_message(ledger, not_sent))
        if not done:
            raise _failed(client, ledger, timeout_message(ledger, wait_timeout, not_sent))
    return ledger


def _failed(client, ledger, message, status=None):
    # Magento's messages may echo what was sent; the credentials never reach the task's result.
    return BulkWriteError(client.redact(message),
                          client.redact(dict(bulk=ledger.report(), failed_operations=ledger.failures())), status)
