# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract section 9: integrations sign with OAuth 1.0a; bad signatures get Magento's 401."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import http.client
import json

import pytest

from magento_msi_emulator import EmulatorServer
from magento_msi_emulator.oauth import parse_integration, query_params

oauth1 = pytest.importorskip('oauthlib.oauth1')

KEY, SECRET, TOKEN, TOKEN_SECRET = 'ck-1', 'cs-secret-1', 'at-1', 'ats-secret-1'
FILTER = 'searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D'
QUERY = FILTER + '%5Bfield%5D=name&' + FILTER + '%5Bvalue%5D=EU%20stock&searchCriteria%5Bpage_size%5D=5'


@pytest.fixture(scope='module')
def emulator():
    with EmulatorServer(fixture='api-tests', integrations=[(KEY, SECRET, TOKEN, TOKEN_SECRET)]) as emu:
        yield emu


def send(emulator, method, path, signer=None, body=None, sign_url=None, headers=None):
    url = '%s%s' % (emulator.url, path)
    all_headers = dict(headers or {})
    if signer is not None:
        dummy, signed, dummy = signer.sign(sign_url or url, http_method=method)
        all_headers['Authorization'] = signed['Authorization']
    data = json.dumps(body).encode() if body is not None else None
    if data is not None:
        all_headers['Content-Type'] = 'application/json'
    conn = http.client.HTTPConnection(emulator.host, emulator.port, timeout=10)
    try:
        conn.request(method, path, body=data, headers=all_headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read().decode())
    finally:
        conn.close()


def signer(key=KEY, secret=SECRET, token=TOKEN, token_secret=TOKEN_SECRET, method='HMAC-SHA256'):
    return oauth1.Client(key, client_secret=secret, resource_owner_key=token, resource_owner_secret=token_secret,
                         signature_method=method)


@pytest.mark.parametrize('method', ['HMAC-SHA256', 'HMAC-SHA1'])
def test_s9_signed_get_with_search_criteria_is_accepted(emulator, method):
    status, body = send(emulator, 'GET', '/rest/all/V1/inventory/stocks?' + QUERY, signer(method=method))
    assert status == 200 and 'items' in body


def test_s9_signed_write_with_json_body_is_accepted(emulator):
    status, body = send(emulator, 'POST', '/rest/all/V1/inventory/stock-source-links', signer(),
                        body={'links': [{'stock_id': 10, 'source_code': 'eu-1', 'priority': 1}]})
    assert (status, body) == (200, [])


@pytest.mark.parametrize('bad', [dict(secret='wrong'), dict(token_secret='wrong')])
def test_s9_wrong_secret_is_magentos_signature_401(emulator, bad):
    assert send(emulator, 'GET', '/rest/all/V1/inventory/stocks/1', signer(**bad)) == (
        401, {'message': 'The signature is invalid. Verify and try again.'})


def test_s9_signature_over_another_url_is_refused(emulator):
    status, body = send(emulator, 'GET', '/rest/all/V1/inventory/stocks/1', signer(),
                        sign_url='https://shop.example.com/rest/all/V1/inventory/stocks/1')
    assert status == 401 and body['message'].startswith('The signature is invalid')


def test_s9_plus_in_query_is_literal_as_in_magento(emulator):
    """Magento rawurldecodes the query, so a client that signs '+' as a space is refused."""
    query = 'searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=UK+Stock'
    assert send(emulator, 'GET', '/rest/all/V1/inventory/stocks?' + query, signer())[0] == 401
    assert query_params('a=UK+Stock&b=x%20y') == {'a': 'UK+Stock', 'b': 'x y'}


def test_s9_unknown_consumer_and_token(emulator):
    assert send(emulator, 'GET', '/rest/all/V1/inventory/stocks/1', signer(key='nope'))[1]['message'] == \
        'A consumer having the specified key does not exist'
    assert send(emulator, 'GET', '/rest/all/V1/inventory/stocks/1', signer(token='nope'))[1]['message'] == \
        'Specified token does not exist'


def test_s9_replayed_nonce_is_refused(emulator):
    url = '%s/rest/all/V1/inventory/stocks/1' % emulator.url
    dummy, signed, dummy = signer().sign(url, http_method='GET')
    header = {'Authorization': signed['Authorization']}
    assert send(emulator, 'GET', '/rest/all/V1/inventory/stocks/1', headers=header)[0] == 200
    status, body = send(emulator, 'GET', '/rest/all/V1/inventory/stocks/1', headers=header)
    assert status == 401 and body['message'].startswith('The nonce is already being used')


def test_s9_bearer_tokens_still_work_next_to_integrations(emulator):
    conn = http.client.HTTPConnection(emulator.host, emulator.port, timeout=10)
    conn.request('GET', '/rest/all/V1/inventory/stocks/1', headers={'Authorization': 'Bearer emulator-token'})
    assert conn.getresponse().status == 200
    conn.close()


def test_s9_integration_option_needs_four_parts():
    assert parse_integration('a:b:c:d') == ('a', 'b', 'c', 'd')
    with pytest.raises(ValueError):
        parse_integration('a:b:c')
