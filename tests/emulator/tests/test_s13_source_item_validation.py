# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract section 13: the source-item validator chain and its 'Validation Failed: <first error>' answer."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

ITEMS = 'inventory/source-items'


def item(**fields):
    built = {'sku': 'SKU-1', 'source_code': 'eu-1', 'quantity': 1.5, 'status': 1}
    built.update(fields)
    return dict((key, value) for key, value in built.items() if value is not Ellipsis)


def field_error(template, field):
    return {'message': template, 'parameters': {'field': field}}


def test_s13_missing_quantity_and_status_are_not_numeric(client):
    response = client.post(ITEMS, {'sourceItems': [item(quantity=Ellipsis, status=Ellipsis)]})
    assert (response.status, response.json) == (400, {
        'message': 'Validation Failed: "quantity" should be numeric.',
        'errors': [field_error('"%field" should be numeric.', 'quantity'),
                   field_error('"%field" should be numeric.', 'status')]})


def test_s13_unknown_status(client):
    response = client.post(ITEMS, {'sourceItems': [item(status=2)]})
    assert response.json == {'message': 'Validation Failed: "status" should a known status.',
                             'errors': [field_error('"%field" should a known status.', 'status')]}


def test_s13_first_error_of_the_batch_names_the_answer_and_nothing_is_saved(client):
    body = {'sourceItems': [item(sku='NEW-1'), item(sku='NEW-2', status=7), item(sku='', source_code='a b')]}
    response = client.post(ITEMS, body)
    assert response.json['message'] == 'Validation Failed: "status" should a known status.'
    assert [error['parameters']['field'] for error in response.json['errors']] == ['status', 'sku', 'source_code']
    assert [row for row in client.state()['source_items'] if row['sku'].startswith('NEW-')] == []


def test_s13_sku_spaces_refused_from_2_4_7(client):
    response = client.post(ITEMS, {'sourceItems': [item(sku=' SKU-1')]})
    assert response.json == {
        'message': 'Validation Failed: "sku" can not contain leading or trailing spaces.',
        'errors': [field_error('"%field" can not contain leading or trailing spaces.', 'sku')]}


def test_s13_sku_spaces_accepted_by_2_4_6(client):
    client.control('POST', 'config', {'magento_version': '2.4.6'})
    assert client.post(ITEMS, {'sourceItems': [item(sku=' SKU-7')]}).status == 200
    assert {'sku': ' SKU-7', 'source_code': 'eu-1', 'quantity': 1.5, 'status': 1} in client.state()['source_items']
    response = client.post(ITEMS, {'sourceItems': [item(sku=' ')]})
    assert response.json['errors'] == [field_error('"%field" can not be empty.', 'sku')]


def test_s13_source_code_with_whitespace(client):
    response = client.post(ITEMS, {'sourceItems': [item(source_code='eu\t1')]})
    assert response.json['message'] == 'Validation Failed: "source_code" can not contain whitespaces.'


def test_s13_unknown_source_could_not_save_and_unknown_sku_is_fine(client):
    response = client.post(ITEMS, {'sourceItems': [item(sku='NO-SUCH-PRODUCT'), item(source_code='nowhere')]})
    assert (response.status, response.json) == (400, {'message': 'Could not save Source Item'})
    assert client.post(ITEMS, {'sourceItems': [item(sku='NO-SUCH-PRODUCT')]}).status == 200
