# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The MSI REST routes: path, ACL resource, service parameters and the service call."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from urllib.parse import unquote_plus

from . import sales, search_criteria, source_items, sources, stocks, two_factor
from .bulk import ACL_BULK
from .dto import process_params

ACL_LINK = 'Magento_InventoryApi::stock_source_link'
ACL_SOURCE = 'Magento_InventoryApi::source'
ACL_SOURCE_EDIT = 'Magento_InventoryApi::source_edit'
ACL_STOCK = 'Magento_InventoryApi::stock'
ACL_STOCK_EDIT = 'Magento_InventoryApi::stock_edit'
ACL_STOCK_DELETE = 'Magento_InventoryApi::stock_delete'
ACL_SOURCE_ITEM = 'Magento_InventoryApi::stock_source_item_assign'
ACL_SALES_STOCK = 'Magento_InventorySalesApi::stock'
ANONYMOUS = 'anonymous'
ADMIN_TOKEN_PATH = '/V1/integration/admin/token'
GOOGLE_AUTHENTICATE_PATH = '/V1/tfa/provider/google/authenticate'
# not writes, for the request log: and their bodies hold passwords
SIGN_IN_PATHS = (ADMIN_TOKEN_PATH, GOOGLE_AUTHENTICATE_PATH)

CRITERIA = ('object', 'SearchCriteria')
LINKS = [('links', ('array', 'StockSourceLink'), True)]
SOURCE_ITEMS = [('sourceItems', ('array', 'SourceItem'), True)]


class Route:
    """costed_items: the list parameter whose items a write pays for (see app.WriteCost), or None.
    needs_two_factor: the route exists only while Magento_TwoFactorAuth is enabled (setting two_factor).
    service_class: the class Magento's consumer names in 'Service execution success <class>::execute'; a route
    with one is served under /async/bulk too (see bulk.py). storage_failure: the service's message when the
    database refuses the write (setting bulk_failing_skus makes an operation fail so)."""

    def __init__(self, method, pattern, acl, params, service, put_id=None, costed_items=None,
                 needs_two_factor=False, service_class=None, storage_failure=None):
        self.method = method
        self.parts = pattern.strip('/').split('/')
        self.acl = acl
        self.params = params
        self.service = service
        self.put_id = put_id
        self.costed_items = costed_items
        self.needs_two_factor = needs_two_factor
        self.service_class = service_class
        self.storage_failure = storage_failure

    def match(self, method, path):
        """Path params are urldecode()d one segment at a time, as Magento's Route does."""
        if method != self.method:
            return None
        segments = path.strip('/').split('/')
        if len(segments) != len(self.parts):
            return None
        found = {}
        for part, segment in zip(self.parts, segments):
            if part.startswith(':'):
                found[part[1:]] = unquote_plus(segment)
            elif part != segment:
                return None
        return found

    def call(self, app, input_data):
        """The service's answer and how many items it wrote (None for routes that cost nothing)."""
        values = process_params(input_data, self.params, app.limits, app.version)
        answer = self.service(app, values)
        written = len(values[self.costed_items]) if self.costed_items else None
        return answer, written


def _search(app, criteria, collection, items, columns):
    criteria = search_criteria.prepare(criteria, app.limits)
    return search_criteria.search(criteria, collection, items, columns, app.inventory.collation)


def _list_sources(app, values):
    criteria = search_criteria.prepare(values['searchCriteria'], app.limits)
    return search_criteria.search_records(criteria, list(app.inventory.sources.values()), sources.COLUMNS,
                                          sources.source_row, sources.source_output, app.inventory.collation)


def _list_stocks(app, values):
    rows = list(app.inventory.stocks.values())
    return _search(app, values['searchCriteria'], rows, [stocks.stock_output(app.inventory, row) for row in rows],
                   stocks.COLUMNS)


def _list_links(app, values):
    return app.inventory.list_links(search_criteria.prepare(values['searchCriteria'], app.limits))


def _list_source_items(app, values):
    return source_items.search_rows(app.inventory, search_criteria.prepare(values['searchCriteria'], app.limits))


def _admin_token(app, values):
    app.auth.authenticate(values['username'], values['password'])
    if app.two_factor:
        raise two_factor.admin_token_refusal(app.settings['two_factor_providers'])
    return app.auth.issue_token()


def _void(action):
    def service(app, values):
        action(app, values)
        return []
    return service


# The preferences of Magento's service interfaces (INV Inventory/etc/di.xml); plugins on the interfaces (the
# indexer's) make the object Magento's consumer calls a generated Interceptor.
SOURCE_ITEMS_SAVE = 'Magento\\Inventory\\Model\\SourceItem\\Command\\SourceItemsSave\\Interceptor'
SOURCE_ITEMS_DELETE = 'Magento\\Inventory\\Model\\SourceItem\\Command\\SourceItemsDelete\\Interceptor'
LINKS_SAVE = 'Magento\\Inventory\\Model\\StockSourceLink\\Command\\StockSourceLinksSave\\Interceptor'
LINKS_DELETE = 'Magento\\Inventory\\Model\\StockSourceLink\\Command\\StockSourceLinksDelete\\Interceptor'
# INV Inventory/Model/SourceItem/Command/SourceItemsDelete.php
SOURCE_ITEMS_NOT_DELETED = 'Could not delete Source Items'

