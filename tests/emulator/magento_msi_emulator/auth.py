# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bearer tokens and the admin token service (core and Magento_TwoFactorAuth flavours)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json
import secrets
import time

from .errors import REQUIRED_FIELD, MagentoError, error_entry, input_errors

ADMIN_TOKEN_LIFETIME = 4 * 3600
SIGN_IN_FAILED = ('The account sign-in was incorrect or your account is disabled temporarily. '
                  'Please wait and try again later.')
USE_2FA_PROVIDER = 'Please use the 2fa provider-specific endpoints to obtain a token.'


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode('ascii')


class Auth:
    def __init__(self, tokens, admin_users, clock=time.time):
        self.static_tokens = set(tokens)
        self.admin_users = dict(admin_users)
        self.issued = {}
        self.clock = clock

    def bearer_is_valid(self, header):
        """Unknown or expired tokens are not errors: the caller just stays a guest."""
        if not header:
            return False
        scheme, _sep, token = header.strip().partition(' ')
        token = token.strip()
        if scheme.lower() != 'bearer' or not token:
            return False
        if token in self.static_tokens:
            return True
        expiry = self.issued.get(token)
        return expiry is not None and expiry > self.clock()

    def create_admin_token(self, username, password, two_factor):
        errors = [error_entry(REQUIRED_FIELD, {'fieldName': name})
                  for name, value in (('username', username), ('password', password)) if not value]
        if errors:
            raise input_errors(errors)
        if self.admin_users.get(username) != password:
            raise MagentoError(401, SIGN_IN_FAILED)
        if two_factor:
            raise MagentoError(400, USE_2FA_PROVIDER, {'active_providers': ['google']})
        now = int(self.clock())
        header = _b64(json.dumps({'kid': '1', 'alg': 'HS256'}).encode())
        payload = _b64(json.dumps({'uid': 1, 'utypid': 2, 'iat': now, 'exp': now + ADMIN_TOKEN_LIFETIME,
                                   'jti': secrets.token_hex(8)}).encode())
        token = '%s.%s.%s' % (header, payload, _b64(secrets.token_bytes(32)))
        self.issued[token] = now + ADMIN_TOKEN_LIFETIME
        return token
