# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Request input to data objects, as Magento's ServiceInputProcessor and TypeProcessor do it.

A built object is a dict holding only the keys the request sent (explicit null kept as None), because
Magento's partial updates write only what was sent.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from .errors import (FIELD_PROCESSING, TYPE_INVALID, UNSUPPORTED_FIELD, InternalError, MagentoError, bad_request,
                     input_errors, required_field)

MAX_ITEMS = 'Maximum items of type "%type" is %max'
ARRAY_ITEM_LIMIT = 20

# Each schema: PHP interface (used in input-limit messages) and field -> type.
# A type is 'int', 'float', 'bool', 'string', or ('object'|'array', schema name).
SCHEMAS = {
    'StockSourceLink': ('\\Magento\\InventoryApi\\Api\\Data\\StockSourceLinkInterface', {
        'stock_id': 'int', 'source_code': 'string', 'priority': 'int',
        'extension_attributes': ('object', 'EmptyExtension')}),
    'Source': ('\\Magento\\InventoryApi\\Api\\Data\\SourceInterface', {
        'source_code': 'string', 'name': 'string', 'email': 'string', 'contact_name': 'string',
        'enabled': 'bool', 'description': 'string', 'latitude': 'float', 'longitude': 'float',
        'country_id': 'string', 'region_id': 'int', 'region': 'string', 'city': 'string',
        'street': 'string', 'postcode': 'string', 'phone': 'string', 'fax': 'string',
        'use_default_carrier_config': 'bool', 'carrier_links': ('array', 'SourceCarrierLink'),
        'extension_attributes': ('object', 'SourceExtension')}),
    'SourceCarrierLink': ('\\Magento\\InventoryApi\\Api\\Data\\SourceCarrierLinkInterface', {
        'carrier_code': 'string', 'position': 'int', 'extension_attributes': ('object', 'EmptyExtension')}),
    'SourceExtension': ('\\Magento\\InventoryApi\\Api\\Data\\SourceExtensionInterface', {
        'is_pickup_location_active': 'bool', 'frontend_name': 'string', 'frontend_description': 'string'}),
    'Stock': ('\\Magento\\InventoryApi\\Api\\Data\\StockInterface', {
        'stock_id': 'int', 'name': 'string', 'extension_attributes': ('object', 'StockExtension')}),
    'StockExtension': ('\\Magento\\InventoryApi\\Api\\Data\\StockExtensionInterface', {
        'sales_channels': ('array', 'SalesChannel')}),
    'SalesChannel': ('\\Magento\\InventorySalesApi\\Api\\Data\\SalesChannelInterface', {
        'type': 'string', 'code': 'string', 'extension_attributes': ('object', 'EmptyExtension')}),
    'SourceItem': ('\\Magento\\InventoryApi\\Api\\Data\\SourceItemInterface', {
        'sku': 'string', 'source_code': 'string', 'quantity': 'float', 'status': 'int',
        'extension_attributes': ('object', 'EmptyExtension')}),
    'EmptyExtension': ('\\Magento\\Framework\\Api\\ExtensionAttributesInterface', {}),
    'SearchCriteria': ('\\Magento\\Framework\\Api\\SearchCriteriaInterface', {
        'filter_groups': ('array', 'FilterGroup'), 'sort_orders': ('array', 'SortOrder'),
        'page_size': 'int', 'current_page': 'int'}),
    'FilterGroup': ('\\Magento\\Framework\\Api\\Search\\FilterGroup', {'filters': ('array', 'Filter')}),
    'Filter': ('\\Magento\\Framework\\Api\\Filter', {'field': 'string', 'value': 'string', 'condition_type': 'string'}),
    'SortOrder': ('\\Magento\\Framework\\Api\\SortOrder', {'field': 'string', 'direction': 'string'}),
}

_NUMERIC = re.compile(r'^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$')
_TRUE_WORDS = ('1', 'true', 'on', 'yes')


class TypeMismatch(Exception):
    def __init__(self, value, expected):
        # TypeProcessor::processSimpleAndAnyType names an array by gettype(), anything else by its string cast
        shown = 'array' if isinstance(value, (list, dict)) else php_string(value)
        super(TypeMismatch, self).__init__(TYPE_INVALID % (shown, expected))


