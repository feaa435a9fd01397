# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cases taken from Magento's API-functional tests, and how one is run against the emulator.

A case names the Magento test (file, method, data set), the `_files` fixtures it declares (as JSON fragments
under files/, merged over Magento's install data), emulator settings standing for its config fixtures, and
its REST calls with what Magento's test asserts about each answer:
  status     the HTTP status (the tests check it through the exception code; 200 otherwise)
  body       the whole answer, as assertEquals(expected, processRestExceptionResult()) compares it (or a
             bare value, such as a count)
  contains   AssertArrayContains::assert: every expected key present and equal (PHP ==), recursively
  values     {"dotted.path": expected}: single assertEquals on a part of the answer
  column     (key, [values]): assertEquals on array_column(answer, key)
  at_least   {"dotted.path": n}: assertGreaterThanOrEqual
  absent     [keys]: assertArrayNotHasKey
  positive   True/False: a salable quantity above 0, or 0 (the tests' is_salable, observed over REST)
  token_issued  True: a token string, remembered so that a later call can send it (token='@issued')
A payload value '@totp' is replaced, when the call is made, by the current code of the google_secret setting.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import re
from urllib.parse import urlencode

from conftest import flatten
from magento_msi_emulator.two_factor import totp

FILES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'files')
ADMIN_TOKEN = 'emulator-token'
ISSUED = '@issued'
TOTP = '@totp'
# Magento\TestFramework\Bootstrap::ADMIN_PASSWORD, the password of Magento/User/_files/user_with_custom_role.php
ADMIN_PASSWORD = '123123q'
LIST_KEYS = ('websites', 'sources', 'stocks', 'sales_channels', 'links', 'source_items', 'products', 'bulks')


class Case:
    def __init__(self, test, method, calls, data_set=None, files=(), settings=None, note=None):
        self.test = test
        self.method = method
        self.data_set = data_set
        self.calls = calls
        self.files = tuple(files)
        self.settings = settings or {}
        self.note = note

    @property
    def name(self):
        label = '%s::%s' % (self.test.replace('/Test/Api/', '/'), self.method)
        return label + ('[%s]' % self.data_set if self.data_set is not None else '')


def call(method, path, payload=None, query=None, token=ADMIN_TOKEN, status=200, **expected):
    """One REST call: payload is the JSON body sent; expected holds the checks of the module docstring."""
    return {'method': method, 'path': path, 'payload': payload, 'query': query, 'token': token, 'status': status,
            'expected': expected}


def read_fragment(name):
    with open(os.path.join(FILES_DIR, name + '.json')) as handle:
        return json.load(handle)


def merged_fixture(names):
    """Install data, then each fragment (and what it requires) in order, as the test framework applies them."""
    fixture = dict((key, []) for key in LIST_KEYS)
    applied = []

    def apply(name):
        if name in applied:
            return
        fragment = read_fragment(name)
        for required in fragment.get('requires', []):
            apply(required)
        for key in LIST_KEYS:
            fixture[key].extend(fragment.get(key, []))
        applied.append(name)

    for name in ('install',) + tuple(names):
        apply(name)
    return fixture


def fixture_path(names, directory, cache={}):  # pylint: disable=dangerous-default-value
    key = (directory, tuple(names))
    if key not in cache:
        path = os.path.join(directory, 'fixture-%d.json' % len(cache))
        with open(path, 'w') as handle:
            json.dump(merged_fixture(names), handle)
        cache[key] = path
    return cache[key]


def php_equal(expected, actual):
    """PHPUnit's assertEquals on scalars: PHP's loose ==, numeric strings compared as numbers."""
    numbers = (int, float)
    if isinstance(expected, str) and isinstance(actual, numbers) and not isinstance(actual, bool):
        return _as_number(expected) == actual
    if isinstance(actual, str) and isinstance(expected, numbers) and not isinstance(expected, bool):
        return _as_number(actual) == expected
    return expected == actual


def _as_number(text):
    try:
        return float(text)
    except ValueError:
        return None


def assert_contains(expected, actual, where='answer'):
    if isinstance(expected, dict) or isinstance(expected, list):
        keys = expected.keys() if isinstance(expected, dict) else range(len(expected))
        for key in keys:
            found = actual.get(key, _MISSING) if isinstance(actual, dict) else (
                actual[key] if isinstance(actual, list) and key < len(actual) else _MISSING)
            assert found is not _MISSING, '%s has no %r: %r' % (where, key, actual)
            assert_contains(expected[key], found, '%s[%r]' % (where, key))
    else:
        assert php_equal(expected, actual), '%s is %r, Magento expects %r' % (where, actual, expected)


_MISSING = object()


def dig(value, path):
    for part in path.split('.') if path else []:
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def check_answer(response, step, label):
    expected = step['expected']
    assert response.status == step['status'], '%s: status %d, Magento answers %d: %s' % (
        label, response.status, step['status'], response.raw[:300])
    answer = response.json
    if 'body' in expected:
        assert answer == expected['body'], '%s: %r, Magento answers %r' % (label, answer, expected['body'])
    if 'contains' in expected:
        assert_contains(expected['contains'], answer, label)
    for path, value in expected.get('values', {}).items():
        assert php_equal(value, dig(answer, path)), '%s: %s is %r, Magento expects %r' % (
            label, path, dig(answer, path), value)
    if 'column' in expected:
        key, values = expected['column']
        assert [row.get(key) for row in answer] == values, '%s: %r' % (label, answer)
    for path, least in expected.get('at_least', {}).items():
        assert dig(answer, path) >= least, '%s: %s is %r' % (label, path, dig(answer, path))
    for key in expected.get('absent', []):
        assert key not in answer, '%s: %r has %r' % (label, answer, key)
    if 'positive' in expected:
        assert (answer > 0) == expected['positive'], '%s: salable quantity %r' % (label, answer)
    if expected.get('token_issued'):
        assert isinstance(answer, str) and re.match(r'^[A-Za-z0-9._-]+$', answer), '%s: %r' % (label, answer)
    return answer


def run(client, case, fixture):
    client.control('POST', 'reset', {'fixture': fixture})
    if case.settings:
        response = client.control('POST', 'config', case.settings)
        assert response.status == 200, response.raw
    issued = None
    for number, step in enumerate(case.calls, 1):
        query = urlencode(flatten_all(step['query'])) if step['query'] else None
        token = issued if step['token'] == ISSUED else step['token']
        payload = with_codes(step['payload'], case.settings.get('google_secret'), client.app.auth.clock())
        response = client.request(step['method'], '/rest/default/' + step['path'], body=payload,
                                  query=query, token=token)
        answer = check_answer(response, step, '%s call %d (%s %s)' % (case.name, number, step['method'],
                                                                      step['path']))
        if step['expected'].get('token_issued'):
            issued = answer


def with_codes(payload, secret, now):
    if not isinstance(payload, dict) or TOTP not in payload.values():
        return payload
    return dict((key, totp(secret, now) if value == TOTP else value) for key, value in payload.items())


def flatten_all(query):
    """http_build_query: nested arrays as a[b][0]=..., true as 1."""
    pairs = []
    for key, value in query.items():
        pairs.extend(flatten(key, value))
    return [(name, '1' if value is True else value) for name, value in pairs]
