# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The msi role's state file: Magento's MSI data -> the role's variables, and the role's results -> drift.

Controller side, pure (no I/O, no Ansible imports): the filters commerceops.magento.msi_export_state,
msi_split_links, msi_split_items and msi_drift_summary are thin wrappers around these functions.
Not a public API.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import (
    DEFAULT_STOCK_ID,
    is_default_source,
    key,
    name_key,
)
from ansible_collections.commerceops.magento.plugins.module_utils.source_plan import (
    EXTENSION,
    EXTENSION_FIELD_KINDS,
    READ_ONLY_FIELDS,
    SOURCE_FIELDS,
    desired_source_fields,
    pickup_problems,
    source_input_problems,
)

# The order fields are written in: identity first, then address, contact, position.
SOURCE_FIELD_ORDER = ('source_code', 'name', 'enabled', 'description', 'country_id', 'region_id', 'region', 'city',
                      'street', 'postcode', 'contact_name', 'email', 'phone', 'fax', 'latitude', 'longitude')
EXTENSION_FIELD_ORDER = ('is_pickup_location_active', 'frontend_name', 'frontend_description')
STATUS_NAMES = {0: 'out_of_stock', 1: 'in_stock'}
MAX_PRIORITY = 65535
RESOURCES = ('sources', 'stocks', 'links', 'source_items')


class StateProblems(ValueError):
    """What keeps Magento's data from making a file that recreates it; ``problems`` names each."""

    def __init__(self, problems):
        self.problems = list(problems)
        super(StateProblems, self).__init__('; '.join(self.problems))


def _stock_order(name):
    return (name_key(name), name)


# --- export -------------------------------------------------------------------------------------

def _export_source(source, problems):
    code = source.get('source_code')
    unknown = sorted(set(source) - set(SOURCE_FIELD_ORDER) - set(READ_ONLY_FIELDS) - set([EXTENSION]))
    if unknown:
        problems.append('source %r has fields the collection does not manage (%s), so the file could not recreate '
                        'them' % (code, ', '.join(unknown)))
    if source.get('carrier_links') or source.get('use_default_carrier_config') is False:
        problems.append('source %r has its own shipping carriers (use_default_carrier_config false, carrier_links), '
                        'which the collection does not manage' % code)
    extension = source.get(EXTENSION) or {}
    unknown = sorted(set(extension) - set(EXTENSION_FIELD_KINDS))
    if unknown:
        problems.append('source %r has extension attributes the collection does not manage (%s)'
                        % (code, ', '.join(unknown)))
    record = dict((field, source[field]) for field in SOURCE_FIELD_ORDER if source.get(field) is not None)
    record['enabled'] = bool(source.get('enabled'))
    record[EXTENSION] = dict((field, extension[field]) for field in EXTENSION_FIELD_ORDER
                             if extension.get(field) is not None)
    record[EXTENSION]['is_pickup_location_active'] = bool(extension.get('is_pickup_location_active'))
    # What the modules would refuse to send, so the file could not be applied to a fresh store.
    entry = dict((field, record.get(field)) for field in SOURCE_FIELDS)
    entry[EXTENSION] = record[EXTENSION]
    why_not = source_input_problems(code, desired_source_fields(entry)) + pickup_problems(code, record)
    why_not.extend('%s is empty' % field for field in ('name', 'country_id', 'postcode') if not record.get(field))
    problems.extend('source %r: %s' % (code, problem) for problem in why_not)
    return record


def _names_used_twice(records, field):
    holders = {}
    for record in records:
        holders.setdefault(name_key(record.get(field)), []).append(record)
    return [group for group in holders.values() if len(group) > 1]