def php_string(value):
    """PHP's string cast, used both for coercion and for rendering values in messages."""
    if value is True:
        return '1'
    if value is False or value is None:
        return ''
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (list, dict)):
        return 'Array'
    return str(value)


def is_php_numeric(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(_NUMERIC.match(value))


def coerce_scalar(value, kind):
    """Magento's settype-based conversion; raises TypeMismatch where Magento refuses the value."""
    if isinstance(value, (list, dict)):
        raise TypeMismatch(value, kind)
    if kind in ('int', 'float'):
        if not is_php_numeric(value):
            raise TypeMismatch(value, kind)
        number = float(value) if isinstance(value, str) else value
        return int(number) if kind == 'int' else float(number)
    if kind == 'bool':
        if isinstance(value, bool):
            return value
        return php_string(value).strip().lower() in _TRUE_WORDS
    return php_string(value)


def _canonical(key):
    # setters are found via snake->UpperCamel conversion and PHP method names ignore case
    return str(key).replace('_', '').lower()


def _as_list(value):
    if isinstance(value, dict):
        return list(value.values())
    return list(value)


def upper_camel_case(key):
    """SimpleDataObjectConverter::snakeCaseToUpperCamelCase: ucwords() on '_' boundaries, then no '_'."""
    return ''.join(part[:1].upper() + part[1:] for part in str(key).split('_'))


def unknown_field(key, fqcn, version):
    if version.rejects_unknown_fields:
        return MagentoError(400, UNSUPPORTED_FIELD, {'fieldName': upper_camel_case(key)})
    # NameFinder's LogicException, not localized: a masked 500
    return InternalError('Property "%s" does not have accessor method in class "%s"' % (key, fqcn))


def build_object(data, schema_name, limits, version):
    fqcn, fields = SCHEMAS[schema_name]
    # ServiceInputProcessor::_createFromArray: a PHP array is the object's data, list or map alike (json_encode
    # of an empty PHP array is []); anything else gives an object with no data
    if isinstance(data, list):
        data = dict((str(index), item) for index, item in enumerate(data))
    elif not isinstance(data, dict):
        data = {}
    by_canonical = dict((_canonical(name), name) for name in fields)
    built = {}
    for key, value in data.items():
        name = by_canonical.get(_canonical(key))
        if name is None:
            raise unknown_field(key, fqcn, version)
        try:
            built[name] = build_value(value, fields[name], limits, version)
        except TypeMismatch as exc:
            raise bad_request(FIELD_PROCESSING % (name, exc))
    return built


def build_value(value, kind, limits, version):
    if value is None:
        return None
    if isinstance(kind, tuple):
        shape, schema_name = kind
        if shape == 'object':
            return build_object(value, schema_name, limits, version)
        return build_array(value, schema_name, limits, version)
    return coerce_scalar(value, kind)


def build_array(value, schema_name, limits, version):
    fqcn = SCHEMAS[schema_name][0]
    if value == '':
        return []
    if not isinstance(value, (list, dict)):
        raise bad_request(TYPE_INVALID % (php_string(value), fqcn + '[]'))
    items = _as_list(value)
    if limits is not None and limits.enabled and len(items) > limits.max_items:
        raise bad_request(MAX_ITEMS, {'type': fqcn, 'max': limits.max_items})
    return [build_object(item, schema_name, limits, version) for item in items]


def snake_case(name):
    return re.sub(r'(?<=\w)(?=[A-Z])', '_', name).lower()


def process_params(input_data, params, limits, version):
    """Resolve service method parameters: params is [(name, kind, required)] in signature order."""
    values = {}
    missing = []
    for name, kind, required in params:
        value = input_data.get(name)
        if value is None:
            value = input_data.get(snake_case(name))
        if value is None:
            if required:
                missing.append(required_field(name))
            values[name] = None
            continue
        if isinstance(kind, tuple):
            values[name] = build_value(value, kind, limits, version)
        else:
            try:
                values[name] = coerce_scalar(value, kind)
            except TypeMismatch as exc:
                raise bad_request(str(exc))
    if missing:
        raise input_errors(missing)
    return values
