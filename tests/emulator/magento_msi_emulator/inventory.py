# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The MSI tables in memory, stock-source link and source-item rules, fixtures."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

from . import source_items, sources, stocks
from .collation import Collation
from .errors import EMPTY_FIELD, INPUT_DATA_EMPTY, bad_request, error_entry, field_error, validation_failed
from .search_criteria import matching_rows, page_of, results
from .validators import no_whitespace_in_string, not_an_empty_string

FIXTURE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures')
LINK_DEFAULT_RULE = 'Can not save link related to Default Source or Default Stock'
LINK_DELETE_DEFAULT = 'Can not delete link related to Default Source or Default Stock'
LINK_PRIORITY = '"%field" should be greater then 0.'
LINKS_NOT_SAVED = 'Could not save StockSourceLinks'
LINK_COLUMNS = {'link_id': 'int', 'stock_id': 'int', 'source_code': 'string', 'priority': 'int'}
MAX_PRIORITY = 65535


def fixture_path(name_or_path):
    if os.path.sep in name_or_path or name_or_path.endswith('.json'):
        return name_or_path
    return os.path.join(FIXTURE_DIR, name_or_path + '.json')


def read_fixture(name_or_path):
    with open(fixture_path(name_or_path)) as handle:
        return json.load(handle)


class RowIndex:
    """Rows by a collation-dependent key, for upserts.

    A scan per upsert made saving N links O(N^2) (6 s for 10,000). The index is rebuilt whenever the list was
    replaced (deletes build a new one) or the collation was switched; the caller adds the rows it appends.
    """

    def __init__(self, key):
        self.key = key
        self._built_for = (None, None)
        self._index = {}

    def of(self, rows, mode):
        built_rows, built_mode = self._built_for
        if built_rows is not rows or built_mode != mode:
            self._index = dict((self.key(row), row) for row in rows)
            self._built_for = (rows, mode)
        return self._index


