# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""searchCriteria as Magento's collection processors apply it to a MySQL table."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import functools
import math
import re

from .errors import InternalError, bad_request

BAD_DIRECTION = 'The sort order has to be specified as %1 for ascending order or %2 for descending order.'
MAX_PAGE_SIZE = 'Maximum SearchCriteria pageSize is %max'
_LEADING_NUMBER = re.compile(r'^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?')


def prepare(criteria, limits):
    """Validate sort directions and input limits; returns the criteria with normalised directions."""
    criteria = dict(criteria or {})
    orders = []
    for order in criteria.get('sort_orders') or []:
        order = dict(order)
        direction = order.get('direction')
        if direction is not None:
            if direction.upper() not in ('ASC', 'DESC'):
                raise bad_request(BAD_DIRECTION, ['ASC', 'DESC'])
            order['direction'] = direction.upper()
        orders.append(order)
    if 'sort_orders' in criteria and criteria['sort_orders'] is not None:
        criteria['sort_orders'] = orders
    if limits.enabled:
        if criteria.get('page_size') is None:
            criteria['page_size'] = limits.default_page_size
        elif criteria['page_size'] > limits.max_page_size:
            raise bad_request(MAX_PAGE_SIZE, {'max': limits.max_page_size})
    return criteria


def echo(criteria):
    """The search_criteria block of a search result: null values absent, filter values as strings."""
    groups = []
    for group in criteria.get('filter_groups') or []:
        filters = []
        for flt in group.get('filters') or []:
            filters.append(dict((key, value) for key, value in flt.items() if value is not None))
        groups.append({'filters': filters})
    shown = {'filter_groups': groups}
    if criteria.get('sort_orders') is not None:
        shown['sort_orders'] = [dict((k, v) for k, v in order.items() if v is not None)
                                for order in criteria['sort_orders']]
    for key in ('page_size', 'current_page'):
        if criteria.get(key) is not None:
            shown[key] = criteria[key]
    return shown


# Filters compare every row with the same few values: parse each value once, not once per row.
@functools.lru_cache(maxsize=4096)
def mysql_number(text):
    match = _LEADING_NUMBER.match(text)
    return float(match.group(0)) if match else 0.0


def _compare(cell, kind, value, collation):
    """-1/0/1 like MySQL: numeric columns compare numerically, text columns by the tables' collation."""
    if kind in ('int', 'float'):
        left, right = float(cell), mysql_number(value)
    else:
        left, right = collation.key(cell), collation.key(value)
    return (left > right) - (left < right)


def _like(cell, pattern, collation):
    regex = ''
    escaped = False
    for char in pattern:
        if escaped:
            regex += re.escape(collation.like_text(char))
            escaped = False
        elif char == '\\':
            escaped = True
        elif char == '%':
            regex += '.*'
        elif char == '_':
            regex += '.'
        else:
            regex += re.escape(collation.like_text(char))
    return re.fullmatch(regex, collation.like_text(_text(cell)), re.DOTALL) is not None


def _text(cell):
    if isinstance(cell, float) and cell.is_integer():
        return '%.6f' % cell
    return str(cell)


_ORDERINGS = {
    'gt': lambda c: c > 0, 'lt': lambda c: c < 0, 'gteq': lambda c: c >= 0, 'lteq': lambda c: c <= 0,
    'from': lambda c: c >= 0, 'to': lambda c: c <= 0, 'moreq': lambda c: c >= 0,
}


def condition_matches(cell, kind, condition, value, collation):
    condition = (condition or 'eq').lower()
    value = '' if value is None else value
    if condition == 'null':
        return cell is None
    if condition == 'notnull':
        return cell is not None
    if cell is None:
        return False
    if condition == 'fulltext':
        condition, value = 'like', '%' + value + '%'
    if condition in ('like', 'nlike'):
        return _like(cell, value, collation) == (condition == 'like')
    if condition in ('in', 'nin'):
        found = any(_compare(cell, kind, part, collation) == 0 for part in value.split(','))
        return found == (condition == 'in')
    if condition == 'finset':
        return collation.key(value) in [collation.key(part) for part in str(cell).split(',')]
    if condition == 'regexp':
        flags = re.IGNORECASE if collation.enabled else 0
        return re.search(value, _text(cell), flags) is not None
    if condition in _ORDERINGS:
        return _ORDERINGS[condition](_compare(cell, kind, value, collation))
    if condition in ('neq', 'sneq'):
        return _compare(cell, kind, value, collation) != 0
    return _compare(cell, kind, value, collation) == 0


