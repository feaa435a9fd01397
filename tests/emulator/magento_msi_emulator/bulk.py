# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Magento's asynchronous bulk API: scheduling (WebapiAsync), operations and their status
(AsynchronousOperations), and the async.operations.all consumer.

What Magento does, and where it says so (magento/magento2):
- POST /rest/<store>/async/bulk/V1/<route> (WebapiAsync/Controller/Rest/AsynchronousRequestProcessor.php, the
  bulk virtualType): GET is refused with 400 'Specified request cannot be processed.'; the path becomes the
  synchronous route's, whose ACL applies (RequestValidator). The body is a JSON array of synchronous bodies.
- WebapiAsync/Controller/Rest/Asynchronous/InputParamsResolver.php::resolve: elements that are not arrays are
  skipped; each other element goes through ServiceInputProcessor, outside any try: one bad element fails the
  whole request as the synchronous route would, and nothing is scheduled (api-functional
  WebapiAsync/Model/AsyncBulkScheduleTest::testAsyncScheduleBulkWrongEntity).
- AsynchronousOperations/Model/MassSchedule.php::publishMass: bulk uuid, description 'Topic <topic>'; per
  element an operation whose id is the element's key (WebapiAsync/Model/OperationRepository.php), status 4 (open),
  serialized_data {"entity_id", "entity_link", "meta_information", "store_id"}; request item
  {"id", "data_hash": sha256 of serialized_data, "status": "accepted"}; an element the operation repository
  throws on is "rejected" with error_message/error_code and "errors": true, still 202.
- Topic names: 'async.' + the route path dotted + '.' + the HTTP method (WebapiAsync/Model/Config.php).
- AsynchronousOperations/Model/OperationProcessor.php: the consumer calls the service; success is status 1 with
  'Service execution success <class>::<method>' and error_code null, serialized_data cleared; any exception is
  status 3 with the exception's message and code (0 for Magento's localized exceptions), serialized_data kept.
- AsynchronousOperations/Model/BulkOperationsStatus.php and etc/webapi.xml: /V1/bulk/:bulkUuid/status,
  /detailed-status (404 'Bulk uuid %bulkUuid not exist' for an unknown uuid) and /operation-status/:status
  (a count), ACL Magento_AsynchronousOperations::system_magento_logging_bulk_operations.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import hashlib
import json
import sys
import threading
import time
import traceback
import uuid

from .dto import process_params
from .errors import InternalError, MagentoError, render

ACL_BULK = 'Magento_AsynchronousOperations::system_magento_logging_bulk_operations'
REQUEST_NOT_PROCESSED = 'Specified request cannot be processed.'
BULK_NOT_FOUND = 'Bulk uuid %bulkUuid not exist'
SERVICE_SUCCESS = 'Service execution success %s::%s'
# Not a Magento message: Magento rejects an element only when its message validator or encoder throws, which a
# body that passed the input stage does not make happen. The setting bulk_rejected_skus stands in for it.
INJECTED_REJECTION = 'Rejected by the emulator (setting bulk_rejected_skus)'

# lib/internal/Magento/Framework/Bulk/OperationInterface.php
COMPLETE, RETRIABLY_FAILED, NOT_RETRIABLY_FAILED, OPEN, REJECTED = 1, 2, 3, 4, 5
STATUS_NAMES = {COMPLETE: 'complete', RETRIABLY_FAILED: 'failed_retriably', NOT_RETRIABLY_FAILED: 'failed',
                OPEN: 'open', REJECTED: 'rejected'}
# Magento\Authorization\Model\UserContextInterface
USER_TYPE_INTEGRATION, USER_TYPE_ADMIN = 1, 2
# store_id Magento writes into serialized_data: the admin store for 'all', the default store view otherwise
STORE_IDS = {'all': 0, 'default': 1}


def php_json(value):
    """Magento's Json serializer (json_encode without flags): compact, slashes escaped."""
    return json.dumps(value, separators=(',', ':')).replace('/', '\\/')


def topic_name(route):
    return 'async.' + '.'.join(route.parts) + '.' + route.method


def element_skus(route, values):
    items = values.get(route.costed_items) if route.costed_items else None
    return set(item.get('sku') for item in items or [] if isinstance(item, dict))


