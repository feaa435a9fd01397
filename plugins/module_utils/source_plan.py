# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pure planning for msi_source: desired fields + the current source -> what to send, no I/O."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput, raise_if_problems
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import (
    DEFAULT_SOURCE_CODE,
    is_default_source,
    key,
    name_key,
    respelling_warning,
    source_code_problem,
)
from ansible_collections.commerceops.magento.plugins.module_utils.plan import Plan, RecordsPlan
from ansible_collections.commerceops.magento.plugins.module_utils.record_plan import (
    field_changes,
    normalise_value,
    record_text,
)

# The source fields a user may manage, with the JSON type Magento gives them.
SOURCE_FIELD_KINDS = {
    'name': 'str',
    'enabled': 'bool',
    'description': 'str',
    'latitude': 'float',
    'longitude': 'float',
    'country_id': 'str',
    'region_id': 'int',
    'region': 'str',
    'city': 'str',
    'street': 'str',
    'postcode': 'str',
    'contact_name': 'str',
    'email': 'str',
    'phone': 'str',
    'fax': 'str',
}
SOURCE_FIELDS = tuple(sorted(SOURCE_FIELD_KINDS))

# The fields Magento keeps in the source's extension_attributes (Magento_InventoryInStorePickup). In
# planning they are flat keys with this prefix, so one comparison covers both levels.
EXTENSION_FIELD_KINDS = {
    'is_pickup_location_active': 'bool',
    'frontend_name': 'str',
    'frontend_description': 'str',
}
EXTENSION = 'extension_attributes'
EXTENSION_PREFIX = EXTENSION + '.'
FLAT_FIELD_KINDS = dict(SOURCE_FIELD_KINDS)
FLAT_FIELD_KINDS.update((EXTENSION_PREFIX + name, kind) for name, kind in EXTENSION_FIELD_KINDS.items())

# NOT NULL columns: never cleared, even with omitted_fields=clear.
NOT_NULL_FIELDS = ('name', 'enabled', 'country_id', 'postcode', EXTENSION_PREFIX + 'is_pickup_location_active')
CLEARABLE_FIELDS = tuple(sorted(field for field in FLAT_FIELD_KINDS if field not in NOT_NULL_FIELDS))

# Magento validates every save as a whole object, so these must be in every body, not only on create.
REQUIRED_FIELDS = ('name', 'country_id', 'postcode')

# Read back from Magento but never sent: the carrier getter is hard-coded, and sending carrier links
# while it is true is refused.
READ_ONLY_FIELDS = ('use_default_carrier_config', 'carrier_links')

# Magento's NoSpecialCharsInString rule: a "${...}" template anywhere in the value is refused.
TEMPLATE_PATTERN = re.compile(r'\$:?\{[^}]*\}')
COUNTRY_PATTERN = re.compile(r'^[A-Z]{2}$')
MAX_VARCHAR = 255
# Magento_InventoryInStorePickup refuses a pickup location without these.
PICKUP_REQUIRED_FIELDS = ('city', 'street')


def _text_problems(field, value):
    problems = []
    if not value.strip():
        problems.append('%s must not be empty, got %r' % (field, value))
    if TEMPLATE_PATTERN.search(value):
        problems.append('%s must not contain a "${...}" template, got %r' % (field, value))
    if len(value) > MAX_VARCHAR:
        problems.append('%s is longer than %d characters: %r' % (field, MAX_VARCHAR, value))
    return problems


