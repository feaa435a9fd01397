# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stocks and stock-source links: InventoryApi/Test/Api/StockRepository/*, StockSourceLink/*, and the Default
Stock rules of InventoryCatalog/Test/Api."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from conformance_support import Case, call

STOCKS = 'V1/inventory/stocks'
LINKS = 'V1/inventory/stock-source-links'
BY_PRIORITY = 'V1/inventory/get-sources-assigned-to-stock-ordered-by-priority/'
REPOSITORY = 'InventoryApi/Test/Api/StockRepository/'
LINK_TESTS = 'InventoryApi/Test/Api/StockSourceLink/'
LINKED = ('InventoryApi.sources', 'InventoryApi.stocks', 'InventoryApi.stock_source_links')
EMPTY_NAME = {'message': 'Validation Failed', 'errors': [
    {'message': '"%field" can not be empty.', 'parameters': {'field': 'name'}}]}
BAD_NAMES = [('empty_name', ''), ('whitespaces_name', ' '), ('null_name', None)]
DEFAULT_LINK_RULE = {'message': 'Validation Failed', 'errors': [
    {'message': 'Can not save link related to Default Source or Default Stock', 'parameters': []}]}


def _stock_ten_links(*fields):
    return {'searchCriteria': dict([('filter_groups', [{'filters': [
        {'field': 'stock_id', 'value': 10, 'condition_type': 'eq'}]}])] + list(fields))}


LINK_PAGE = _stock_ten_links(('sort_orders', [{'field': 'source_code', 'direction': 'DESC'}]),
                             ('current_page', 2), ('page_size', 2))
STOCK_FILTER = {'filter_groups': [{'filters': [{'field': 'name', 'value': 'EU-stock', 'condition_type': 'eq'}]}]}
STOCK_PAGE = {'sort_orders': [{'field': 'name', 'direction': 'DESC'}], 'current_page': 2, 'page_size': 2}
SAVED_LINKS = [{'source_code': 'eu-1', 'stock_id': 10, 'priority': 1},
               {'source_code': 'eu-2', 'stock_id': 10, 'priority': 2}]

