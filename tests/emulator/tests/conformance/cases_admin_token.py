# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Admin tokens without two-factor auth, and the lock-out: magento/magento2
dev/tests/api-functional/testsuite/Magento/Integration/Model/AdminTokenServiceTest.php (user
Magento/Webapi/_files/webapi_user.php, served by the emulator as an admin account with Magento's test password)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from conformance_support import ADMIN_PASSWORD, ISSUED, Case, call

TOKEN = 'V1/integration/admin/token'
TEST = 'magento2/Integration/Model/AdminTokenServiceTest.php'
VALID = {'username': 'webapi_user', 'password': ADMIN_PASSWORD}
INVALID = {'username': 'webapi_user', 'password': 'invalid'}
# Integration/etc/config.xml oauth/authentication_lock/max_failures_count, read by the test from the config
LOCK_AFTER = 6
SIGN_IN_FAILED = {'message': 'The account sign-in was incorrect or your account is disabled temporarily. '
                             'Please wait and try again later.'}
REQUIRED = '"%fieldName" is required. Enter and try again.'
NOTE_TOKEN = ('The test compares the token with the one stored for the user; the case checks that the token '
              'it gets is accepted.')


def _refused(body):
    return call('POST', TOKEN, body, status=401, body=SIGN_IN_FAILED)


def _works():
    return call('GET', 'V1/inventory/stocks/1', token=ISSUED, values={'stock_id': 1})


CASES = [
    Case(TEST, 'testCreateAdminAccessToken', [call('POST', TOKEN, VALID, token_issued=True), _works()],
         note=NOTE_TOKEN),
] + [
    # the test sends empty strings for both data sets
    Case(TEST, 'testCreateAdminAccessTokenEmptyOrNullCredentials', [
        call('POST', TOKEN, {'username': '', 'password': ''}, status=400, body={
            'message': 'One or more input exceptions have occurred.', 'errors': [
                {'message': REQUIRED, 'parameters': {'fieldName': 'username'}},
                {'message': REQUIRED, 'parameters': {'fieldName': 'password'}}]})], data_set=data_set)
    for data_set in ('Check for empty credentials', 'Check for null credentials')
] + [
    Case(TEST, 'testCreateAdminAccessTokenInvalidCredentials', [_refused({'username': 'invalid', 'password': 'invalid'})]),
    Case(TEST, 'testThrottlingMaxAttempts', [_refused(INVALID)] * (LOCK_AFTER - 1) + [
        call('POST', TOKEN, VALID, token_issued=True), _works()], note=NOTE_TOKEN),
    Case(TEST, 'testThrottlingAccountLockout', [_refused(INVALID)] * LOCK_AFTER + [_refused(VALID)]),
]