def source_input_problems(source_code, desired):
    """Every bad value in one source's input (flat fields; None means "clear"), as a list."""
    code_problem = source_code_problem(source_code)
    problems = [code_problem] if code_problem else _text_problems('source_code', source_code)
    if desired.get('name') is not None:
        problems.extend(_text_problems('name', desired['name']))
    if desired.get('postcode') is not None and not desired['postcode'].strip():
        problems.append('postcode must not be empty, got %r' % desired['postcode'])
    country = desired.get('country_id')
    if country is not None and not COUNTRY_PATTERN.match(country):
        problems.append('country_id must be a two-letter upper-case ISO 3166-1 code such as "GB", got %r'
                        % country)
    bounds = {'latitude': 90, 'longitude': 180}
    for field in sorted(bounds):
        value = desired.get(field)
        if value is not None and not -bounds[field] <= value <= bounds[field]:
            problems.append('%s must be between -%d and %d, got %r' % (field, bounds[field], bounds[field], value))
    if is_default_source(source_code) and desired.get('enabled') is False:
        problems.append('Magento refuses to disable the default source %r; disable another source or '
                        'leave enabled unset' % DEFAULT_SOURCE_CODE)
    return problems


def pickup_problems(source_code, record):
    """Why Magento would refuse this source (as it would be saved) as an in-store pickup location."""
    if not (record.get(EXTENSION) or {}).get('is_pickup_location_active'):
        return []
    if is_default_source(source_code):
        return ['Magento refuses to make the default source %r a pickup location' % DEFAULT_SOURCE_CODE]
    return ['%s must not be empty for a pickup location (extension_attributes.is_pickup_location_active)' % field
            for field in PICKUP_REQUIRED_FIELDS if not (record.get(field) or '').strip()]


def validate_source_input(source_code, desired):
    """Raise InvalidInput naming every bad value in the user's input."""
    raise_if_problems(source_input_problems(source_code, desired))


def desired_source_fields(params):
    """The fields the user set, flat (extension attributes prefixed), with O(state=disabled) folded into ``enabled``."""
    desired = dict((name, params[name]) for name in SOURCE_FIELDS if params.get(name) is not None)
    for name, value in (params.get(EXTENSION) or {}).items():
        if value is not None:
            desired[EXTENSION_PREFIX + name] = value
    if params.get('state') == 'disabled':
        if desired.get('enabled') is True:
            raise InvalidInput('enabled=true contradicts state=disabled; use state=present to enable a source')
        desired['enabled'] = False
    return desired


def name_conflict_problem(source_code, name, sources):
    """Why ``name`` cannot be used for this source (another source has it), or None."""
    for source in sources:
        if key(source.get('source_code', '')) != key(source_code) and name_key(source.get('name')) == name_key(name):
            return ('name %r is already used by source %r; Magento requires unique source names'
                    % (name, source.get('source_code')))
    return None


def comparable(record):
    """A source as flat fields: Magento's extension attributes become prefixed keys."""
    flat = dict((name, value) for name, value in (record or {}).items() if name != EXTENSION)
    for name, value in ((record or {}).get(EXTENSION) or {}).items():
        flat[EXTENSION_PREFIX + name] = value
    return flat


def nested(desired):
    """Flat fields back into Magento's shape, extension attributes under extension_attributes."""
    record = {}
    for name, value in desired.items():
        if name.startswith(EXTENSION_PREFIX):
            record.setdefault(EXTENSION, {})[name[len(EXTENSION_PREFIX):]] = value
        else:
            record[name] = value
    return record


def overlay_source(current, desired):
    """The source ``current`` becomes once the flat ``desired`` fields are saved; a None field is cleared."""
    after = dict(current or {})
    if EXTENSION in after:
        after[EXTENSION] = dict(after[EXTENSION])
    for name, value in desired.items():
        value = normalise_value(value, FLAT_FIELD_KINDS.get(name, 'str'))
        target, field = after, name
        if name.startswith(EXTENSION_PREFIX):
            target, field = after.setdefault(EXTENSION, {}), name[len(EXTENSION_PREFIX):]
        if value is None:
            target.pop(field, None)
        else:
            target[field] = value
    return after


def _writable(record, cleared=()):
    """The body of a save: every stored field but the read-only ones, and an explicit null per cleared field."""
    body = dict((name, value) for name, value in record.items() if name not in READ_ONLY_FIELDS)
    if EXTENSION in body:
        body[EXTENSION] = dict(body[EXTENSION])
    for name, value in nested(dict((field, None) for field in cleared)).items():
        if name == EXTENSION:
            body.setdefault(EXTENSION, {}).update(value)
        else:
            body[name] = value
    return body


