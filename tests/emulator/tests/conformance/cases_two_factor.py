# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Admin sign-in with Magento_TwoFactorAuth: magento/security-package TwoFactorAuth/Test/Api/
AdminIntegrationTokenTest and GoogleAuthenticateTest (user Magento/User/_files/user_with_custom_role.php,
which the emulator serves as an admin account with Magento's test password)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from conformance_support import ADMIN_PASSWORD, ISSUED, TOTP, Case, call

TOKEN = 'V1/integration/admin/token'
GOOGLE = 'V1/tfa/provider/google/authenticate'
TOKEN_TEST = 'TwoFactorAuth/Test/Api/AdminIntegrationTokenTest.php'
GOOGLE_TEST = 'TwoFactorAuth/Test/Api/GoogleAuthenticateTest.php'
SECRET = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ'
SIGN_IN_FAILED = {'message': 'The account sign-in was incorrect or your account is disabled temporarily. '
                             'Please wait and try again later.'}
CONFIGURE_BY_EMAIL = ('You are required to configure personal Two-Factor Authorization in order to login. '
                      'Please check your email.')


def user(password, otp=None):
    body = {'username': 'customRoleUser', 'password': password}
    if otp is not None:
        body['otp'] = otp
    return body


def tfa(providers='google'):
    """Magento_TwoFactorAuth enabled; @magentoConfigFixture twofactorauth/general/force_providers."""
    return {'two_factor': True, 'two_factor_providers': providers, 'google_secret': SECRET, 'google_otp': ''}


# The tests send an invalid bearer token to make sure the route is anonymous
CASES = [
    Case(TOKEN_TEST, 'testDefaultBehaviorForInvalidCredentials', [
        call('POST', TOKEN, user('bad'), token='invalid', status=401, body=SIGN_IN_FAILED)], settings=tfa()),
    Case(TOKEN_TEST, 'testUserWithConfigured2fa', [
        call('POST', TOKEN, user(ADMIN_PASSWORD), token='invalid', status=400, values={
            'message': 'Please use the 2fa provider-specific endpoints to obtain a token.',
            'parameters.active_providers': ['google']})], settings=tfa()),
    Case(TOKEN_TEST, 'testUserWithAvailableUnconfigured2fa', [
        call('POST', TOKEN, user(ADMIN_PASSWORD), token='invalid', status=400, values={
            'message': CONFIGURE_BY_EMAIL, 'parameters.active_providers': ['google']})],
         settings=tfa('google,duo_security')),
    Case(TOKEN_TEST, 'testNoAvailable2faProviders', [
        call('POST', TOKEN, user(ADMIN_PASSWORD), token='invalid', status=400, values={
            'message': 'Please ask an administrator with sufficient access to configure 2FA first'})],
         settings=tfa('none')),
    Case(GOOGLE_TEST, 'testInvalidCredentials', [
        call('POST', GOOGLE, user('bad', 'foo'), token='invalid', status=401, body=SIGN_IN_FAILED)],
        settings=tfa()),
    Case(GOOGLE_TEST, 'testUnavailableProvider', [
        call('POST', GOOGLE, user(ADMIN_PASSWORD, 'foo'), token='invalid', status=400,
             body={'message': 'Provider is not allowed.'})], settings=tfa('duo_security')),
    Case(GOOGLE_TEST, 'testInvalidToken', [
        call('POST', GOOGLE, user(ADMIN_PASSWORD, 'bad'), token='invalid', status=401,
             body={'message': 'Invalid code.'})], settings=tfa()),
    Case(GOOGLE_TEST, 'testNotConfiguredProvider', [
        call('POST', GOOGLE, user(ADMIN_PASSWORD, 'foo'), token='invalid', status=400,
             body={'message': 'Provider is not configured.'})], settings=tfa('google_unconfigured')),
    Case(GOOGLE_TEST, 'testValidToken', [
        call('POST', GOOGLE, user(ADMIN_PASSWORD, TOTP), token='invalid', token_issued=True),
        call('GET', 'V1/inventory/stocks/1', token=ISSUED, values={'stock_id': 1})], settings=tfa(),
        note='The test matches a 32-character opaque token; admin tokens are JWTs since 2.4.4 (contract '
             'section 9), so the case checks that the token it gets is accepted instead.'),
]