def _column(columns, field):
    if field not in columns:
        # MySQL "Unknown column" surfaces as an unmasked PHP exception: a 500
        raise InternalError('Unknown column %r' % field)
    return columns[field]


def _compile_filter(flt, columns, collation):
    """One filter as a test on a row, with its column kind and value parsed once per request, not per row."""
    field = flt.get('field')
    kind = _column(columns, field)
    condition = (flt.get('condition_type') or 'eq').lower()
    value = '' if flt.get('value') is None else flt.get('value')
    if condition in ('eq', 'in', 'nin'):
        # The same comparison as _compare(...) == 0: numbers as MySQL reads them, text by the collation.
        if kind in ('int', 'float'):
            comparable, parse = float, mysql_number
        else:
            comparable = parse = collation.key
        wanted = frozenset(parse(part) for part in (value.split(',') if condition != 'eq' else [value]))
        expected = condition != 'nin'

        def test(row):
            cell = row.get(field)
            return cell is not None and (comparable(cell) in wanted) == expected
        return test
    return lambda row: condition_matches(row.get(field), kind, condition, value, collation)


def _any_of(tests):
    if len(tests) == 1:
        return tests[0]
    return lambda row: any(test(row) for test in tests)


def _all_of(tests):
    if len(tests) == 1:
        return tests[0]
    return lambda row: all(test(row) for test in tests)


def matching_rows(criteria, rows, columns, collation):
    """Indexes of the rows that match the filter groups, in the sort order: what every page is cut from.

    OR within a group, AND across groups; a group without filters matches every row.
    """
    groups = []
    if rows:
        for group in criteria.get('filter_groups') or []:
            tests = [_compile_filter(flt, columns, collation) for flt in group.get('filters') or []]
            if tests:
                groups.append(_any_of(tests))
    if groups:
        matches = _all_of(groups)
        chosen = [index for index, row in enumerate(rows) if matches(row)]
    else:
        chosen = list(range(len(rows)))
    for order in reversed(criteria.get('sort_orders') or []):
        field = order.get('field')
        sort_key = _sort_key(rows, field, _column(columns, field), collation)
        chosen.sort(key=sort_key, reverse=order.get('direction') != 'ASC')
    return chosen


def _sort_key(rows, field, kind, collation):
    def key(index):
        cell = rows[index].get(field)
        if cell is None:
            return (0, 0)
        return (1, collation.key(cell) if kind == 'string' else float(cell))
    return key


def page_of(criteria, chosen):
    """The part of the matching rows the requested page shows; Magento repeats the last page past the end."""
    page_size = criteria.get('page_size') or 0
    if page_size <= 0:
        return chosen
    last_page = max(1, int(math.ceil(len(chosen) / float(page_size))))
    page = min(max(criteria.get('current_page') or 1, 1), last_page)
    return chosen[(page - 1) * page_size:page * page_size]


def results(criteria, items, total):
    return {'items': items, 'search_criteria': echo(criteria), 'total_count': total}


def search(criteria, rows, items, columns, collation):
    """rows are DB-like dicts parallel to items (the API objects); returns a search-results body."""
    chosen = matching_rows(criteria, rows, columns, collation)
    return results(criteria, [items[index] for index in page_of(criteria, chosen)], len(chosen))


def search_records(criteria, records, columns, db_row, output, collation):
    """search() for records kept in API form: the DB row of a record (db_row) is built only when a filter
    or a sort order needs it, and the API object (output) only for the records on the requested page."""
    if criteria.get('filter_groups') or criteria.get('sort_orders'):
        rows = [db_row(record) for record in records]
        chosen = [records[index] for index in matching_rows(criteria, rows, columns, collation)]
    else:
        chosen = records
    return results(criteria, [output(record) for record in page_of(criteria, chosen)], len(chosen))