class Operation:
    def __init__(self, bulk, operation_id, route, values, store_id, generation):
        self.bulk = bulk
        self.id = operation_id
        self.route = route
        self.values = values
        self.generation = generation
        self.status = OPEN
        self.result_message = None
        self.error_code = None
        self.result_serialized_data = None
        self.topic = bulk.topic
        self.serialized_data = php_json({'entity_id': None, 'entity_link': '', 'meta_information': php_json(values),
                                         'store_id': store_id})

    @classmethod
    def from_row(cls, bulk, operation_id, row):
        """A magento_operation row as a fixture inserts it: no route, so no consumer ever runs it."""
        operation = cls.__new__(cls)
        operation.bulk, operation.id, operation.route, operation.values = bulk, operation_id, None, None
        operation.generation = None
        operation.topic = row.get('topic_name', bulk.topic)
        operation.status = row.get('status', OPEN)
        operation.result_message = row.get('result_message')
        operation.error_code = row.get('error_code')
        operation.serialized_data = row.get('serialized_data')
        operation.result_serialized_data = row.get('result_serialized_data')
        return operation

    def short(self):
        return {'id': self.id, 'status': self.status, 'result_message': self.result_message,
                'error_code': self.error_code}

    def detailed(self):
        return {'id': self.id, 'bulk_uuid': self.bulk.uuid, 'topic_name': self.topic,
                'serialized_data': self.serialized_data, 'result_serialized_data': self.result_serialized_data,
                'status': self.status, 'result_message': self.result_message, 'error_code': self.error_code}


class Bulk:
    def __init__(self, topic, user, bulk_uuid=None):
        self.uuid = bulk_uuid or str(uuid.uuid4())
        self.topic = topic
        self.description = 'Topic %s' % topic
        self.user_type, self.user_id = user
        self.start_time = time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())
        self.operations = []
        self.operation_count = None
        self.rejected = 0

    def summary(self, operations):
        count = len(self.operations) if self.operation_count is None else self.operation_count
        return {'operations_list': operations, 'user_type': self.user_type, 'bulk_id': self.uuid,
                'description': self.description, 'start_time': self.start_time, 'user_id': self.user_id,
                'operation_count': count}

    def counts(self):
        counts = dict((name, 0) for name in STATUS_NAMES.values())
        for operation in self.operations:
            counts[STATUS_NAMES[operation.status]] += 1
        counts['rejected'] += self.rejected
        return counts


class BulkStore:
    """The magento_bulk and magento_operation tables and the queue; callers hold the app's lock."""

    def __init__(self):
        self.bulks = {}
        self.queue = collections.deque()
        self.status_counts = collections.Counter()
        self.rejected_items = 0
        # Bumped by clear(): an operation the consumer took before a reset is then thrown away.
        self.generation = 0

    def clear(self):
        self.bulks = {}
        self.queue.clear()
        self.status_counts = collections.Counter()
        self.rejected_items = 0
        self.generation += 1

    def load(self, bulks):
        """A fixture's "bulks": [{"uuid", "user_id", "user_type", "description", "operation_count", "start_time",
        "operations": [{"topic_name", "status", "error_code", "result_message", "serialized_data"}]}], rows as
        Magento's test fixtures insert them (operation ids count from 0 within each bulk)."""
        for data in bulks:
            bulk = Bulk(data.get('description', ''), (data.get('user_type', USER_TYPE_ADMIN), data.get('user_id')),
                        data['uuid'])
            bulk.description = data.get('description')
            bulk.start_time = data.get('start_time', bulk.start_time)
            bulk.operation_count = data.get('operation_count')
            for number, row in enumerate(data.get('operations', [])):
                operation = Operation.from_row(bulk, row.get('id', number), row)
                bulk.operations.append(operation)
                self.status_counts[operation.status] += 1
            self.bulks[bulk.uuid] = bulk

    def schedule(self, app, route, body, user, store_code):
        """publishMass for one request; raises the input stage's MagentoError before anything is kept."""
        resolved = []
        for key, element in body.items():
            if isinstance(element, list):
                element = dict((str(index), item) for index, item in enumerate(element))
            elif not isinstance(element, dict):
                continue
            resolved.append((int(key) if str(key).isdigit() else key,
                             process_params(element, route.params, app.limits, app.version)))
        bulk = Bulk(topic_name(route), user)
        rejected_skus = set(app.settings['bulk_rejected_skus'])
        store_id = STORE_IDS.get(store_code, STORE_IDS['default'])
        request_items = []
        for key, values in resolved:
            if rejected_skus & element_skus(route, values):
                bulk.rejected += 1
                request_items.append({'id': key, 'data_hash': None, 'status': 'rejected',
                                      'error_message': INJECTED_REJECTION, 'error_code': 0})
                continue
            operation = Operation(bulk, key, route, values, store_id, self.generation)
            bulk.operations.append(operation)
            self.queue.append(operation)
            request_items.append({'id': key, 'data_hash': hashlib.sha256(operation.serialized_data.encode('utf-8'))
                                  .hexdigest(), 'status': 'accepted'})
        self.bulks[bulk.uuid] = bulk
        self.status_counts[OPEN] += len(bulk.operations)
        self.rejected_items += bulk.rejected
        return {'bulk_uuid': bulk.uuid, 'request_items': request_items, 'errors': bulk.rejected > 0}

    def take(self):
        """The next open operation of the current generation, or None."""
        return self.queue.popleft() if self.queue else None

    def finish(self, operation, status, error_code, message, keep_data):
        if operation.generation != self.generation:
            return
        self.status_counts[operation.status] -= 1
        self.status_counts[status] += 1
        operation.status = status
        operation.error_code = error_code
        operation.result_message = message
        if not keep_data:
            operation.serialized_data = None

    def bulk(self, bulk_uuid):
        bulk = self.bulks.get(bulk_uuid)
        if bulk is None:
            raise MagentoError(404, BULK_NOT_FOUND, {'bulkUuid': bulk_uuid})
        return bulk

    def short_status(self, bulk_uuid):
        bulk = self.bulk(bulk_uuid)
        return bulk.summary([operation.short() for operation in bulk.operations])

    def detailed_status(self, bulk_uuid):
        bulk = self.bulk(bulk_uuid)
        return bulk.summary([operation.detailed() for operation in bulk.operations])

    def count(self, bulk_uuid, status):
        """Rows of the bulk with that status; an unknown uuid has none (no 404 here)."""
        bulk = self.bulks.get(bulk_uuid)
        return sum(1 for operation in bulk.operations if operation.status == status) if bulk else 0

    def totals(self):
        totals = dict((name, self.status_counts[status]) for status, name in STATUS_NAMES.items())
        totals['rejected'] += self.rejected_items
        totals['bulks'] = len(self.bulks)
        return totals

    def report(self):
        return [dict(self.bulks[key].counts(), bulk_uuid=key, topic=self.bulks[key].topic,
                     operation_count=len(self.bulks[key].operations)) for key in self.bulks]


