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
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import DEFAULT_STOCK_ID, name_key, same_name
from ansible_collections.commerceops.magento.plugins.module_utils.plan import Plan, RecordsPlan
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


# --- the list form: stocks by name, planned together against one read of every stock ---------------

UNLISTED_CHOICES = ('keep', 'delete')


def list_key(stock):
    """Existing stocks pair by id; a stock to create by its name."""
    return stock['stock_id'] if stock['stock_id'] is not None else 'new: %s' % name_key(stock['name'])


def _list_label(stock):
    return 'stock %r (%s)' % (stock['name'], stock['stock_id'] if stock['stock_id'] is not None else 'new')


def _channel_keys(channels):
    return set((channel['type'], channel['code']) for channel in channels)


def _listed_entries(entries, stocks, problems):
    """The entries checked and matched by name to Magento's stocks: [{'name', 'channels', 'current'}]."""
    by_name, seen, listed = {}, {}, []
    for stock in stocks:
        by_name.setdefault(name_key(stock['name']), []).append(stock)
    for index, entry in enumerate(entries):
        where, name = 'stocks[%d]' % index, entry.get('name')
        if name is None or not name.strip() or len(name) > MAX_NAME:
            problems.append('%s name must be a non-empty name of at most %d characters, got %r' % (where, MAX_NAME, name))
            continue
        if name_key(name) in seen:
            problems.append('%s lists stock %r again (first at stocks[%d]); Magento compares names ignoring case '
                            'and surrounding spaces' % (where, name, seen[name_key(name)]))
            continue
        seen[name_key(name)] = index
        matches = by_name.get(name_key(name), [])
        if len(matches) > 1:
            problems.append('%s name %r matches several stocks (%s); rename all but one in Magento first'
                            % (where, name, ', '.join(_label(stock) for stock in matches)))
            continue
        channels = entry.get('sales_channels')
        if channels is not None:
            try:
                channels = normalise_sales_channels(channels)
            except InvalidInput as error:
                problems.extend('%s.%s' % (where, problem) for problem in error.problems)
                continue
        current = matches[0] if matches else None
        listed.append({'name': name, 'channels': channels, 'current': current,
                       'key': current['stock_id'] if current else 'new: %s' % name_key(name)})
    return listed


class _Simulation(object):
    """Which stock sells on which website, as Magento's saves move them (see the module's docs)."""

    def __init__(self, stocks):
        self.stocks = dict((stock['stock_id'], {'stock_id': stock['stock_id'], 'name': stock['name'],
                                                'sales_channels': list(stock['sales_channels'])})
                           for stock in stocks)

    def save(self, stock_key, stock_id, name, channels):
        """A save replaces the stock's websites: listed ones leave other stocks, dropped ones go to Default Stock."""
        previous = _channel_keys(self.stocks[stock_key]['sales_channels']) if stock_key in self.stocks else set()
        wanted = _channel_keys(channels)
        for other_key, other in self.stocks.items():
            if other_key != stock_key:
                other['sales_channels'] = [channel for channel in other['sales_channels']
                                           if (channel['type'], channel['code']) not in wanted]
        self.stocks[stock_key] = {'stock_id': stock_id, 'name': name, 'sales_channels': sorted_channels(channels)}
        # Websites a save drops fall back to Default Stock; Default Stock itself keeps them.
        fallen = [{'type': kind, 'code': code} for kind, code in previous - wanted if kind == WEBSITE]
        if fallen and DEFAULT_STOCK_ID in self.stocks:
            default = self.stocks[DEFAULT_STOCK_ID]
            default['sales_channels'] = sorted_channels(default['sales_channels'] + fallen)

    def delete(self, stock_key):
        del self.stocks[stock_key]


def _claim_problems(listed):
    """A website listed on two stocks."""
    problems, claimed = [], {}
    for record in listed:
        for channel_key in sorted(_channel_keys(record['channels'] or [])):
            if channel_key in claimed:
                problems.append('%s %r is listed on stocks %r and %r; a website sells from one stock'
                                % (channel_key[0], channel_key[1], claimed[channel_key], record['name']))
            claimed[channel_key] = record['name']
    return problems


def _outcome_problems(listed, simulation, doomed):
    """Where Magento, once every save is sent, would differ from the list: websites that fall back to
    Default Stock when the list gives it fewer, websites still on a stock to delete."""
    problems = []
    for record in listed:
        held = simulation.stocks.get(record['key'])
        if record['channels'] is None or held is None or held['sales_channels'] == record['channels']:
            continue
        extra = sorted(code for kind, code in _channel_keys(held['sales_channels']) - _channel_keys(record['channels']))
        problems.append('websites %s would end on stock %s although the list gives it only %s: Magento puts a website '
                        'that leaves its stock on Default Stock and never takes one off it; list them on the stock '
                        'that should sell them, or on Default Stock'
                        % (', '.join(extra), _label(held), ', '.join(channel['code'] for channel in record['channels'])
                           or 'none'))
    for stock in doomed:
        left = simulation.stocks[stock['stock_id']]['sales_channels']
        if left:
            problems.append('stock %s is not listed and would be deleted, but websites %s still sell from it and no '
                            'listed stock takes them; Magento refuses to delete it. List them on a stock, or keep '
                            'unlisted stocks' % (_label(stock), ', '.join(channel['code'] for channel in left)))
    return problems


