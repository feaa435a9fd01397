# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract section 9: Magento_TwoFactorAuth answers and POST /V1/tfa/provider/google/authenticate."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from magento_msi_emulator.two_factor import totp

GOOGLE = 'tfa/provider/google/authenticate'
GOOD = {'username': 'admin', 'password': 'emulator-admin-1', 'otp': '123456'}


@pytest.fixture
def tfa_client(client):
    client.control('POST', 'config', {'two_factor': True})
    return client


def test_s9_google_route_exists_only_with_two_factor(client):
    response = client.post(GOOGLE, GOOD, token=None)
    assert (response.status, response.json) == (404, {'message': 'Request does not match any route.'})


def test_s9_google_code_gives_a_working_admin_token(tfa_client):
    response = tfa_client.post(GOOGLE, GOOD, token=None)
    assert response.status == 200
    assert tfa_client.get('inventory/stocks/1', token=response.json).status == 200
    entry = tfa_client.control('GET', 'log').json['requests'][-2]
    assert (entry['path'], entry['write'], entry['body']) == ('/rest/all/V1/' + GOOGLE, False, None)


def test_s9_wrong_code_is_401_invalid_code(tfa_client):
    for otp in ('654321', ''):
        response = tfa_client.post(GOOGLE, dict(GOOD, otp=otp), token=None)
        assert (response.status, response.json) == (401, {'message': 'Invalid code.'})


def test_s9_totp_matches_rfc_6238_vectors():
    # RFC 6238 appendix B, SHA1 seed "12345678901234567890", last 6 of the 8 digits
    secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
    assert (totp(secret, 59), totp(secret, 1111111109)) == ('287082', '081804')


def test_s9_totp_of_the_secret_within_the_leeway(tfa_client, monkeypatch):
    secret = 'JBSWY3DPEHPK3PXP'
    tfa_client.control('POST', 'config', {'google_secret': secret, 'google_otp': ''})
    monkeypatch.setattr(tfa_client.app.auth, 'clock', lambda: 1700000000.0)
    for at, status in ((1700000000, 200), (1700000000 - 29, 200), (1700000000 + 29, 200), (1700000000 - 60, 401)):
        response = tfa_client.post(GOOGLE, dict(GOOD, otp=totp(secret, at)), token=None)
        assert response.status == status


def test_s9_wrong_password_on_google_route_counts_toward_the_lock(tfa_client):
    for _attempt in range(6):
        response = tfa_client.post(GOOGLE, dict(GOOD, password='bad'), token=None)
        assert response.json['message'].startswith('The account sign-in was incorrect')
    assert tfa_client.post(GOOGLE, GOOD, token=None).status == 401
    assert tfa_client.post('integration/admin/token', GOOD, token=None).status == 401


@pytest.mark.parametrize('setup,google_answer,token_answer', [
    ('google', (401, {'message': 'Invalid code.'}),
     {'message': 'Please use the 2fa provider-specific endpoints to obtain a token.',
      'parameters': {'active_providers': ['google']}}),
    ('google_unconfigured', (400, {'message': 'Provider is not configured.'}),
     {'message': 'You are required to configure personal Two-Factor Authorization in order to login. '
                 'Please check your email.', 'parameters': {'providers': ['google'], 'active_providers': []}}),
    ('duo_security', (400, {'message': 'Provider is not allowed.'}),
     {'message': 'You are required to configure personal Two-Factor Authorization in order to login. '
                 'Please check your email.', 'parameters': {'providers': ['duo_security'], 'active_providers': []}}),
    ('none', (400, {'message': 'Provider is not allowed.'}),
     {'message': 'Please ask an administrator with sufficient access to configure 2FA first'}),
])
def test_s9_provider_setups(tfa_client, setup, google_answer, token_answer):
    tfa_client.control('POST', 'config', {'two_factor_providers': setup})
    response = tfa_client.post(GOOGLE, dict(GOOD, otp='bad'), token=None)
    assert (response.status, response.json) == google_answer
    response = tfa_client.post('integration/admin/token', GOOD, token=None)
    assert (response.status, response.json) == (400, token_answer)


def test_s9_google_settings_are_checked(client):
    assert client.control('POST', 'config', {'google_secret': 'not base32!'}).status == 400
    assert client.control('POST', 'config', {'two_factor_providers': 'sms'}).status == 400
    assert client.control('POST', 'config', {'google_otp': 123456}).status == 400


def test_s9_missing_otp_is_required(tfa_client):
    body = dict(GOOD)
    del body['otp']
    response = tfa_client.post(GOOGLE, body, token=None)
    assert (response.status, response.json) == (400, {
        'message': '"%fieldName" is required. Enter and try again.', 'parameters': {'fieldName': 'otp'}})
