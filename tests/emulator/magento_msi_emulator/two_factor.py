# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Magento_TwoFactorAuth: what the admin-token route answers, and the Google Authenticator route.

Every admin user has the same provider setup (setting two_factor_providers):
  google               Google Authenticator forced and configured: codes are checked
  google_unconfigured  forced, not configured yet: the user is sent a configuration e-mail
  google,duo_security  both forced, Google configured: e-mail for Duo, Google codes still checked
  duo_security         only another provider forced, not configured: Google is not allowed
  none                 no provider forced
Source: magento/security-package TwoFactorAuth/Model/AdminAccessTokenService.php,
Model/Provider/Engine/Google/Authenticate.php, Model/UserAuthenticator.php::assertProviderIsValidForUser.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import binascii
import hashlib
import hmac
import struct

from .errors import MagentoError, bad_request

# setup -> (providers forced on the user, providers the user has configured)
PROVIDERS = {
    'google': (['google'], ['google']),
    'google_unconfigured': (['google'], []),
    'google,duo_security': (['google', 'duo_security'], ['google']),
    'duo_security': (['duo_security'], []),
    'none': ([], []),
}
SETUPS = tuple(PROVIDERS)
USE_PROVIDER_ENDPOINTS = 'Please use the 2fa provider-specific endpoints to obtain a token.'
CONFIGURE_BY_EMAIL = ('You are required to configure personal Two-Factor Authorization in order to login. '
                      'Please check your email.')
NO_PROVIDERS = 'Please ask an administrator with sufficient access to configure 2FA first'
NOT_ALLOWED = 'Provider is not allowed.'
NOT_CONFIGURED = 'Provider is not configured.'
INVALID_CODE = 'Invalid code.'
# TwoFactorAuth/etc/config.xml twofactorauth/google/leeway; codes are 6 digits per 30 s (OTPHP TOTP defaults)
LEEWAY_SECONDS = 29
PERIOD_SECONDS = 30


def admin_token_refusal(setup):
    """AdminAccessTokenService never returns a token; it says why, once the password was right."""
    forced, active = PROVIDERS[setup]
    to_configure = [code for code in forced if code not in active]
    if forced and not to_configure:
        return bad_request(USE_PROVIDER_ENDPOINTS, {'active_providers': list(active)})
    if not forced:
        return bad_request(NO_PROVIDERS)
    return bad_request(CONFIGURE_BY_EMAIL, {'providers': list(forced), 'active_providers': list(active)})


def check_secret(secret):
    """'' or a base32 secret; raises ValueError otherwise."""
    if secret:
        _secret_bytes(secret)
    return secret


def _secret_bytes(secret):
    text = secret.replace(' ', '').upper()
    try:
        return base64.b32decode(text + '=' * (-len(text) % 8))
    except (binascii.Error, ValueError):
        raise ValueError('must be a base32 secret')


def totp(secret, at):
    """RFC 6238 code (HMAC-SHA1, 6 digits, 30 s) of a base32 secret at a Unix time."""
    digest = hmac.new(_secret_bytes(secret), struct.pack('>Q', int(at // PERIOD_SECONDS)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return '%06d' % (number % 1000000)


def code_is_valid(otp, fixed_otp, secret, now):
    if not otp:
        return False
    if fixed_otp and hmac.compare_digest(otp, fixed_otp):
        return True
    return bool(secret) and any(hmac.compare_digest(otp, totp(secret, now + shift))
                                for shift in (-LEEWAY_SECONDS, 0, LEEWAY_SECONDS))


def google_authenticate(app, username, password, otp):
    """Authenticate::createAdminAccessToken: the core sign-in (throttled), the provider, then the code."""
    settings = app.settings
    app.auth.authenticate(username, password)
    forced, active = PROVIDERS[settings['two_factor_providers']]
    if 'google' not in forced:
        raise bad_request(NOT_ALLOWED)
    if 'google' not in active:
        raise bad_request(NOT_CONFIGURED)
    if not code_is_valid(otp, settings['google_otp'], settings['google_secret'], app.auth.clock()):
        raise MagentoError(401, INVALID_CODE)
    return app.auth.issue_token()
