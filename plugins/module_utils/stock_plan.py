# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pure planning for msi_stock: desired stock + every current stock -> what to send, no I/O.

Magento replaces a stock's sales channels on every save: websites left out move to Default Stock,
and a website named here that sits on another stock is silently moved. So the plan always carries
the full channel list, and says in warnings which websites will move.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput, raise_if_problems
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import DEFAULT_STOCK_ID, same_name
from ansible_collections.commerceops.magento.plugins.module_utils.plan import Plan
from ansible_collections.commerceops.magento.plugins.module_utils.record_plan import record_text

WEBSITE = 'website'
MAX_NAME = 255


def stock_view(raw):
    """Magento's stock object -> {'stock_id', 'name', 'sales_channels'} with channels sorted."""
    channels = (raw.get('extension_attributes') or {}).get('sales_channels') or []
    return {
        'stock_id': int(raw['stock_id']),
        'name': raw.get('name'),
        'sales_channels': sorted_channels(channels),
    }


def sorted_channels(channels):
    unique = set((channel['type'], channel['code']) for channel in channels)
    return [{'type': kind, 'code': code} for kind, code in sorted(unique)]


def normalise_sales_channels(channels):
    """Validate the user's list; return it deduplicated and sorted. Raise InvalidInput on bad entries."""
    problems = []
    for index, channel in enumerate(channels):
        kind = channel.get('type') or WEBSITE
        code = channel.get('code')
        if kind != WEBSITE:
            problems.append('sales_channels[%d].type must be %r, got %r' % (index, WEBSITE, kind))
        if code is None or not str(code).strip():
            problems.append('sales_channels[%d].code must name a website, got %r' % (index, code))
    raise_if_problems(problems)
    return sorted_channels([{'type': channel.get('type') or WEBSITE, 'code': channel['code']}
                            for channel in channels])


def find_stock(stocks, stock_id=None, name=None):
    """The stock the user means: by id when given, else by name; None when it does not exist."""
    for stock in stocks:
        if stock_id is not None:
            if stock['stock_id'] == stock_id:
                return stock
        elif same_name(stock['name'], name):
            return stock
    return None


def select_stocks(stocks, stock_ids, names):
    """The stocks asked for by id or name (all when neither is given), and the ids and names that matched none."""
    if stock_ids is None and names is None:
        return stocks, []
    chosen, missing = {}, []
    wanted = [dict(stock_id=stock_id) for stock_id in stock_ids or []] + [dict(name=name) for name in names or []]
    for identity in wanted:
        stock = find_stock(stocks, **identity)
        if stock is None:
            missing.append(list(identity.values())[0])
        else:
            chosen[stock['stock_id']] = stock
    return [chosen[stock_id] for stock_id in sorted(chosen)], missing


def _label(stock):
    return '%r (%s)' % (stock['name'], stock['stock_id'])


def _move_warnings(target_label, target_id, channels, stocks):
    owners = {}
    for stock in stocks:
        for channel in stock['sales_channels']:
            owners[(channel['type'], channel['code'])] = stock
    warnings = []
    for channel in channels:
        owner = owners.get((channel['type'], channel['code']))
        if owner is not None and owner['stock_id'] != target_id:
            warnings.append('%s %r moves from stock %s to stock %s'
                            % (channel['type'], channel['code'], _label(owner), target_label))
    return warnings


def _validate_identity(stock_id, name):
    problems = []
    if stock_id is None and name is None:
        problems.append('give stock_id or name to say which stock is meant')
    if stock_id is not None and stock_id < 1:
        problems.append('stock_id must be a positive integer, got %r' % stock_id)
    if name is not None and not name.strip():
        problems.append('name must not be empty, got %r' % name)
    if name is not None and len(name) > MAX_NAME:
        problems.append('name is longer than %d characters: %r' % (MAX_NAME, name))
    raise_if_problems(problems)


def _changes(before, after):
    """{field: {'before', 'after'}} for name and sales_channels."""
    changes = {}
    for field in ('name', 'sales_channels'):
        old, new = (before or {}).get(field), (after or {}).get(field)
        if old != new:
            changes[field] = {'before': old, 'after': new}
    return changes


def _plan(action, before, after, body=None, warnings=()):
    shown = after or before
    label = 'stock %s' % (shown['stock_id'] if shown and shown['stock_id'] is not None else shown and shown['name'])
    return Plan({'action': action, 'changes': _changes(before, after) if action else {}}, action is not None,
                before, after, record_text, label, warnings=warnings, body=body)


def _plan_delete(current):
    if current is None:
        return _plan(None, None, None)
    if current['stock_id'] == DEFAULT_STOCK_ID:
        raise InvalidInput('Magento refuses to delete Default Stock (stock_id %d)' % DEFAULT_STOCK_ID)
    if current['sales_channels']:
        codes = ', '.join(channel['code'] for channel in current['sales_channels'])
        raise InvalidInput('Magento forbids deleting stock %s while it still has sales channels (%s); '
                           'assign those websites to another stock with sales_channels first, then delete it'
                           % (_label(current), codes))
    return _plan('delete', current, None)


def plan_stock(stocks, state, stock_id=None, name=None, sales_channels=None):
    """Decide what to send for one stock.

    ``stocks`` are all current stocks as stock_view() dicts; ``sales_channels`` is None when the user
    left them out (keep the current ones). The plan's summary has ``action`` ('create', 'update',
    'delete' or None) and ``changes``; its ``body`` is the ``stock`` object to send.
    """
    _validate_identity(stock_id, name)
    current = find_stock(stocks, stock_id=stock_id, name=name)
    if state == 'absent':
        return _plan_delete(current)

    wanted_channels = None if sales_channels is None else normalise_sales_channels(sales_channels)
    if name is not None:
        clash = [stock for stock in stocks if same_name(stock['name'], name)
                 and (current is None or stock['stock_id'] != current['stock_id'])]
        if clash:
            raise InvalidInput('stock name %r is already used by stock %s; Magento requires unique names'
                               % (name, _label(clash[0])))

    if current is None:
        if name is None:
            raise InvalidInput('stock_id %d does not exist; creating it needs a name' % stock_id)
        after = {'stock_id': stock_id, 'name': name, 'sales_channels': wanted_channels or []}
    else:
        after = {
            'stock_id': current['stock_id'],
            'name': current['name'] if name is None else name,
            'sales_channels': current['sales_channels'] if wanted_channels is None else wanted_channels,
        }
        if after == current:
            return _plan(None, current, current)

    warnings = _move_warnings(repr(after['name']), after['stock_id'], after['sales_channels'], stocks)
    if current is not None:
        dropped = [channel for channel in current['sales_channels'] if channel not in after['sales_channels']]
        if dropped and current['stock_id'] == DEFAULT_STOCK_ID:
            raise InvalidInput('websites cannot be taken off Default Stock (%s): Magento puts them straight back; '
                               'list them in sales_channels of the stock they should move to'
                               % ', '.join(channel['code'] for channel in dropped))
        for channel in dropped:
            warnings.append('%s %r leaves stock %s and Magento assigns it to Default Stock (%d)'
                            % (channel['type'], channel['code'], _label(current), DEFAULT_STOCK_ID))

    body = {'name': after['name'], 'extension_attributes': {'sales_channels': after['sales_channels']}}
    if after['stock_id'] is not None:
        body['stock_id'] = after['stock_id']
    return _plan('create' if current is None else 'update', current, after, body, warnings)