class BulkConsumer:
    """async.operations.all: takes open operations one at a time and runs them through the route's service.

    Each operation costs what the synchronous route costs (WriteCost: per request plus per item), waited out
    before its status changes, as the reindex delays Magento's consumer. bulk_consumer_operations_per_second
    (0: no limit) spaces the starts further; bulk_consumer_running false leaves operations open.
    """

    def __init__(self, app):
        self.app = app
        self._wake = threading.Condition()
        self._stopping = False
        # set while stopping: an operation waiting out its write cost finishes at once
        self._stopped = threading.Event()
        self._thread = None
        self._next_start = 0.0

    def start(self):
        if self._thread is not None:
            return
        self._stopping = False
        self._stopped.clear()
        self._thread = threading.Thread(target=self._run, name='magento-msi-emulator-consumer', daemon=True)
        self._thread.start()

    def stop(self):
        if self._thread is None:
            return
        self._stopped.set()
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        self._thread.join()
        self._thread = None

    def wake(self):
        with self._wake:
            self._wake.notify_all()

    def _ready(self):
        return self.app.settings['bulk_consumer_running'] and len(self.app.bulk.queue) > 0

    def _run(self):
        while True:
            with self._wake:
                while not self._stopping and not self._ready():
                    self._wake.wait()
                if self._stopping:
                    return
                delay = self._next_start - time.monotonic()
                if delay > 0:
                    # woken early by a setting change or a stop: look at everything again
                    self._wake.wait(delay)
                    continue
            rate = self.app.settings['bulk_consumer_operations_per_second']
            self._next_start = time.monotonic() + (1.0 / rate if rate else 0.0)
            self.run_one()

    def consume(self, limit=None):
        """Run up to `limit` open operations now (all when None), whether the consumer runs or not."""
        done = 0
        while limit is None or done < limit:
            if not self.run_one():
                break
            done += 1
        return done

    def run_one(self):
        """Take and perform the next open operation; False when there was none."""
        app = self.app
        with app.lock:
            operation = app.bulk.take()
            if operation is None:
                return False
            if operation.generation != app.bulk.generation:
                return True
            status, error_code, message, written = self._perform(operation)
        cost = app.write_cost.seconds(written)
        if cost:
            self._stopped.wait(cost)
        with app.lock:
            app.bulk.finish(operation, status, error_code, message, keep_data=error_code is not None)
        return True

    def _perform(self, operation):
        """OperationProcessor::executeHandler: (status, error_code, result_message, items written or None)."""
        app = self.app
        route = operation.route
        try:
            if set(app.settings['bulk_failing_skus']) & element_skus(route, operation.values):
                # what the storage layer's refusal gives: the service's CouldNotSave/CouldNotDelete message
                raise MagentoError(400, route.storage_failure)
            route.service(app, operation.values)
        except MagentoError as error:
            parameters = error.parameters if isinstance(error.parameters, (dict, list)) else None
            return NOT_RETRIABLY_FAILED, 0, render(error.message, parameters), None
        except InternalError as error:
            return NOT_RETRIABLY_FAILED, 0, str(error), None
        except Exception as error:  # pylint: disable=broad-except
            traceback.print_exc(file=sys.stderr)
            return NOT_RETRIABLY_FAILED, 0, str(error), None
        written = len(operation.values[route.costed_items]) if route.costed_items else None
        return COMPLETE, None, SERVICE_SUCCESS % (route.service_class, 'execute'), written