def _plan(action, body, changes, before, after, warnings=()):
    label = 'source %s' % (after or before)['source_code']
    return Plan({'action': action, 'changes': changes}, action is not None, before, after, record_text, label,
                body=body, warnings=warnings)


def _missing_for_create(source_code, desired):
    missing = [field for field in REQUIRED_FIELDS if desired.get(field) is None]
    if missing:
        return 'source %r does not exist; creating it needs %s' % (source_code, ', '.join(missing))
    return None


def _update_body(current, desired, after, changes):
    # Magento's spelling of the code, so the upsert updates the row it has (its keys ignore case).
    body = _writable(after, [field for field in changes if desired.get(field, '') is None])
    if current['source_code'] == DEFAULT_SOURCE_CODE:
        # Magento checks the flag on the request object, so omitting it reads as "disable".
        body['enabled'] = True
    return body


def plan_source(source_code, desired, current):
    """Decide what to send for one source.

    ``desired`` holds only the fields the user set (see desired_source_fields); ``current`` is the
    source as Magento returned it, or None. The plan's summary has ``action`` ('create', 'update' or
    None) and ``changes``; its ``body`` is the ``source`` object to send.
    """
    validate_source_input(source_code, desired)
    if current is None:
        missing = _missing_for_create(source_code, desired)
        if missing:
            raise InvalidInput(missing)
        after = overlay_source({'source_code': source_code, 'enabled': True}, desired)
        raise_if_problems(pickup_problems(source_code, after))
        return _plan('create', dict(nested(desired), source_code=source_code),
                     field_changes(desired, {}, FLAT_FIELD_KINDS), None, after)

    warnings = []
    if current['source_code'] != source_code:
        warnings.append(respelling_warning('source_code', source_code, current['source_code']))
    changes = field_changes(desired, comparable(current), FLAT_FIELD_KINDS)
    if not changes:
        return _plan(None, None, {}, current, current, warnings)
    after = overlay_source(current, desired)
    raise_if_problems(pickup_problems(current['source_code'], after))
    return _plan('update', _update_body(current, desired, after, changes), changes, current, after, warnings)


# --- the list form: every listed source planned against one read of all sources ------------------

UNLISTED_CHOICES = ('keep', 'disable')
OMITTED_FIELD_CHOICES = ('keep', 'clear')
# Magento fills these on create; a list plan predicts them, since it does not read the sources back.
CREATED_DEFAULTS = {'enabled': True, 'use_default_carrier_config': True, 'carrier_links': [],
                    EXTENSION: {'is_pickup_location_active': False}}


def _source_key(record):
    return key(record['source_code'])


def _source_label(record):
    return 'source %s' % record['source_code']


def _name_clash_problems(records, current):
    """Names that two sources would share once the plan is saved; only names this run sets count."""
    final = dict((key(source['source_code']), source) for source in current)
    setting = {}
    for record in records:
        final[key(record['code'])] = record['after']
        if record['current'] is None or 'name' in record['changes']:
            setting[key(record['code'])] = record['after']['name']
    holders = {}
    for record_key in sorted(final):
        holders.setdefault(name_key(final[record_key].get('name')), []).append(record_key)
    problems = []
    for keys in holders.values():
        names = [setting[record_key] for record_key in keys if record_key in setting]
        if len(keys) > 1 and names:
            problems.append('name %r would be used by sources %s; Magento requires unique source names'
                            % (names[0], ', '.join(repr(final[record_key]['source_code']) for record_key in keys)))
    return problems