class Inventory:
    """All MSI state; callers serialise access (the server holds one lock per request)."""

    def __init__(self, collation=None):
        self.collation = collation or Collation()
        self.websites = ['base']
        # source_code as stored -> row; lookups go through source_code_for(), which applies the collation
        self.sources = {}
        self._source_keys = (None, None)
        self.stocks = {}
        self.next_stock_id = 1
        self.sales_channels = {}
        self.links = []
        self._links_by_pair = RowIndex(lambda link: self._link_key(link['stock_id'], link['source_code']))
        # Bumped by every change to a link; with the list's identity it tells when a search is stale.
        self._links_version = 0
        self._link_search = (None, None, None)
        self.next_link_id = 1
        self._items = SourceItemTable(self.collation)
        self.next_source_item_id = 1
        self.indexers = {'inventory': 'valid'}
        # sku -> product type, from the fixture's "products"; see product_type()
        self.products = {}

    @classmethod
    def from_fixture(cls, name_or_path, collation=None):
        return cls.from_data(read_fixture(name_or_path), collation)

    @classmethod
    def from_data(cls, data, collation=None):
        inventory = cls(collation)
        inventory.websites = list(data.get('websites', ['base']))
        for source in data.get('sources', []):
            inventory.add_source(dict(source))
        for stock in data.get('stocks', []):
            stock_id = stock['stock_id']
            inventory.stocks[stock_id] = {'stock_id': stock_id, 'name': stock['name']}
            inventory.next_stock_id = max(inventory.next_stock_id, stock_id + 1)
            for channel in stock.get('sales_channels', []):
                inventory.sales_channels[(channel['type'], channel['code'])] = stock_id
        for channel in data.get('sales_channels', []):
            inventory.sales_channels[(channel['type'], channel['code'])] = channel['stock_id']
        for product in data.get('products', []):
            product = product if isinstance(product, dict) else {'sku': product}
            inventory.products[product['sku']] = product.get('type_id', 'simple')
        for link in data.get('links', []):
            inventory.upsert_link(link['stock_id'], link['source_code'], link['priority'])
        for item in data.get('source_items', []):
            inventory.upsert_source_item(item)
        return inventory

    def product_type(self, sku):
        """The emulator has no catalog: a product is one the fixture lists, or a SKU holding a source item."""
        if sku in self.products:
            return self.products[sku]
        return 'simple' if any(row['sku'] == sku for row in self._items.with_sku(sku)) else None

    def invalidate(self, indexer):
        self.indexers[indexer] = 'invalid'

    def snapshot(self):
        return {
            'sources': [sources.source_output(row) for row in self.sources.values()],
            'stocks': [stocks.stock_output(self, stock) for stock in self.stocks.values()],
            'links': [link_output(link) for link in self.links],
            'source_items': [source_items.output(item) for item in self.source_items],
            'indexers': dict(self.indexers),
        }

    # --- keys compared as the tables' collation compares them ------------------------------------

    def add_source(self, row):
        self.sources[row['source_code']] = row
        cached_for, keys = self._source_keys
        if cached_for == self.collation.enabled:
            keys[self.collation.key(row['source_code'])] = row['source_code']

    def source_code_for(self, code):
        """The stored spelling of the source that `code` finds in MySQL, or None."""
        cached_for, keys = self._source_keys
        if cached_for != self.collation.enabled:
            keys = dict((self.collation.key(stored), stored) for stored in self.sources)
            self._source_keys = (self.collation.enabled, keys)
        return keys.get(self.collation.key(code))

    def _link_key(self, stock_id, source_code):
        return (stock_id, self.collation.key(source_code))

    def upsert_link(self, stock_id, source_code, priority):
        """INSERT ... ON DUPLICATE KEY UPDATE priority: a row found through the collation keeps its spelling."""
        index = self._links_by_pair.of(self.links, self.collation.enabled)
        self._links_version += 1
        link = index.get(self._link_key(stock_id, source_code))
        if link is not None:
            link['priority'] = priority
            return
        link = {'link_id': self.next_link_id, 'stock_id': stock_id, 'source_code': source_code, 'priority': priority}
        self.links.append(link)
        index[self._link_key(stock_id, source_code)] = link
        self.next_link_id += 1

    @property
    def source_items(self):
        """Every source-item row, in source_item_id order (a new list: callers may keep or iterate it)."""
        return self._items.rows()

    def source_items_with_sku(self, sku):
        """The rows whose sku the collation matches with `sku`, in source_item_id order."""
        return self._items.with_sku(sku)

    def upsert_source_item(self, item):
        """Quantity and status are updated; sku and source_code keep the spelling of the stored row.

        Inventory/Model/ResourceModel/SourceItem/SaveMultiple.php updates rows it matched exactly and sends
        the rest through INSERT ... ON DUPLICATE KEY UPDATE quantity, status, where the unique key
        (source_code, sku) matches through the collation.
        """
        existing = self._items.find(item['sku'], item['source_code'])
        values = dict((field, item[field]) for field in ('quantity', 'status') if item.get(field) is not None)
        if existing is not None:
            existing.update(values)
            self._items.changed()
            return
        row = {'source_item_id': self.next_source_item_id, 'sku': item['sku'], 'source_code': item['source_code'],
               'quantity': 0.0, 'status': 0}
        row.update(values)
        self._items.add(row)
        self.next_source_item_id += 1

    # --- stock-source links -------------------------------------------------------------------

    def save_links(self, links):
        if not links:
            raise bad_request(INPUT_DATA_EMPTY)
        errors = []
        for link in links:
            errors.extend(_link_errors(link))
        if errors:
            raise validation_failed(errors)
        for link in links:
            # the foreign keys match source_code through the collation
            if (link['stock_id'] not in self.stocks or self.source_code_for(link['source_code']) is None
                    or link['priority'] > MAX_PRIORITY):
                raise bad_request(LINKS_NOT_SAVED)
        for link in links:
            self.upsert_link(link['stock_id'], link['source_code'], link['priority'])
        self.invalidate('inventory')

    def delete_links(self, links):
        if not links:
            raise bad_request(INPUT_DATA_EMPTY)
        # PreventDeleteDefaultStockLinksPlugin compares with PHP's ===, so this rule alone is exact
        if any(link.get('stock_id') == stocks.DEFAULT_STOCK_ID or link.get('source_code') == sources.DEFAULT_SOURCE_CODE
               for link in links):
            raise bad_request(LINK_DELETE_DEFAULT)
        doomed = set(self._link_key(link.get('stock_id'), link.get('source_code')) for link in links)
        self.links = [link for link in self.links if self._link_key(link['stock_id'], link['source_code']) not in doomed]
        self._links_version += 1
        self.invalidate('inventory')

    def list_links(self, criteria):
        """A page of links; the filtered, sorted rows are kept for the next page of the same search."""
        key = (self._links_version, self.collation.enabled, repr(criteria.get('filter_groups')),
               repr(criteria.get('sort_orders')))
        cached_for, cached_key, chosen = self._link_search
        # Holding the list itself (not its id) means a replaced list (stocks.delete_stock) never matches.
        if cached_for is not self.links or cached_key != key:
            chosen = [self.links[index] for index in matching_rows(criteria, self.links, LINK_COLUMNS, self.collation)]
            self._link_search = (self.links, key, chosen)
        return results(criteria, [link_output(link) for link in page_of(criteria, chosen)], len(chosen))

    def sources_of_stock(self, stock_id):
        links = sorted((link for link in self.links if link['stock_id'] == stock_id), key=lambda link: link['priority'])
        codes = [self.source_code_for(link['source_code']) for link in links]
        return [sources.source_output(self.sources[code]) for code in codes if code is not None]

    # --- source items -------------------------------------------------------------------------

    def delete_source_items(self, items):
        """DELETE ... WHERE (source_code = ? AND sku = ?) OR ...: matched through the collation."""
        for item in items:
            row = self._items.find(item.get('sku'), item.get('source_code'))
            if row is not None:
                self._items.remove(row)

    def list_source_items(self, criteria):
        """A page of source items; see SourceItemTable.search."""
        return self._items.search(criteria)


