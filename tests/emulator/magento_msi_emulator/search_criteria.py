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


def _compare(cell, kind, value):
    """-1/0/1 like MySQL: numeric columns compare numerically, text columns case-insensitively."""
    if kind in ('int', 'float'):
        left, right = float(cell), mysql_number(value)
    else:
        left, right = str(cell).rstrip(' ').casefold(), value.rstrip(' ').casefold()
    return (left > right) - (left < right)


def _like(cell, pattern):
    regex = ''
    escaped = False
    for char in pattern:
        if escaped:
            regex += re.escape(char)
            escaped = False
        elif char == '\\':
            escaped = True
        elif char == '%':
            regex += '.*'
        elif char == '_':
            regex += '.'
        else:
            regex += re.escape(char)
    return re.fullmatch(regex, _text(cell), re.IGNORECASE | re.DOTALL) is not None


def _text(cell):
    if isinstance(cell, float) and cell.is_integer():
        return '%.6f' % cell
    return str(cell)


_ORDERINGS = {
    'gt': lambda c: c > 0, 'lt': lambda c: c < 0, 'gteq': lambda c: c >= 0, 'lteq': lambda c: c <= 0,
    'from': lambda c: c >= 0, 'to': lambda c: c <= 0, 'moreq': lambda c: c >= 0,
}


def condition_matches(cell, kind, condition, value):
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
        return _like(cell, value) == (condition == 'like')
    if condition in ('in', 'nin'):
        found = any(_compare(cell, kind, part) == 0 for part in value.split(','))
        return found == (condition == 'in')
    if condition == 'finset':
        return value in str(cell).split(',')
    if condition == 'regexp':
        return re.search(value, _text(cell), re.IGNORECASE) is not None
    if condition in _ORDERINGS:
        return _ORDERINGS[condition](_compare(cell, kind, value))
    if condition in ('neq', 'sneq'):
        return _compare(cell, kind, value) != 0
    return _compare(cell, kind, value) == 0


def _column(columns, field):
    if field not in columns:
        # MySQL "Unknown column" surfaces as an unmasked PHP exception: a 500
        raise InternalError('Unknown column %r' % field)
    return columns[field]


def _group_matches(row, group, columns):
    filters = group.get('filters') or []
    if not filters:
        return True
    for flt in filters:
        kind = _column(columns, flt.get('field'))
        if condition_matches(row.get(flt.get('field')), kind, flt.get('condition_type'), flt.get('value')):
            return True
    return False


def _sort_key(kind):
    def key(pair):
        cell = pair[0].get(pair[2])
        if cell is None:
            return (0, 0)
        return (1, str(cell).casefold() if kind == 'string' else float(cell))
    return key


def search(criteria, rows, items, columns):
    """rows are DB-like dicts parallel to items (the API objects); returns a search-results body."""
    chosen = [(row, item) for row, item in zip(rows, items)
              if all(_group_matches(row, group, columns) for group in criteria.get('filter_groups') or [])]
    for order in reversed(criteria.get('sort_orders') or []):
        field = order.get('field')
        kind = _column(columns, field)
        keyed = sorted(((row, item, field) for row, item in chosen), key=_sort_key(kind),
                       reverse=order.get('direction') != 'ASC')
        chosen = [(row, item) for row, item, _field in keyed]
    total = len(chosen)
    page_size = criteria.get('page_size') or 0
    if page_size > 0:
        last_page = max(1, int(math.ceil(total / float(page_size))))
        page = min(max(criteria.get('current_page') or 1, 1), last_page)
        chosen = chosen[(page - 1) * page_size:page * page_size]
    return {'items': [item for _row, item in chosen], 'search_criteria': echo(criteria), 'total_count': total}