def export_state(sources, stocks, links, source_items=None):
    """The role's variables for what Magento holds, or StateProblems naming everything that cannot round-trip.

    sources: as msi_source_info returns them; stocks: as msi_stock_info returns them (stock_id, name,
    sales_channels); links: as msi_stock_source_link state=gathered returns them; source_items: Magento's
    items (sku, source_code, quantity, status) or None to leave msi_source_items out. Stocks and links are
    written by stock name, never by id; every list is sorted, so two exports of equal stores are equal.
    """
    problems = []
    exported_sources = sorted((_export_source(source, problems) for source in sources),
                              key=lambda record: record['source_code'])
    for group in _names_used_twice(exported_sources, 'name'):
        problems.append('source name %r is used by sources %s; Magento requires unique source names'
                        % (group[0]['name'], ', '.join(repr(record['source_code']) for record in group)))

    names = {}
    exported_stocks = []
    for stock in sorted(stocks, key=lambda stock: int(stock['stock_id'])):
        name = stock.get('name')
        if not (name or '').strip():
            problems.append('stock %s has no name; the file names stocks by name' % stock['stock_id'])
            continue
        channels = []
        for channel in stock.get('sales_channels') or []:
            if channel.get('type') != 'website':
                problems.append('stock %r sells on a sales channel of type %r; Magento and the collection support '
                                'only websites' % (name, channel.get('type')))
            channels.append({'type': channel.get('type'), 'code': channel.get('code')})
        names[int(stock['stock_id'])] = name
        exported_stocks.append({'name': name, 'sales_channels': sorted(
            channels, key=lambda channel: (str(channel['type']), str(channel['code'])))})
    for group in _names_used_twice(exported_stocks, 'name'):
        holders = sorted((stock_id, name) for stock_id, name in names.items() if name_key(name) == name_key(group[0]['name']))
        problems.append('stock name %r is used by stocks %s; the file names stocks by name, so each name must be '
                        'unique as Magento compares them (ignoring case and surrounding spaces): rename all but one '
                        'in Magento, then export again'
                        % (group[0]['name'], ', '.join('%d (%r)' % holder for holder in holders)))
    exported_stocks.sort(key=lambda stock: _stock_order(stock['name']))

    codes = set(key(source['source_code']) for source in exported_sources)
    exported_links = []
    for link in links:
        stock_id, code, priority = int(link['stock_id']), link['source_code'], int(link['priority'])
        where = 'link (stock %s, source %r)' % (names.get(stock_id, stock_id), code)
        if stock_id not in names:
            problems.append('%s: stock %d is not among the stocks read' % (where, stock_id))
            continue
        if key(code) not in codes:
            problems.append('%s: source %r is not among the sources read' % (where, code))
        if (stock_id == DEFAULT_STOCK_ID) != is_default_source(code):
            problems.append('%s: Magento allows no link of Default Stock or Default Source other than '
                            '(Default Stock, default), so the link could not be saved again' % where)
        if not 1 <= priority <= MAX_PRIORITY:
            problems.append('%s: priority %d is outside 1..%d' % (where, priority, MAX_PRIORITY))
        exported_links.append({'stock': names[stock_id], 'source_code': code, 'priority': priority})
    exported_links.sort(key=lambda link: _stock_order(link['stock']) + (link['priority'], link['source_code']))

    state = {'msi_sources': exported_sources, 'msi_stocks': exported_stocks, 'msi_links': exported_links}
    if source_items is not None:
        state['msi_source_items'] = _export_items(source_items, codes, problems)
    if problems:
        raise StateProblems(problems)
    return state


def _export_items(items, codes, problems):
    exported = []
    for item in items:
        sku, code = item.get('sku'), item.get('source_code')
        where = 'source item (%r, %r)' % (sku, code)
        if not (sku or '').strip() or sku != sku.strip():
            problems.append('%s: the SKU is empty or has leading or trailing spaces, which Magento 2.4.7 and later '
                            'refuse to save' % where)
        if key(code or '') not in codes:
            problems.append('%s: source %r is not among the sources read' % (where, code))
        try:
            status = STATUS_NAMES[int(item.get('status'))]
            quantity = float(item.get('quantity'))
        except (KeyError, TypeError, ValueError):
            problems.append('%s: status %r or quantity %r is not one Magento saves'
                            % (where, item.get('status'), item.get('quantity')))
            continue
        exported.append({'sku': sku, 'source_code': code, 'quantity': quantity, 'status': status})
    return sorted(exported, key=lambda item: (item['source_code'], item['sku']))


# --- what the role gives the link and source-item modules -----------------------------------------

def _ran(result):
    return isinstance(result, dict) and 'plan' in result


def new_names(stocks_result, sources_result):
    """(stock names, source codes) the role's stock and source steps create: only predicted in check mode."""
    stocks = set()
    if _ran(stocks_result):
        stocks = set(name_key(stock['name']) for stock in stocks_result.get('after') or []
                     if stock.get('stock_id') is None)
    sources = set()
    if _ran(sources_result):
        sources = set(key(source['source_code']) for source in sources_result['plan'].get('added') or [])
    return stocks, sources


def split_links(links, stocks_result=None, sources_result=None, check_mode=False):
    """{'ready', 'pending', 'emptied'} for the role's link steps.

    ready: the links the link module can plan. pending (check mode only): links of stocks or sources the
    run would create first, which Magento cannot resolve yet; they are all additions. emptied: listed
    stocks that exist, are not Default Stock and that no link names, as link-module entries {'stock': name}
    (state=deleted removes every link of each).
    """
    new_stocks, new_sources = new_names(stocks_result, sources_result) if check_mode else (set(), set())
    ready, pending = [], []
    for link in links or []:
        waits = name_key(link.get('stock')) in new_stocks or key(link.get('source_code') or '') in new_sources
        (pending if waits else ready).append(link)
    emptied = []
    if _ran(stocks_result):
        linked = set(name_key(link.get('stock')) for link in links or [] if link.get('stock') is not None)
        unlisted = set(name_key(name) for name in stocks_result['plan'].get('unlisted') or [])
        emptied = [stock['name'] for stock in stocks_result.get('after') or []
                   if stock.get('stock_id') not in (None, DEFAULT_STOCK_ID)
                   and name_key(stock['name']) not in linked and name_key(stock['name']) not in unlisted]
    return {'ready': ready, 'pending': pending, 'emptied': [{'stock': name} for name in sorted(emptied, key=_stock_order)]}


