# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Source-item rules: the validator chain, save and delete as SourceItemsSaveHandler and DeleteMultiple do them.

The chain (magento/inventory Inventory/etc/di.xml, SourceItemValidatorChain) runs sku, source_code, quantity,
status for each item; a failing batch is refused as a whole with 'Validation Failed: <first error>'
(Inventory/Model/SourceItem/Command/Handler/SourceItemsSaveHandler.php). Magento does not check that the
SKU is a product.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from .errors import INPUT_DATA_EMPTY, VALIDATION_FAILED, MagentoError, bad_request, error_entry, render
from .validators import (UNKNOWN_STATUS, is_numeric_value, no_space_before_and_after_string,
                         no_whitespace_in_string, not_an_empty_string)

NOT_SAVED = 'Could not save Source Item'
COLUMNS = {'source_item_id': 'int', 'sku': 'string', 'source_code': 'string', 'quantity': 'float', 'status': 'int'}
KNOWN_STATUSES = (0, 1)


def item_errors(item, version):
    errors = not_an_empty_string('sku', item.get('sku'))
    if version.rejects_sku_spaces:
        errors += no_space_before_and_after_string('sku', item.get('sku'))
    errors += not_an_empty_string('source_code', item.get('source_code'))
    errors += no_whitespace_in_string('source_code', item.get('source_code'))
    errors += is_numeric_value('quantity', item.get('quantity'))
    errors += is_numeric_value('status', item.get('status'))
    # (int)null is 0, a known status: a missing status gives only the numeric error
    if int(item.get('status') or 0) not in KNOWN_STATUSES:
        errors.append(error_entry(UNKNOWN_STATUS, {'field': 'status'}))
    return errors


def validation_failed(errors):
    """'Validation Failed: ' joined to the first error, rendered, as the handler builds its phrase."""
    first = errors[0]
    return MagentoError(400, '%s: %s' % (VALIDATION_FAILED, render(first['message'], first['parameters'])),
                        errors=errors)


def save(inventory, items, version):
    if not items:
        raise bad_request(INPUT_DATA_EMPTY)
    errors = []
    for item in items:
        errors.extend(item_errors(item, version))
    if errors:
        raise validation_failed(errors)
    # the foreign key to inventory_source: an unknown source fails the whole INSERT
    if any(inventory.source_code_for(item['source_code']) is None for item in items):
        raise bad_request(NOT_SAVED)
    for item in items:
        inventory.upsert_source_item(item)


def delete(inventory, items):
    """No validation (Inventory/Model/SourceItem/Command/SourceItemsDelete.php): absent rows are ignored."""
    if not items:
        raise bad_request(INPUT_DATA_EMPTY)
    inventory.delete_source_items(items)


def output(row):
    return {'sku': row['sku'], 'source_code': row['source_code'], 'quantity': float(row['quantity']),
            'status': int(row['status'])}


def search_rows(inventory, criteria):
    return inventory.list_source_items(criteria)