def _move_warnings_between(before, after):
    owner_before, owner_after = {}, {}
    for owners, stocks in ((owner_before, before), (owner_after, after)):
        for stock in stocks:
            for channel in stock['sales_channels']:
                owners[(channel['type'], channel['code'])] = stock
    warnings = []
    for channel_key in sorted(owner_after):
        old, new = owner_before.get(channel_key), owner_after[channel_key]
        if old is not None and list_key(old) != list_key(new):
            new_label = _label(new) if new['stock_id'] is not None else repr(new['name'])
            if new['stock_id'] == DEFAULT_STOCK_ID:
                warnings.append('%s %r leaves stock %s and Magento assigns it to Default Stock (%d)'
                                % (channel_key[0], channel_key[1], _label(old), DEFAULT_STOCK_ID))
            else:
                warnings.append('%s %r moves from stock %s to stock %s' % (channel_key[0], channel_key[1],
                                                                           _label(old), new_label))
    return warnings


def _ordered_writes(listed, simulation):
    """Saves, those that take websites first, so a moving website goes straight to its new stock and
    the stock it leaves often needs no save of its own; a save the earlier ones made needless is left out."""
    def takes_websites(record):
        held = simulation.stocks.get(record['key'], {'sales_channels': []})['sales_channels']
        return bool(_channel_keys(record['channels'] or []) - _channel_keys(held))

    writes = []
    for record in sorted(listed, key=lambda record: (not takes_websites(record), name_key(record['name']))):
        held = simulation.stocks.get(record['key'])
        channels = record['channels'] if record['channels'] is not None else (held or {}).get('sales_channels', [])
        if held is not None and held['name'] == record['name'] and held['sales_channels'] == sorted_channels(channels):
            continue
        stock_id = record['current']['stock_id'] if record['current'] else None
        simulation.save(record['key'], stock_id, record['name'], channels)
        body = {'name': record['name'], 'extension_attributes': {'sales_channels': sorted_channels(channels)}}
        if stock_id is not None:
            body['stock_id'] = stock_id
        writes.append({'action': 'update' if stock_id is not None else 'create', 'key': record['key'],
                       'stock_id': stock_id, 'stock': body})
    return writes


def plan_stocks(entries, stocks, unlisted='keep'):
    """Plan a whole list of stocks, named, against every stock Magento has (stock_view dicts), before any write.

    An entry without sales_channels keeps the stock's websites. Stocks Magento has that the list leaves out
    (Default Stock aside) are ``unlisted``: kept, or with unlisted='delete' deleted (their links go with them).
    The summary has ``added``, ``updated`` (stock_id, name, changes, also for a stock that only loses a website
    to a listed one), ``removed`` and ``unlisted`` (names); ``body`` is the list of writes in order.
    """
    problems = []
    listed = _listed_entries(entries, stocks, problems)
    problems.extend(_claim_problems(listed))
    raise_if_problems(problems)
    listed_keys = set(record['key'] for record in listed)
    unlisted_stocks = [stock for stock in stocks
                       if stock['stock_id'] not in listed_keys and stock['stock_id'] != DEFAULT_STOCK_ID]
    doomed = unlisted_stocks if unlisted == 'delete' else []
    simulation = _Simulation(stocks)
    writes = _ordered_writes(listed, simulation)
    raise_if_problems(_outcome_problems(listed, simulation, doomed))
    for stock in doomed:
        simulation.delete(stock['stock_id'])
        writes.append({'action': 'delete', 'key': stock['stock_id'], 'stock_id': stock['stock_id'], 'stock': None})

    before = sorted(stocks, key=lambda stock: stock['stock_id'])
    after = sorted((stock for stock in simulation.stocks.values() if stock['stock_id'] is not None),
                   key=lambda stock: stock['stock_id'])
    after.extend(sorted((stock for stock in simulation.stocks.values() if stock['stock_id'] is None),
                        key=lambda stock: name_key(stock['name'])))
    after_by_id = dict((stock['stock_id'], stock) for stock in after)
    summary = {
        'added': [{'name': stock['name'], 'sales_channels': stock['sales_channels']}
                  for stock in after if stock['stock_id'] is None],
        'updated': [{'stock_id': stock['stock_id'], 'name': after_by_id[stock['stock_id']]['name'],
                     'changes': _changes(stock, after_by_id[stock['stock_id']])}
                    for stock in before if stock['stock_id'] in after_by_id and after_by_id[stock['stock_id']] != stock],
        'removed': [dict(stock) for stock in doomed],
        'unlisted': sorted((stock['name'] for stock in unlisted_stocks), key=name_key),
    }
    changed = bool(summary['added'] or summary['updated'] or summary['removed'])
    return RecordsPlan(summary, changed, before, after, record_text, list_key, _list_label,
                       warnings=_move_warnings_between(before, after), body=writes)
