# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bulk status and asynchronous bulk scheduling: magento/magento2
dev/tests/api-functional/testsuite/Magento/AsynchronousOperations/Api/BulkStatusInterfaceTest.php and
dev/tests/api-functional/testsuite/Magento/WebapiAsync/Model/AsyncBulkScheduleTest.php (its product routes
are outside the emulator; only the GET refusal, which comes before any route is looked up, applies)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from conformance_support import Case, call

STATUS_TEST = 'magento2/AsynchronousOperations/Api/BulkStatusInterfaceTest.php'
SCHEDULE_TEST = 'magento2/WebapiAsync/Model/AsyncBulkScheduleTest.php'
SEARCHABLE = ('AsynchronousOperations.operation_searchable',)
COMPLETE, RETRIABLY_FAILED, NOT_RETRIABLY_FAILED, OPEN, REJECTED = 1, 2, 3, 4, 5

COUNTS = [
    ('Completed operations', 'bulk-uuid-searchable-6', 1, COMPLETE),
    ('Failed operations, can try to perform again', 'bulk-uuid-searchable-6', 1, RETRIABLY_FAILED),
    ('Failed operations. Must change something to retry', 'bulk-uuid-searchable-6', 1, NOT_RETRIABLY_FAILED),
    ('Opened operations', 'bulk-uuid-searchable-6', 2, OPEN),
    ('Rejected operations', 'bulk-uuid-searchable-6', 1, REJECTED),
    ('Not started scheduled operations by open status', 'bulk-uuid-searchable-7', 0, OPEN),
]


def _count_case(data_set, bulk_uuid, expected, status):
    return Case(STATUS_TEST, 'testGetOperationsCountByBulkIdAndStatus', [
        call('GET', 'V1/bulk/%s/operation-status/%d' % (bulk_uuid, status), body=expected),
    ], data_set=data_set, files=SEARCHABLE)


CASES = [_count_case(*data) for data in COUNTS] + [
    Case(SCHEDULE_TEST, 'testGETRequestToAsyncBulk', [
        call('GET', 'async/bulk/V1/products/psku-test-1', status=400,
             contains={'message': 'Specified request cannot be processed.'}),
    ], data_set=0),
]