ROUTES = [
    Route('GET', '/V1/inventory/stock-source-links', ACL_LINK, [('searchCriteria', CRITERIA, True)], _list_links),
    Route('POST', '/V1/inventory/stock-source-links', ACL_LINK, LINKS,
          _void(lambda app, values: app.inventory.save_links(values['links'])), costed_items='links',
          service_class=LINKS_SAVE),
    Route('POST', '/V1/inventory/stock-source-links-delete', ACL_LINK, LINKS,
          _void(lambda app, values: app.inventory.delete_links(values['links'])), costed_items='links',
          service_class=LINKS_DELETE),
    Route('GET', '/V1/inventory/get-sources-assigned-to-stock-ordered-by-priority/:stockId', ACL_SOURCE,
          [('stockId', 'int', True)], lambda app, values: app.inventory.sources_of_stock(values['stockId'])),
    Route('GET', '/V1/inventory/sources', ACL_SOURCE, [('searchCriteria', CRITERIA, False)], _list_sources),
    Route('GET', '/V1/inventory/sources/:sourceCode', ACL_SOURCE, [('sourceCode', 'string', True)],
          lambda app, values: sources.get_source(app.inventory, values['sourceCode'])),
    Route('POST', '/V1/inventory/sources', ACL_SOURCE_EDIT, [('source', ('object', 'Source'), True)],
          _void(lambda app, values: sources.save_source(app.inventory, values['source']))),
    Route('PUT', '/V1/inventory/sources/:sourceCode', ACL_SOURCE_EDIT, [('source', ('object', 'Source'), True)],
          _void(lambda app, values: sources.save_source(app.inventory, values['source'])), put_id='sourceCode'),
    Route('GET', '/V1/inventory/stocks', ACL_STOCK, [('searchCriteria', CRITERIA, False)], _list_stocks),
    Route('GET', '/V1/inventory/stocks/:stockId', ACL_STOCK, [('stockId', 'int', True)],
          lambda app, values: stocks.get_stock(app.inventory, values['stockId'])),
    Route('POST', '/V1/inventory/stocks', ACL_STOCK_EDIT, [('stock', ('object', 'Stock'), True)],
          lambda app, values: stocks.save_stock(app.inventory, values['stock'])),
    Route('PUT', '/V1/inventory/stocks/:stockId', ACL_STOCK_EDIT, [('stock', ('object', 'Stock'), True)],
          lambda app, values: stocks.save_stock(app.inventory, values['stock']), put_id='stockId'),
    Route('DELETE', '/V1/inventory/stocks/:stockId', ACL_STOCK_DELETE, [('stockId', 'int', True)],
          _void(lambda app, values: stocks.delete_stock(app.inventory, values['stockId']))),
    Route('GET', '/V1/inventory/source-items', ACL_SOURCE, [('searchCriteria', CRITERIA, True)], _list_source_items),
    Route('POST', '/V1/inventory/source-items', ACL_SOURCE_ITEM, SOURCE_ITEMS,
          _void(lambda app, values: source_items.save(app.inventory, values['sourceItems'], app.version)),
          costed_items='sourceItems', service_class=SOURCE_ITEMS_SAVE, storage_failure=source_items.NOT_SAVED),
    Route('POST', '/V1/inventory/source-items-delete', ACL_SOURCE_ITEM, SOURCE_ITEMS,
          _void(lambda app, values: source_items.delete(app.inventory, values['sourceItems'])),
          costed_items='sourceItems', service_class=SOURCE_ITEMS_DELETE, storage_failure=SOURCE_ITEMS_NOT_DELETED),
    Route('POST', ADMIN_TOKEN_PATH, ANONYMOUS, [('username', 'string', True), ('password', 'string', True)],
          _admin_token),
    Route('POST', GOOGLE_AUTHENTICATE_PATH, ANONYMOUS,
          [('username', 'string', True), ('password', 'string', True), ('otp', 'string', True)],
          lambda app, values: two_factor.google_authenticate(app, values['username'], values['password'],
                                                             values['otp']), needs_two_factor=True),
    Route('GET', '/V1/inventory/stock-resolver/:type/:code', ACL_SALES_STOCK,
          [('type', 'string', True), ('code', 'string', True)],
          lambda app, values: sales.resolve_stock(app.inventory, values['type'], values['code'])),
    Route('GET', '/V1/inventory/get-product-salable-quantity/:sku/:stockId', ACL_SALES_STOCK,
          [('sku', 'string', True), ('stockId', 'int', True)],
          lambda app, values: sales.salable_quantity(app.inventory, values['sku'], values['stockId'])),
    Route('GET', '/V1/bulk/:bulkUuid/status', ACL_BULK, [('bulkUuid', 'string', True)],
          lambda app, values: app.bulk.short_status(values['bulkUuid'])),
    Route('GET', '/V1/bulk/:bulkUuid/detailed-status', ACL_BULK, [('bulkUuid', 'string', True)],
          lambda app, values: app.bulk.detailed_status(values['bulkUuid'])),
    Route('GET', '/V1/bulk/:bulkUuid/operation-status/:status', ACL_BULK,
          [('bulkUuid', 'string', True), ('status', 'int', True)],
          lambda app, values: app.bulk.count(values['bulkUuid'], values['status'])),
]


def find_route(method, path):
    for route in ROUTES:
        found = route.match(method, path)
        if found is not None:
            return route, found
    return None, None
