# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Contract section 9: failed admin sign-ins lock the user name (RequestThrottler), same 401 message."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

TOKEN_PATH = 'integration/admin/token'
GOOD = {'username': 'admin', 'password': 'emulator-admin-1'}
BAD = dict(GOOD, password='wrong')
SIGN_IN_FAILED = {'message': 'The account sign-in was incorrect or your account is disabled temporarily. '
                             'Please wait and try again later.'}


def sign_in(client, body):
    return client.post(TOKEN_PATH, body, token=None)


def fail(client, times, body=None):
    body = BAD if body is None else body
    for _attempt in range(times):
        response = sign_in(client, body)
        assert (response.status, response.json) == (401, SIGN_IN_FAILED)


def test_s9_sixth_failure_locks_even_the_right_password(client):
    fail(client, 6)
    assert client.state()['sign_in_failures'] == {'admin': 6}
    response = sign_in(client, GOOD)
    assert (response.status, response.json) == (401, SIGN_IN_FAILED)
    # the lock is checked before the password, so a locked attempt counts no further failure
    assert client.state()['sign_in_failures'] == {'admin': 6}


def test_s9_success_before_the_limit_resets_the_count(client):
    fail(client, 5)
    assert sign_in(client, GOOD).status == 200
    assert client.state()['sign_in_failures'] == {}
    fail(client, 5)
    assert sign_in(client, GOOD).status == 200


def test_s9_count_is_per_user_name(client):
    fail(client, 6, {'username': 'nobody', 'password': 'x'})
    assert client.state()['sign_in_failures'] == {'nobody': 6}
    assert sign_in(client, GOOD).status == 200


def test_s9_lock_ends_lockout_seconds_after_the_last_failure(client, monkeypatch):
    now = [1000000.0]
    monkeypatch.setattr(client.app.auth, 'clock', lambda: now[0])
    fail(client, 6)
    now[0] += 1799
    assert sign_in(client, GOOD).status == 401
    now[0] += 2
    assert sign_in(client, GOOD).status == 200


def test_s9_empty_fields_are_checked_before_the_lock(client):
    fail(client, 6)
    response = sign_in(client, dict(GOOD, password=''))
    assert (response.status, response.json['parameters']) == (400, {'fieldName': 'password'})


def test_s9_limit_and_duration_are_settings_and_reset_unlocks(client, monkeypatch):
    now = [500.0]
    monkeypatch.setattr(client.app.auth, 'clock', lambda: now[0])
    config = client.control('POST', 'config', {'lockout_failures': 2, 'lockout_seconds': 10}).json
    assert (config['lockout_failures'], config['lockout_seconds']) == (2, 10)
    fail(client, 2)
    assert sign_in(client, GOOD).status == 401
    now[0] += 11
    assert sign_in(client, GOOD).status == 200
    fail(client, 2)
    client.control('POST', 'reset', {})
    assert client.control('GET', 'config').json['lockout_failures'] == 6
    assert sign_in(client, GOOD).status == 200


def test_s9_lockout_settings_are_checked(client):
    for bad in ({'lockout_failures': 0}, {'lockout_failures': 2.5}, {'lockout_seconds': -1}):
        assert client.control('POST', 'config', bad).status == 400


def test_s9_lockout_start_up_options():
    from magento_msi_emulator.__main__ import parse_args
    args = parse_args(['--lockout-failures', '3', '--lockout-seconds', '60'])
    assert (args.lockout_failures, args.lockout_seconds) == (3, 60.0)
