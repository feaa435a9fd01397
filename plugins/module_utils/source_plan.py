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
from ansible_collections.commerceops.magento.plugins.module_utils.plan import Plan
from ansible_collections.commerceops.magento.plugins.module_utils.record_plan import (
    field_changes,
    overlay,
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

# Magento validates every save as a whole object, so these must be in every body, not only on create.
REQUIRED_FIELDS = ('name', 'country_id', 'postcode')

# Read back from Magento but never sent: the carrier getter is hard-coded, and sending carrier links
# while it is true is refused.
READ_ONLY_FIELDS = ('use_default_carrier_config', 'carrier_links')

# Magento's NoSpecialCharsInString rule: a "${...}" template anywhere in the value is refused.
TEMPLATE_PATTERN = re.compile(r'\$:?\{[^}]*\}')
COUNTRY_PATTERN = re.compile(r'^[A-Z]{2}$')
MAX_VARCHAR = 255


def _text_problems(field, value):
    problems = []
    if not value.strip():
        problems.append('%s must not be empty, got %r' % (field, value))
    if TEMPLATE_PATTERN.search(value):
        problems.append('%s must not contain a "${...}" template, got %r' % (field, value))
    if len(value) > MAX_VARCHAR:
        problems.append('%s is longer than %d characters: %r' % (field, MAX_VARCHAR, value))
    return problems


def validate_source_input(source_code, desired):
    """Raise InvalidInput naming every bad value in the user's input."""
    code_problem = source_code_problem(source_code)
    problems = [code_problem] if code_problem else _text_problems('source_code', source_code)
    if 'name' in desired:
        problems.extend(_text_problems('name', desired['name']))
    if 'postcode' in desired and not desired['postcode'].strip():
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
    raise_if_problems(problems)


def desired_source_fields(params):
    """The fields the user set, with O(state=disabled) folded into ``enabled``."""
    desired = dict((name, params[name]) for name in SOURCE_FIELDS if params.get(name) is not None)
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


def _writable(record):
    return dict((key, value) for key, value in record.items() if key not in READ_ONLY_FIELDS)


def _plan(action, body, changes, before, after, warnings=()):
    label = 'source %s' % (after or before)['source_code']
    return Plan({'action': action, 'changes': changes}, action is not None, before, after, record_text, label,
                body=body, warnings=warnings)


def plan_source(source_code, desired, current):
    """Decide what to send for one source.

    ``desired`` holds only the fields the user set; ``current`` is the source as Magento returned it,
    or None. The plan's summary has ``action`` ('create', 'update' or None) and ``changes``; its
    ``body`` is the ``source`` object to send.
    """
    validate_source_input(source_code, desired)
    if current is None:
        missing = [field for field in REQUIRED_FIELDS if field not in desired]
        if missing:
            raise InvalidInput('source %r does not exist; creating it needs %s' % (source_code, ', '.join(missing)))
        after = overlay({'source_code': source_code, 'enabled': True}, desired, SOURCE_FIELD_KINDS)
        return _plan('create', dict(desired, source_code=source_code), field_changes(desired, {}, SOURCE_FIELD_KINDS),
                     None, after)

    warnings = []
    if current['source_code'] != source_code:
        warnings.append(respelling_warning('source_code', source_code, current['source_code']))
    changes = field_changes(desired, current, SOURCE_FIELD_KINDS)
    if not changes:
        return _plan(None, None, {}, current, current, warnings)
    after = overlay(current, desired, SOURCE_FIELD_KINDS)
    # Magento's spelling of the code, so the upsert updates the row it has (its keys ignore case).
    body = _writable(after)
    if current['source_code'] == DEFAULT_SOURCE_CODE:
        # Magento checks the flag on the request object, so omitting it reads as "disable".
        body['enabled'] = True
    return _plan('update', body, changes, current, after, warnings)