def _list_record(index, entry, stored, omitted_fields, problems, warnings):
    """One entry of the list, planned: {'code', 'desired', 'current', 'changes', 'after'}; problems collected."""
    code = entry.get('source_code')
    where = 'sources[%d]' % index
    try:
        desired = desired_source_fields(entry)
    except InvalidInput as error:
        problems.extend('%s: %s' % (where, problem) for problem in error.problems)
        return None
    entry_problems = source_input_problems(code, desired)
    if entry_problems:
        problems.extend('%s (%s): %s' % (where, code, problem) for problem in entry_problems)
        return None
    current = stored.get(key(code))
    if current is None:
        missing = _missing_for_create(code, desired)
        if missing:
            problems.append('%s: %s' % (where, missing))
            return None
    else:
        if current['source_code'] != code:
            warnings.append(respelling_warning('source_code', code, current['source_code']))
        code = current['source_code']
    if omitted_fields == 'clear':
        for field in CLEARABLE_FIELDS:
            desired.setdefault(field, None)
    after = overlay_source(current if current is not None else dict(CREATED_DEFAULTS, source_code=code), desired)
    problems.extend('%s (%s): %s' % (where, code, problem) for problem in pickup_problems(code, after))
    changes = field_changes(desired, comparable(current), FLAT_FIELD_KINDS)
    return {'code': code, 'desired': desired, 'current': current, 'changes': changes, 'after': after}


def _create_body(record):
    # A field to clear on a source that does not exist yet is simply not sent.
    given = dict((field, value) for field, value in record['desired'].items() if value is not None)
    return dict(nested(given), source_code=record['code'])


def plan_sources(entries, current, unlisted='keep', omitted_fields='keep'):
    """Plan a whole list of sources against every source Magento has, before any write.

    ``entries`` are the module's O(sources) (unset fields None); ``current`` is every source as
    Magento returns it. Sources Magento has and the list leaves out (the default source aside) are
    ``unlisted``: kept as they are, or with unlisted='disable' disabled. With omitted_fields='clear'
    a field an entry leaves out is cleared where Magento can store it empty.
    The summary has ``added`` (the sources created, as sent), ``updated`` (source_code and changes),
    ``removed`` (always empty: Magento cannot delete sources) and ``unlisted`` (codes); ``body`` is
    the list of ``source`` objects to save, one request each.
    """
    stored = dict((key(source['source_code']), source) for source in current)
    problems, warnings, records, seen = [], [], [], {}
    for index, entry in enumerate(entries):
        code = entry.get('source_code')
        if isinstance(code, str) and key(code) in seen:
            problems.append('sources[%d] lists source_code %r again (first at sources[%d])'
                            % (index, code, seen[key(code)]))
            continue
        if isinstance(code, str):
            seen[key(code)] = index
        record = _list_record(index, entry, stored, omitted_fields, problems, warnings)
        if record is not None:
            records.append(record)
    unlisted_sources = sorted((source for source in current if key(source['source_code']) not in seen
                               and not is_default_source(source['source_code'])), key=_source_key)
    if unlisted == 'disable':
        for source in unlisted_sources:
            if source.get('enabled'):
                records.append({'code': source['source_code'], 'desired': {'enabled': False}, 'current': source,
                                'changes': {'enabled': {'before': True, 'after': False}},
                                'after': overlay_source(source, {'enabled': False})})
    problems.extend(_name_clash_problems(records, current))
    raise_if_problems(problems)

    records.sort(key=lambda record: key(record['code']))
    changing = [record for record in records if record['current'] is None or record['changes']]
    bodies = [_create_body(record) if record['current'] is None
              else _update_body(record['current'], record['desired'], record['after'], record['changes'])
              for record in changing]
    summary = {
        'added': [body for body, record in zip(bodies, changing) if record['current'] is None],
        'updated': [{'source_code': record['code'], 'changes': record['changes']}
                    for record in changing if record['current'] is not None],
        'removed': [],
        'unlisted': [source['source_code'] for source in unlisted_sources],
    }
    before = [record['current'] for record in records if record['current'] is not None]
    after = [record['after'] if record['current'] is None or record['changes'] else record['current']
             for record in records]
    return RecordsPlan(summary, bool(changing), before, after, record_text, _source_key, _source_label,
                       warnings=sorted(set(warnings)), body=bodies)
