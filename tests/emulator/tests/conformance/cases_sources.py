# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sources: InventoryApi/Test/Api/SourceRepository/*, InventoryCatalogApi PreventDefaultSourceDisablingTest,
InventoryCatalog GetDefaultSourceTest."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from conformance_support import Case, call

SOURCES = 'V1/inventory/sources'
REPOSITORY = 'InventoryApi/Test/Api/SourceRepository/'
VALIDATION = REPOSITORY + 'ValidationTest.php'
VALID = {'source_code': 'source-code-1', 'name': 'source-name-1', 'postcode': 'source-postcode', 'country_id': 'US'}
EMPTY = '"%field" can not be empty.'
WHITESPACES = '"%field" can not contain whitespaces.'
REGION_SOURCE = {'source_code': 'source-code-1', 'name': 'source-name-1', 'postcode': 'source-postcode',
                 'country_id': 'US'}


def _failed(*errors):
    return {'message': 'Validation Failed', 'errors': [{'message': template, 'parameters': {'field': field}}
                                                       for template, field in errors]}


def _empty(field):
    return _failed((EMPTY, field))


# (data set, field, value, answer); the update data sets are the ones on name, postcode and country_id
ON_CREATE = [
    ('null_source_code', 'source_code', None, _empty('source_code')),
    ('empty_source_code', 'source_code', '', _empty('source_code')),
    ('whitespaces_source_code', 'source_code', ' ', _failed((EMPTY, 'source_code'), (WHITESPACES, 'source_code'))),
    ('with_whitespaces_source_code', 'source_code', 'source code', _failed((WHITESPACES, 'source_code'))),
] + [
    ('%s_%s' % (label, field), field, value, _empty(field))
    for field in ('name', 'postcode', 'country_id')
    for label, value in (('null', None), ('empty', ''), ('whitespaces', ' '))
]
ON_UPDATE = [entry for entry in ON_CREATE if entry[1] != 'source_code']

CREATED = {'source_code': 'source-code-1', 'name': 'source-name-1', 'contact_name': 'source-contact-name',
           'email': 'source-email', 'enabled': True, 'description': 'source-description', 'latitude': 11.123456,
           'longitude': 12.123456, 'country_id': 'US', 'region_id': 10, 'city': 'source-city',
           'street': 'source-street', 'postcode': 'source-postcode', 'phone': 'source-phone', 'fax': 'source-fax',
           'use_default_carrier_config': 1, 'carrier_links': []}
UPDATED = {'name': 'source-name-1-updated', 'contact_name': 'source-contact-name-updated',
           'email': 'source-email-updated', 'enabled': False, 'description': 'source-description-updated',
           'latitude': 13.123456, 'longitude': 14.123456, 'country_id': 'UK', 'region_id': 12,
           'city': 'source-city-updated', 'street': 'source-street-updated', 'postcode': 'source-postcode-updated',
           'phone': 'source-phone-updated', 'fax': 'source-fax-updated', 'use_default_carrier_config': 1,
           'carrier_links': []}
LIST_CRITERIA = {'filter_groups': [{'filters': [{'field': 'enabled', 'value': 1, 'condition_type': 'eq'}]}],
                 'sort_orders': [{'field': 'name', 'direction': 'DESC'}], 'current_page': 2, 'page_size': 2}


def _region_case(method, extra, present, absent):
    source = dict(REGION_SOURCE, **extra)
    return Case(REPOSITORY + 'RegionProcessingTest.php', method, [
        call('POST', SOURCES, {'source': source}, body=[]),
        call('GET', SOURCES + '/source-code-1', values=present,
             absent=absent),
    ])


CASES = [
    Case(VALIDATION, 'testCreateWithMissedRequiredFields', [
        call('POST', SOURCES, {'source': dict((k, v) for k, v in VALID.items() if k != field)}, status=400,
             body=_empty(field))], data_set='without_' + field)
    for field in ('name', 'postcode', 'source_code')
] + [
    Case(VALIDATION, 'testFailedValidationOnCreate', [
        call('POST', SOURCES, {'source': dict(VALID, **{field: value})}, status=400, body=answer)],
        data_set=data_set) for data_set, field, value, answer in ON_CREATE
] + [
    Case(VALIDATION, 'testFailedValidationOnUpdate', [
        call('PUT', SOURCES + '/source-code-1', {'source': dict(VALID, **{field: value})}, status=400, body=answer)],
        data_set=data_set, files=('InventoryApi.source',)) for data_set, field, value, answer in ON_UPDATE
] + [
    Case(REPOSITORY + 'CreateTest.php', 'testCreate', [
        call('POST', SOURCES, {'source': CREATED}, body=[]),
        call('GET', SOURCES + '/source-code-1', contains=CREATED)]),
    Case(REPOSITORY + 'UpdateTest.php', 'testUpdate', [
        call('PUT', SOURCES + '/source-code-1', {'source': UPDATED}, body=[]),
        call('GET', SOURCES + '/source-code-1', contains=UPDATED)], files=('InventoryApi.source',)),
    Case(REPOSITORY + 'GetTest.php', 'testGetNoSuchEntityException', [
        call('GET', SOURCES + '/-1', status=404,
             values={'message': 'Source with code "%value" does not exist.', 'parameters.value': -1})]),
    Case(REPOSITORY + 'GetListTest.php', 'testGetList', [
        call('GET', SOURCES, query={'searchCriteria': LIST_CRITERIA}, at_least={'total_count': 4},
             contains={'search_criteria': LIST_CRITERIA, 'items': [{'enabled': True, 'name': 'EU-source-2'},
                                                                   {'enabled': True, 'name': 'EU-source-1'}]})],
         files=('InventoryApi.sources',)),
    _region_case('testCreateWithPredefinedRegion', {'region_id': 10}, {'region_id': 10}, ['region']),
    _region_case('testCreateWithCustomRegion', {'region': 'custom-region-name'}, {'region': 'custom-region-name'},
                 ['region_id']),
    _region_case('testCreateWithBothFilledFields', {'region_id': 10, 'region': 'custom-region-name'},
                 {'region_id': 10, 'region': 'custom-region-name'}, []),
    Case(REPOSITORY + 'CarrierLinkManagementTest.php', 'testCarrierLinksValidationUseGlobalConfiguration', [
        call('POST', SOURCES, {'source': dict(VALID, use_default_carrier_config=1, carrier_links=[
            {'carrier_code': 'ups', 'position': 100}, {'carrier_code': 'usps', 'position': 200}])}, status=400,
            body=_failed(('You can\'t configure "%field" because you have chosen Global Shipping configuration.',
                          'carrier_links')))]),
    Case('InventoryCatalogApi/Test/Api/PreventDefaultSourceDisablingTest.php', 'testPreventDefaultSourceDisabling', [
        call('PUT', SOURCES + '/default', {'source': dict(VALID, source_code='default', enabled=False)}, status=400,
             body={'message': 'Validation Failed', 'errors': [
                 {'message': 'Default source can not be disabled.', 'parameters': []}]})]),
    Case('InventoryCatalog/Test/Api/GetDefaultSourceTest.php', 'testGetDefaultSource', [
        call('GET', SOURCES + '/default', values={'source_code': 'default'})]),
]
