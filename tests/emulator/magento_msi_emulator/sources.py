# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Source rules: the validator chain, upsert with partial update, name uniqueness."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from .errors import (EMPTY_FIELD, VALIDATION_FAILED, WHITESPACE_FIELD, MagentoError, bad_request, error_entry,
                     field_error, validation_failed)
from .validators import is_blank

DEFAULT_SOURCE_CODE = 'default'
NOT_FOUND = 'Source with code "%value" does not exist.'
COULD_NOT_SAVE = 'Could not save Source'
DEFAULT_DISABLED = 'Default source can not be disabled.'
DEFAULT_PICKUP = 'The Default Source can not be used for In-Store Pickup Delivery.'
PICKUP_EMPTY = '"%field" can not be empty for Pickup Location.'
GLOBAL_SHIPPING = 'You can\'t configure "%field" because you have chosen Global Shipping configuration.'

OUTPUT_ORDER = ('source_code', 'name', 'email', 'contact_name', 'enabled', 'description', 'latitude', 'longitude',
                'country_id', 'region_id', 'region', 'city', 'street', 'postcode', 'phone', 'fax')
EXTENSION_FIELDS = ('is_pickup_location_active', 'frontend_name', 'frontend_description')
NOT_NULL_COLUMNS = ('source_code', 'name', 'enabled', 'country_id', 'postcode', 'use_default_carrier_config',
                    'is_pickup_location_active')
COLUMNS = dict((name, 'string') for name in OUTPUT_ORDER + EXTENSION_FIELDS)
COLUMNS.update({'enabled': 'int', 'latitude': 'float', 'longitude': 'float', 'region_id': 'int',
                'use_default_carrier_config': 'int', 'is_pickup_location_active': 'int'})
_TEMPLATE_PATTERN = re.compile(r'\$:?\{.*\}')


def _text_errors(dto, field, check_whitespace):
    value = dto.get(field)
    errors = []
    if is_blank(value):
        errors.append(field_error(EMPTY_FIELD, field))
    if check_whitespace and value is not None and re.search(r'\s', value):
        errors.append(field_error(WHITESPACE_FIELD, field))
    if value is not None and _TEMPLATE_PATTERN.search(value):
        errors.append(error_entry(VALIDATION_FAILED))
    return errors


def validate(dto):
    errors = _text_errors(dto, 'name', False) + _text_errors(dto, 'source_code', True)
    for field in ('postcode', 'country_id'):
        if is_blank(dto.get(field)):
            errors.append(field_error(EMPTY_FIELD, field))
    if dto.get('carrier_links'):
        errors.append(field_error(GLOBAL_SHIPPING, 'carrier_links'))
    extension = dto.get('extension_attributes') or {}
    pickup = bool(extension.get('is_pickup_location_active'))
    if dto.get('source_code') == DEFAULT_SOURCE_CODE:
        if not dto.get('enabled'):
            errors.append(error_entry(DEFAULT_DISABLED))
        if pickup:
            errors.append(error_entry(DEFAULT_PICKUP))
    if pickup:
        # Magento's phone validator checks the city field (an upstream bug reproduced on purpose)
        for field, checked in (('city', 'city'), ('street', 'street'), ('phone', 'city')):
            if is_blank(dto.get(checked)):
                errors.append(field_error(PICKUP_EMPTY, field))
    return errors


def _name_taken(inventory, stored_code, name):
    """AbstractDb::_checkUnique: WHERE name = trim(value) AND source_code != this one, both by the collation."""
    collation = inventory.collation
    wanted = collation.key(name.strip())
    return any(collation.key(other['name']) == wanted
               for other_code, other in inventory.sources.items() if other_code != stored_code)


def save_source(inventory, dto):
    errors = validate(dto)
    if errors:
        raise validation_failed(errors)
    code = dto['source_code']
    # PredefinedId::isObjectNotNew finds the row through the collation; updateObject then leaves the
    # key column out of its UPDATE, so a code differing only in case updates the stored source and keeps
    # its spelling (magento2 Framework/Model/ResourceModel/Db/AbstractDb.php::prepareDataForUpdate)
    stored_code = inventory.source_code_for(code)
    if (len(code) > 255 or len(dto['country_id']) > 2
            or _name_taken(inventory, stored_code or code, dto['name'])):
        raise bad_request(COULD_NOT_SAVE)
    existing = inventory.sources.get(stored_code) if stored_code is not None else None
    defaults = {'enabled': True, 'use_default_carrier_config': True, 'is_pickup_location_active': False}
    row = dict(existing) if existing else defaults
    fields = dict((k, v) for k, v in dto.items() if k not in ('carrier_links', 'extension_attributes'))
    fields.update(dto.get('extension_attributes') or {})
    for field, value in fields.items():
        if value is None:
            if field not in NOT_NULL_COLUMNS:
                row.pop(field, None)
        else:
            row[field] = value
    if existing is not None:
        row['source_code'] = stored_code
        inventory.sources[stored_code] = row
    else:
        inventory.add_source(row)
    if existing is not None and bool(existing['enabled']) != bool(row['enabled']):
        inventory.invalidate('inventory')


def source_output(row):
    output = dict((key, row[key]) for key in OUTPUT_ORDER if row.get(key) is not None)
    output['enabled'] = bool(row.get('enabled'))
    output['use_default_carrier_config'] = True
    output['carrier_links'] = []
    extension = {'is_pickup_location_active': bool(row.get('is_pickup_location_active'))}
    for key in ('frontend_name', 'frontend_description'):
        if row.get(key) is not None:
            extension[key] = row[key]
    output['extension_attributes'] = extension
    return output


def source_row(row):
    """The row as MySQL holds it, for filtering and sorting."""
    db_row = dict(row)
    for flag in ('enabled', 'use_default_carrier_config', 'is_pickup_location_active'):
        db_row[flag] = 1 if row.get(flag, flag != 'is_pickup_location_active') else 0
    return db_row


def get_source(inventory, code):
    stored_code = inventory.source_code_for(code)
    if stored_code is None:
        raise MagentoError(404, NOT_FOUND, {'value': code})
    return source_output(inventory.sources[stored_code])