def split_items(items, sources_result=None, check_mode=False):
    """{'ready', 'pending'}: in check mode, items at sources the run would create are pending additions."""
    new_sources = new_names(None, sources_result)[1] if check_mode else set()
    ready, pending = [], []
    for item in items or []:
        (pending if key(item.get('source_code') or '') in new_sources else ready).append(item)
    return {'ready': ready, 'pending': pending}


# --- drift ----------------------------------------------------------------------------------------

def _stock_names(stocks_result, extra_stocks=None):
    names = {}
    for stock in list((stocks_result or {}).get('before') or []) + list(extra_stocks or []):
        if stock.get('stock_id') is not None:
            names[int(stock['stock_id'])] = stock.get('name')
    return names


def _named_link(link, names):
    named = {'stock': names.get(int(link['stock_id'])), 'stock_id': int(link['stock_id']),
             'source_code': link['source_code'], 'priority': link.get('priority')}
    if 'previous_priority' in link:
        named['previous_priority'] = link['previous_priority']
    return named


def _empty(managed):
    return {'managed': managed, 'added': [], 'updated': [], 'removed': [], 'unlisted': []}


def _records_part(result, identity, unlisted_setting):
    """Sources or stocks from their list-form plan: identities added, updated (with the fields), removed, unlisted."""
    part = _empty(_ran(result))
    if _ran(result):
        plan = result['plan']
        part.update(
            added=[record[identity] for record in plan['added']],
            updated=[{identity: change[identity], 'fields': sorted(change['changes'])} for change in plan['updated']],
            removed=[record[identity] for record in plan['removed']],
            unlisted=list(plan['unlisted']) if unlisted_setting == 'keep' else [])
    return part


def drift_summary(results):
    """What differs between the role's variables and Magento, per resource, from the role's task results.

    results: {'sources', 'stocks', 'links' (list of link results), 'pending_links', 'source_items',
    'pending_items', 'stocks_read' (stocks for names when the stock step did not run), 'managed'
    ({resource: bool}, which resources the variables set), 'unlisted_sources', 'unlisted_stocks' (the role's
    settings)}; without 'managed', a resource counts as managed when one of its steps ran. ``unlisted`` lists
    the records left as they are although the variables leave them out (the settings' keep); with
    disable or delete they show in ``updated`` or ``removed`` when the run acts on them.
    Returns {'differs', 'total', 'counts', 'lines', and per resource {'managed', 'added', 'updated',
    'removed', 'unlisted'}}.
    """
    summary = {
        'sources': _records_part(results.get('sources'), 'source_code', results.get('unlisted_sources', 'keep')),
        'stocks': _records_part(results.get('stocks'), 'name', results.get('unlisted_stocks', 'keep')),
    }
    stocks = results.get('stocks')
    names = _stock_names(stocks if _ran(stocks) else None, results.get('stocks_read'))
    link_results = [result for result in results.get('links') or [] if _ran(result)]
    summary['links'] = _empty(bool(link_results))
    for result in link_results:
        for change in ('added', 'updated', 'removed'):
            summary['links'][change].extend(_named_link(link, names) for link in result['plan'][change])
    for link in results.get('pending_links') or []:
        summary['links']['added'].append({'stock': link.get('stock'), 'stock_id': None,
                                          'source_code': link.get('source_code'), 'priority': link.get('priority')})
    items = results.get('source_items')
    summary['source_items'] = _empty(_ran(items))
    if _ran(items):
        for change in ('added', 'updated', 'removed'):
            summary['source_items'][change] = list(items['plan'][change])
    summary['source_items']['added'].extend(dict(item) for item in results.get('pending_items') or [])

    for resource, managed in (results.get('managed') or {}).items():
        summary[resource]['managed'] = bool(managed)
    counts, lines = {}, []
    for resource in RESOURCES:
        part = summary[resource]
        counts[resource] = dict((change, len(part[change])) for change in ('added', 'updated', 'removed', 'unlisted'))
        # Links and items are never unlisted: only sources and stocks exist apart from the variables.
        kinds = ('added', 'updated', 'removed', 'unlisted') if resource in ('sources', 'stocks') else (
            'added', 'updated', 'removed')
        if part['managed']:
            lines.append('%s: %s' % (resource, ', '.join('%d %s' % (counts[resource][change], change)
                                                         for change in kinds)))
        else:
            lines.append('%s: not managed' % resource)
    total = sum(sum(count.values()) for count in counts.values())
    summary.update(differs=total > 0, total=total, counts=counts, lines=lines)
    return summary
