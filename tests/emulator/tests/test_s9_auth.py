# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract section 9: admin tokens, two-factor answers, expiry."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

TOKEN_PATH = 'integration/admin/token'
GOOD = {'username': 'admin', 'password': 'emulator-admin-1'}


def test_s9_admin_token_is_bare_string_and_works(client):
    response = client.post(TOKEN_PATH, GOOD, token=None)
    assert response.status == 200
    token = response.json
    assert isinstance(token, str) and token.count('.') == 2
    assert client.get('inventory/stocks/1', token=token).status == 200


def test_s9_wrong_password_is_401(client):
    response = client.post(TOKEN_PATH, dict(GOOD, password='nope'), token=None)
    assert (response.status, response.json) == (401, {
        'message': 'The account sign-in was incorrect or your account is disabled temporarily. '
                   'Please wait and try again later.'})


def test_s9_empty_username_is_required_error(client):
    response = client.post(TOKEN_PATH, {'username': '', 'password': 'x'}, token=None)
    assert (response.status, response.json) == (400, {
        'message': '"%fieldName" is required. Enter and try again.', 'parameters': {'fieldName': 'username'}})


def test_s9_two_factor_answer(client):
    client.control('POST', 'config', {'two_factor': True})
    response = client.post(TOKEN_PATH, GOOD, token=None)
    assert (response.status, response.json) == (400, {
        'message': 'Please use the 2fa provider-specific endpoints to obtain a token.',
        'parameters': {'active_providers': ['google']}})
    assert client.post(TOKEN_PATH, dict(GOOD, password='bad'), token=None).status == 401


def test_s9_expired_token_is_a_guest(client):
    token = client.post(TOKEN_PATH, GOOD, token=None).json
    client.app.auth.issued[token] = 0
    assert client.get('inventory/stocks/1', token=token).status == 401


def test_s9_token_request_not_a_write_and_password_not_logged(client):
    client.post(TOKEN_PATH, GOOD, token=None)
    entry = client.control('GET', 'log').json['requests'][-1]
    assert (entry['write'], entry['body']) == (False, None)
