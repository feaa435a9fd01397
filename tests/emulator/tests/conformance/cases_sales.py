# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sales channels, stock resolver, salable quantity: InventorySalesApi/Test/Api/*, and
InventoryIndexer/Test/Api/SourceItemsSaveInterfaceTest (its in-process salability checks read over REST)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from conformance_support import Case, call

STOCKS = 'V1/inventory/stocks/'
RESOLVER = 'V1/inventory/stock-resolver/website/'
SALABLE = 'V1/inventory/get-product-salable-quantity/'
SALES_API = 'InventorySalesApi/Test/Api/'
CHANNELS = SALES_API + 'StockRepository/SalesChannelManagementTest.php'
WEBSITES = 'InventorySalesApi.websites_with_stores'
RESOLVER_FILES = (WEBSITES, 'InventoryApi.stocks', 'InventorySalesApi.stock_website_sales_channels')
SALABLE_FILES = ('InventoryApi.products', 'InventoryApi.sources', 'InventoryApi.stocks', 'InventoryApi.source_items',
                 'InventoryApi.stock_source_links')
INDEXER = 'InventoryIndexer/Test/Api/SourceItemsSaveInterfaceTest.php'
NOTE_SALABLE = ('The test reads GetStockItemData in-process; over REST the same index answers through the '
                'salable quantity, above 0 exactly when the item is salable.')


def website(code):
    return {'type': 'website', 'code': code}


def _resolved(stock_id, name, code):
    return {'stock_id': stock_id, 'name': name, 'extension_attributes': {'sales_channels': [website(code)]}}


def _empty(field):
    return {'message': '"%field" can not be empty.', 'parameters': {'field': field}}


NO_WEBSITE = {'message': 'The website with code "%code" does not exist.', 'parameters': {'code': ''}}
ASSIGNMENTS = [
    ('not_given_type', [{'code': 'base'}], [_empty('type')]),
    ('empty_type', [{'type': '', 'code': 'base'}], [_empty('type')]),
    ('not_given_code', [website('base'), {'type': 'website'}], [_empty('code'), NO_WEBSITE]),
    ('empty_code', [website('')], [_empty('code'), NO_WEBSITE]),
]


def _item_salability(sku, source_code, stock_id):
    def save(quantity):
        return call('POST', 'V1/inventory/source-items', {'sourceItems': [
            {'source_code': source_code, 'sku': sku, 'quantity': quantity, 'status': 1}]}, body=[])
    salable = SALABLE + '%s/%d' % (sku, stock_id)
    return [call('GET', salable, positive=True), save(0), call('GET', salable, positive=False), save(10),
            call('GET', salable, positive=True)]


CASES = [
    Case(SALES_API + 'GetProductSalableQuantityTest.php', 'testGetSalableQuantity', [
        call('GET', SALABLE + '%s/%d' % (sku, stock_id), body=quantity)], data_set=str(number), files=SALABLE_FILES)
    for number, (sku, stock_id, quantity) in enumerate([('SKU-1', 10, 8.5), ('SKU-1', 20, 0), ('SKU-2', 20, 5)])
] + [
    Case(SALES_API + 'StockResolverTest.php', 'testResolveCustomStock', [
        call('GET', RESOLVER + 'eu_website', contains=_resolved(10, 'EU-stock', 'eu_website'),
             values={'extension_attributes.sales_channels': [website('eu_website')]})], files=RESOLVER_FILES),
    Case(SALES_API + 'StockResolverTest.php', 'testResolveCustomStockAfterChangeSalesChannelsTest', [
        call('GET', RESOLVER + 'us_website', body=_resolved(20, 'US-stock', 'us_website')),
        call('PUT', STOCKS + '20', {'stock': {'name': 'US-stock', 'extension_attributes': {
            'sales_channels': [website('global_website')]}}}, body=20),
        call('GET', RESOLVER + 'global_website', body=_resolved(20, 'US-stock', 'global_website'))],
        files=RESOLVER_FILES, note='The test saves stock 20 through the repository in-process; here through REST.'),
    Case(SALES_API + 'StockResolverTest.php', 'testResolveStockStockError', [
        call('GET', RESOLVER + 'test_stock_resolver_error', status=404, values={'message': 'No linked stock found'})]),
    Case(SALES_API + 'StockRepository/PreventAssignedToSalesChannelsStockDeletingTest.php',
         'testCouldNotDeleteException', [
             call('DELETE', STOCKS + '10', status=400,
                  values={'message': 'Stock has at least one sale channel and could not be deleted.'})],
         files=(WEBSITES, 'InventorySalesApi.stock_with_sales_channels')),
    Case(CHANNELS, 'testCreateStockWithSalesChannels', [
        call('PUT', STOCKS + '10', {'stock': {'name': 'stock-name', 'extension_attributes': {
            'sales_channels': [website('eu_website'), website('us_website')]}}}, body=10),
        call('GET', STOCKS + '10', values={
            'extension_attributes.sales_channels': [website('eu_website'), website('us_website')]})],
         files=('InventoryApi.stock', WEBSITES)),
    Case(CHANNELS, 'testValidateDeleteSalesChannelFromStock', [
        call('GET', STOCKS + '1', values={
            'extension_attributes.sales_channels': [website('base'), website('global_website')]}),
        call('PUT', STOCKS + '10', {'stock': {'stock_id': 10, 'name': 'stock_with_channels_name',
                                              'extension_attributes': {'sales_channels': [website('us_website')]}}},
             body=10),
        call('GET', STOCKS + '1', values={'extension_attributes.sales_channels': [
            website('base'), website('eu_website'), website('global_website')]}),
        call('GET', STOCKS + '10', values={'extension_attributes.sales_channels': [website('us_website')]})],
        data_set='one_channel_deletetype', files=(WEBSITES, 'InventorySalesApi.stock_with_sales_channels')),
] + [
    Case(CHANNELS, 'testFailedValidationSalesChannelsAssignment', [
        call('PUT', STOCKS + '10', {'stock': {'stock_id': 10, 'name': 'Default Stock', 'extension_attributes': {
            'sales_channels': channels}}}, status=400, body={'message': 'Validation Failed', 'errors': errors})],
         data_set=data_set, files=('InventoryApi.stock',))
    for data_set, channels, errors in ASSIGNMENTS
] + [
    Case(INDEXER, 'testProductSalabilityShouldChangeAfterUpdatingSourceItemDefaultStock',
         _item_salability('simple', 'default', 1), note=NOTE_SALABLE,
         files=('Catalog.products', 'InventoryApi.stock_with_source_link')),
    Case(INDEXER, 'testProductSalabilityShouldChangeAfterUpdatingSourceItemCustomStock',
         _item_salability('SKU-2', 'us-1', 20), note=NOTE_SALABLE,
         files=(WEBSITES, 'InventoryApi.sources', 'InventoryApi.stocks', 'InventoryApi.stock_source_links',
                'InventorySalesApi.stock_website_sales_channels', 'InventoryApi.products',
                'InventoryApi.source_items')),
]