class SourceItemTable:
    """inventory_source_item in memory, with the indexes MySQL has: the unique key (source_code, sku), and
    lookups by sku and by source_code.

    Every request used to scan or copy all rows (a search built the API object of every row, a delete
    rebuilt the list): at 100,000 items a search cost ten times what it cost at 1,000 per item returned.
    Now a save, delete or search costs in proportion to the rows it touches, whatever the table's size.
    Keys are collation keys; a switch of the collation rebuilds the indexes once.
    """

    def __init__(self, collation):
        self.collation = collation
        self._rows = {}  # source_item_id -> row, in insertion (= id) order
        self._mode = collation.enabled
        self._by_pair = {}
        self._by_column = {'sku': {}, 'source_code': {}}
        # Bumped by every change; with the criteria it tells when a kept search result is stale.
        self._version = 0
        self._search = (None, None)

    def _pair(self, sku, source_code):
        return (self.collation.key(sku), self.collation.key(source_code))

    def _fresh(self):
        if self._mode != self.collation.enabled:
            self._mode = self.collation.enabled
            self._by_pair = {}
            self._by_column = {'sku': {}, 'source_code': {}}
            for row in self._rows.values():
                self._index(row)
            self._version += 1

    def _index(self, row):
        self._by_pair[self._pair(row['sku'], row['source_code'])] = row
        for column, index in self._by_column.items():
            index.setdefault(self.collation.key(row[column]), {})[row['source_item_id']] = row

    def rows(self):
        return list(self._rows.values())

    def find(self, sku, source_code):
        self._fresh()
        return self._by_pair.get(self._pair(sku, source_code))

    def with_sku(self, sku):
        self._fresh()
        return list(self._by_column['sku'].get(self.collation.key(sku), {}).values())

    def add(self, row):
        self._fresh()
        self._rows[row['source_item_id']] = row
        self._index(row)
        self._version += 1

    def changed(self):
        self._version += 1

    def remove(self, row):
        self._fresh()
        del self._rows[row['source_item_id']]
        self._by_pair.pop(self._pair(row['sku'], row['source_code']), None)
        for column, index in self._by_column.items():
            bucket = index.get(self.collation.key(row[column]))
            if bucket is not None:
                bucket.pop(row['source_item_id'], None)
                if not bucket:
                    del index[self.collation.key(row[column])]
        self._version += 1

    def _candidates(self, criteria):
        """The fewest rows some filter group allows, through an index, or every row.

        A group qualifies when each of its filters is `eq` or `in` on sku or source_code: then the rows it
        matches are exactly those its values' keys find (the same collation keys the filter compares).
        matching_rows still applies every group to the candidates.
        """
        best = None
        for group in criteria.get('filter_groups') or []:
            filters = group.get('filters') or []
            if not filters or not all(_indexed_filter(flt) for flt in filters):
                continue
            found = {}
            for flt in filters:
                value = '' if flt.get('value') is None else flt.get('value')
                condition = (flt.get('condition_type') or 'eq').lower()
                index = self._by_column[flt.get('field')]
                for part in (value.split(',') if condition == 'in' else [value]):
                    found.update(index.get(self.collation.key(part), {}))
            if best is None or len(found) < len(best):
                best = found
        if best is None:
            return list(self._rows.values())
        return [best[row_id] for row_id in sorted(best)]

    def search(self, criteria):
        """A page of the matching rows; the chosen rows are kept for the next page of the same search."""
        self._fresh()
        key = (self._version, self._mode, repr(criteria.get('filter_groups')), repr(criteria.get('sort_orders')))
        cached_key, chosen = self._search
        if cached_key != key:
            rows = self._candidates(criteria)
            chosen = [rows[index] for index in matching_rows(criteria, rows, source_items.COLUMNS, self.collation)]
            self._search = (key, chosen)
        return results(criteria, [source_items.output(row) for row in page_of(criteria, chosen)], len(chosen))


def _indexed_filter(flt):
    return (flt.get('field') in ('sku', 'source_code')
            and (flt.get('condition_type') or 'eq').lower() in ('eq', 'in'))


def _link_errors(link):
    code = link.get('source_code')
    errors = not_an_empty_string('source_code', code) + no_whitespace_in_string('source_code', code)
    if link.get('stock_id') is None:
        errors.append(field_error(EMPTY_FIELD, 'stock_id'))
    if (link.get('priority') or 0) <= 0:
        errors.append(field_error(LINK_PRIORITY, 'priority'))
    touches_default = link.get('stock_id') == stocks.DEFAULT_STOCK_ID or code == sources.DEFAULT_SOURCE_CODE
    is_initial_link = link.get('stock_id') == stocks.DEFAULT_STOCK_ID and code == sources.DEFAULT_SOURCE_CODE
    if touches_default and not is_initial_link:
        errors.append(error_entry(LINK_DEFAULT_RULE))
    return errors


def link_output(link):
    return {'stock_id': link['stock_id'], 'source_code': link['source_code'], 'priority': link['priority']}
