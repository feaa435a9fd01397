# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stock rules: validation, predefined-id upsert, replace-all sales channels, guarded delete."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from .errors import EMPTY_FIELD, MagentoError, bad_request, error_entry, field_error, validation_failed
from .validators import is_blank

DEFAULT_STOCK_ID = 1
NOT_FOUND = 'Stock with id "%value" does not exist.'
COULD_NOT_SAVE = 'Could not save Stock'
UNKNOWN_WEBSITE = 'The website with code "%code" does not exist.'
DELETE_DEFAULT = 'Default Stock could not be deleted.'
DELETE_WITH_CHANNELS = 'Stock has at least one sale channel and could not be deleted.'
DELETE_UNKNOWN = 'There is no stock with "%fieldValue" for "%fieldName". Verify and try again.'
COLUMNS = {'stock_id': 'int', 'name': 'string'}


def _sales_channels(dto):
    return (dto.get('extension_attributes') or {}).get('sales_channels') or []


def validate(inventory, dto):
    errors = []
    if is_blank(dto.get('name')):
        errors.append(field_error(EMPTY_FIELD, 'name'))
    for channel in _sales_channels(dto):
        if is_blank(channel.get('type')):
            errors.append(field_error(EMPTY_FIELD, 'type'))
        if is_blank(channel.get('code')):
            errors.append(field_error(EMPTY_FIELD, 'code'))
        if channel.get('type') == 'website' and channel.get('code') not in inventory.websites:
            errors.append(error_entry(UNKNOWN_WEBSITE, {'code': channel.get('code') or ''}))
    return errors


def save_stock(inventory, dto):
    errors = validate(inventory, dto)
    if errors:
        raise validation_failed(errors)
    stock_id = dto.get('stock_id') or None
    # AbstractDb::_checkUnique compares the trimmed name through the table's collation
    wanted = inventory.collation.key(dto['name'].strip())
    if any(inventory.collation.key(stock['name']) == wanted
           for other_id, stock in inventory.stocks.items() if other_id != stock_id):
        raise bad_request(COULD_NOT_SAVE)
    if stock_id is None:
        stock_id = inventory.next_stock_id
    inventory.next_stock_id = max(inventory.next_stock_id, stock_id + 1)
    inventory.stocks[stock_id] = {'stock_id': stock_id, 'name': dto['name']}
    replace_sales_channels(inventory, stock_id, _sales_channels(dto))
    return stock_id


def replace_sales_channels(inventory, stock_id, channels):
    """The sent channels become the stock's full set; dropped websites fall back to Default Stock."""
    previous = [key for key, owner in inventory.sales_channels.items() if owner == stock_id]
    for key in previous:
        del inventory.sales_channels[key]
    wanted = [(channel['type'], channel['code']) for channel in channels]
    for key in wanted:
        inventory.sales_channels[key] = stock_id
    for key in previous:
        if key not in wanted and key[0] == 'website':
            inventory.sales_channels[key] = DEFAULT_STOCK_ID


def stock_output(inventory, stock):
    channels = sorted(key for key, owner in inventory.sales_channels.items() if owner == stock['stock_id'])
    return {'stock_id': stock['stock_id'], 'name': stock['name'],
            'extension_attributes': {'sales_channels': [{'type': kind, 'code': code} for kind, code in channels]}}


def get_stock(inventory, stock_id):
    if stock_id not in inventory.stocks:
        raise MagentoError(404, NOT_FOUND, {'value': stock_id})
    return stock_output(inventory, inventory.stocks[stock_id])


def delete_stock(inventory, stock_id):
    if stock_id == DEFAULT_STOCK_ID:
        raise bad_request(DELETE_DEFAULT)
    if any(owner == stock_id for owner in inventory.sales_channels.values()):
        raise bad_request(DELETE_WITH_CHANNELS)
    if stock_id not in inventory.stocks:
        raise MagentoError(404, DELETE_UNKNOWN, {'fieldName': 'stock_id', 'fieldValue': stock_id})
    del inventory.stocks[stock_id]
    inventory.links = [link for link in inventory.links if link['stock_id'] != stock_id]