CASES = [
    Case(REPOSITORY + 'ValidationTest.php', 'testCreateWithMissedRequiredFields', [
        # json_encode gives the emptied PHP array as []
        call('POST', STOCKS, {'stock': []}, status=400, body=EMPTY_NAME)], data_set='without_name'),
] + [
    Case(REPOSITORY + 'ValidationTest.php', 'testFailedValidationOnCreate', [
        call('POST', STOCKS, {'stock': {'name': name}}, status=400, body=EMPTY_NAME)], data_set=data_set)
    for data_set, name in BAD_NAMES
] + [
    Case(REPOSITORY + 'ValidationTest.php', 'testFailedValidationOnUpdate', [
        call('PUT', STOCKS + '/10', {'stock': {'name': name}}, status=400, body=EMPTY_NAME)], data_set=data_set,
        files=('InventoryApi.stock',))
    for data_set, name in BAD_NAMES
] + [
    Case(REPOSITORY + 'ValidationTest.php', 'testFailedValidationWhenCreateOnNotExistingWebsite', [
        call('POST', STOCKS, {'stock': {'name': 'stock-name', 'extension_attributes': {'sales_channels': [
            {'type': 'website', 'code': 'NotExistingWebsite'}]}}}, status=400, body={
                'message': 'Validation Failed', 'errors': [{'message': 'The website with code "%code" does not exist.',
                                                            'parameters': {'code': 'NotExistingWebsite'}}]})]),
    Case(REPOSITORY + 'CreateTest.php', 'testCreate', [
        call('POST', STOCKS, {'stock': {'name': 'stock-name'}}, body=2),
        call('GET', STOCKS + '/2', contains={'name': 'stock-name'})],
        note='The answer is the new stock id; on a fresh install that is 2.'),
    Case(REPOSITORY + 'UpdateTest.php', 'testUpdate', [
        call('PUT', STOCKS + '/10', {'stock': {'name': 'stock-name-1-updated'}}, body=10),
        call('GET', STOCKS + '/10', contains={'name': 'stock-name-1-updated'})], files=('InventoryApi.stock',)),
    Case(REPOSITORY + 'DeleteTest.php', 'testDeleteById', [
        call('DELETE', STOCKS + '/10', body=[]),
        call('GET', STOCKS + '/10', status=404,
             values={'message': 'Stock with id "%value" does not exist.', 'parameters.value': 10})],
         files=('InventoryApi.stocks',)),
    Case(REPOSITORY + 'GetTest.php', 'testGetNoSuchEntityException', [
        call('GET', STOCKS + '/-1', status=404,
             values={'message': 'Stock with id "%value" does not exist.', 'parameters.value': -1})]),
    Case(REPOSITORY + 'GetListTest.php', 'testGetList', [
        call('GET', STOCKS, query={'searchCriteria': STOCK_FILTER}, at_least={'total_count': 1},
             contains={'search_criteria': STOCK_FILTER, 'items': [{'name': 'EU-stock'}]})],
         data_set='filtering', files=('InventoryApi.stocks',)),
    Case(REPOSITORY + 'GetListTest.php', 'testGetList', [
        call('GET', STOCKS, query={'searchCriteria': STOCK_PAGE}, at_least={'total_count': 3},
             contains={'search_criteria': STOCK_PAGE, 'items': [{'name': 'EU-stock'}]})],
         data_set='ordering_paging', files=('InventoryApi.stocks',)),
    Case('InventoryCatalog/Test/Api/StockRepository/PreventDefaultStockDeletingTest.php', 'testCouldNotDeleteException', [
        call('DELETE', STOCKS + '/1', status=400, values={'message': 'Default Stock could not be deleted.'})]),
    Case('InventoryCatalog/Test/Api/GetDefaultStockTest.php', 'testGetDefaultSource', [
        call('GET', STOCKS + '/1', values={'stock_id': 1})]),
    Case('InventoryCatalog/Test/Api/GetDefaultStockToSourceLinkTest.php', 'testGetDefaultStockToSourceLink', [
        call('GET', BY_PRIORITY + '1', column=('source_code', ['default']))]),
] + [
    Case('InventoryCatalog/Test/Api/StockSourceLink/PreventAssignSourcesToDefaultStockTest.php',
         'testAssignSourcesToStockWithWrongParameters', [
             call('POST', LINKS, {'links': [{'stock_id': 1, 'source_code': code, 'priority': 1} for code in codes]},
                  status=400, body=DEFAULT_LINK_RULE)],
         data_set=data_set, files=('InventoryApi.sources', 'InventoryApi.stock'))
    for data_set, codes in (('multiple_sources_assigned_to_default_stock', ['default', 'eu-2']),
                            ('not_default_source_assigned_to_default_stock', ['eu-1']))
] + [
    Case(LINK_TESTS + 'GetSourcesAssignedToStockOrderedByPriorityTest.php', 'testGetAssignedSourcesForStock', [
        call('GET', BY_PRIORITY + '30', column=('source_code', ['us-1', 'eu-disabled', 'eu-3', 'eu-2', 'eu-1']))],
        files=LINKED),
    Case(LINK_TESTS + 'GetSourcesAssignedToStockOrderedByPriorityTest.php',
         'testGetAssignedSourcesWithNotNumericStockId', [
             call('GET', BY_PRIORITY + 'not_numeric', status=400, values={
                 'message': 'The "not_numeric" value\'s type is invalid. The "int" type was expected. '
                            'Verify and try again.'})], files=LINKED),
    Case(LINK_TESTS + 'GetStockSourceLinksTest.php', 'testGetList', [
        call('GET', LINKS, query=LINK_PAGE, values={'total_count': 4}, contains={
            'search_criteria': LINK_PAGE['searchCriteria'],
            'items': [{'source_code': 'eu-2', 'stock_id': 10, 'priority': 2},
                      {'source_code': 'eu-1', 'stock_id': 10, 'priority': 1}]})], files=LINKED),
    Case(LINK_TESTS + 'StockSourceLinksDeleteTest.php', 'testExecute', [
        # the links to delete travel in the query string, the body is empty
        call('POST', LINKS + '-delete', query={'links': [{'source_code': 'eu-1', 'stock_id': 10},
                                                         {'source_code': 'eu-2', 'stock_id': 10}]}, body=[]),
        call('GET', LINKS, query=_stock_ten_links(), values={'total_count': 2}, contains={'items': [
            {'source_code': 'eu-3', 'stock_id': 10}, {'source_code': 'eu-disabled', 'stock_id': 10}]})],
         files=LINKED),
    Case(LINK_TESTS + 'StockSourceLinksSaveTest.php', 'testExecute', [
        call('POST', LINKS, {'links': SAVED_LINKS}, body=[]),
        call('GET', LINKS, query=_stock_ten_links(), values={'total_count': 2}, contains={'items': SAVED_LINKS})],
        files=('InventoryApi.sources', 'InventoryApi.stocks')),
]
