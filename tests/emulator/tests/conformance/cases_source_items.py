# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Source items: InventoryApi/Test/Api/SourceItemsSave/*, SourceItemsDeleteTest, SourceItemRepository/GetListTest."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from conformance_support import Case, call

ITEMS = 'V1/inventory/source-items'
VALIDATION = 'InventoryApi/Test/Api/SourceItemsSave/ValidationTest.php'
FILES = ('InventoryApi.products', 'InventoryApi.sources')
VALID_ITEM = {'sku': 'SKU-1', 'quantity': 1.5, 'source_code': 'eu-1', 'status': 1}
EMPTY = '"%field" can not be empty.'
NOT_NUMERIC = '"%field" should be numeric.'


def _error(template, field):
    return {'message': template, 'parameters': {'field': field}}


def _refusal(rendered, *errors):
    return {'message': 'Validation Failed: ' + rendered, 'errors': list(errors)}


def _sku_one(*fields):
    return {'searchCriteria': dict([('filter_groups', [{'filters': [
        {'field': 'sku', 'value': 'SKU-1', 'condition_type': 'eq'}]}])] + list(fields))}


def _post_item(item, answer, status=400):
    return [call('POST', ITEMS, {'sourceItems': [item]}, status=status, body=answer)]


MISSING = [
    ('sku', _refusal('"sku" can not be empty.', _error(EMPTY, 'sku'))),
    ('source_code', _refusal('"source_code" can not be empty.', _error(EMPTY, 'source_code'))),
    ('quantity', _refusal('"quantity" should be numeric.', _error(NOT_NUMERIC, 'quantity'))),
    ('status', _refusal('"status" should be numeric.', _error(NOT_NUMERIC, 'status'))),
]

FAILED = [
    ('null_sku', 'sku', None, _refusal('"sku" can not be empty.', _error(EMPTY, 'sku'))),
    ('empty_sku', 'sku', '', _refusal('"sku" can not be empty.', _error(EMPTY, 'sku'))),
    ('whitespaces_sku', 'sku', ' ', _refusal('"sku" can not be empty.', _error(EMPTY, 'sku'), _error(
        '"%field" can not contain leading or trailing spaces.', 'sku'))),
    ('unknown_status', 'status', '999999', _refusal('"status" should a known status.', _error(
        '"%field" should a known status.', 'status'))),
    ('null_quantity', 'quantity', None, _refusal('"quantity" should be numeric.', _error(NOT_NUMERIC, 'quantity'))),
    ('null_source_code', 'source_code', None, _refusal('"source_code" can not be empty.', _error(EMPTY, 'source_code'))),
    ('empty_source_code', 'source_code', '', _refusal('"source_code" can not be empty.',
                                                      _error(EMPTY, 'source_code'))),
    ('whitespaces_source_code', 'source_code', ' ', _refusal('"source_code" can not be empty.', _error(
        EMPTY, 'source_code'), _error('"%field" can not contain whitespaces.', 'source_code'))),
    ('not_exists_source_code', 'source_code', 'not-existed-source-code', {'message': 'Could not save Source Item'}),
    ('with_whitespaces_source_code', 'source_code', 'source code', _refusal(
        '"source_code" can not contain whitespaces.', _error('"%field" can not contain whitespaces.', 'source_code'))),
]

REST_ONLY = [
    ('empty_quantity', 'quantity', '', 'quantity', '', 'float'),
    ('string_quantity', 'quantity', 'test', 'quantity', 'test', 'float'),
    ('array_source_code', 'source_code', [], 'source_code', 'array', 'string'),
]


def _without(field):
    return dict((key, value) for key, value in VALID_ITEM.items() if key != field)


CASES = [
    Case(VALIDATION, 'testCreateWithMissedRequiredFields', _post_item(_without(field), answer),
         data_set='without_' + field, files=FILES) for field, answer in MISSING
] + [
    Case(VALIDATION, 'testFailedValidationOnCreate', _post_item(dict(VALID_ITEM, **{field: value}), answer),
         data_set=data_set, files=FILES) for data_set, field, value, answer in FAILED
] + [
    Case(
        VALIDATION, 'testFailedValidationOnCreateRelatedOnlyForRest', _post_item(
            dict(VALID_ITEM, **{field: value}),
            {'message': 'Error occurred during "%s" processing. The "%s" value\'s type is invalid. The "%s" type was '
                        'expected. Verify and try again.' % (named, shown, kind)}),
        data_set=data_set, files=FILES) for data_set, field, value, named, shown, kind in REST_ONLY
] + [
    Case(VALIDATION, 'testCreateWithEmptyData', [
        call('POST', ITEMS, {'sourceItems': []}, status=400, body={'message': 'Input data is empty'})], files=FILES),
    Case('InventoryApi/Test/Api/SourceItemsSave/SaveTest.php', 'testExecute', [
        call('POST', ITEMS, {'sourceItems': [
            {'source_code': 'eu-1', 'sku': 'SKU-1', 'quantity': 5.5, 'status': 1},
            {'source_code': 'eu-2', 'sku': 'SKU-1', 'quantity': 3, 'status': 1}]}, body=[]),
        call('GET', ITEMS, query=_sku_one(('page_size', 10)), values={'total_count': 2}, contains={'items': [
            {'source_code': 'eu-1', 'sku': 'SKU-1', 'quantity': 5.5, 'status': 1},
            {'source_code': 'eu-2', 'sku': 'SKU-1', 'quantity': 3, 'status': 1}]}),
    ], files=FILES),
    Case('InventoryApi/Test/Api/SourceItemsDeleteTest.php', 'testExecute', [
        # the items to delete travel in the query string, the body is empty
        call('POST', 'V1/inventory/source-items-delete', query={'sourceItems': [
            {'source_code': 'eu-1', 'sku': 'SKU-1'}, {'source_code': 'eu-2', 'sku': 'SKU-1'}]}),
        call('GET', ITEMS, query=_sku_one(), values={'total_count': 2}, contains={'items': [
            {'source_code': 'eu-3', 'sku': 'SKU-1', 'quantity': 10, 'status': 0},
            {'source_code': 'eu-disabled', 'sku': 'SKU-1', 'quantity': 10, 'status': 1}]}),
    ], files=FILES + ('InventoryApi.source_items',)),
    Case('InventoryApi/Test/Api/SourceItemRepository/GetListTest.php', 'testGetList', [
        call('GET', ITEMS, query=_sku_one(('sort_orders', [{'field': 'quantity', 'direction': 'DESC'}]),
                                          ('current_page', 2), ('page_size', 2)),
             values={'total_count': 4},
             contains={'search_criteria': _sku_one(('sort_orders', [{'field': 'quantity', 'direction': 'DESC'}]),
                                                   ('current_page', 2), ('page_size', 2))['searchCriteria'],
                       'items': [{'source_code': 'eu-1', 'sku': 'SKU-1', 'quantity': 5.5, 'status': 1},
                                 {'source_code': 'eu-2', 'sku': 'SKU-1', 'quantity': 3, 'status': 1}]}),
    ], files=FILES + ('InventoryApi.source_items',)),
]
