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


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode('ascii')


class SignInThrottle:
    """Failed admin sign-ins counted per user name, as Magento's oauth_token_request_log keeps them.

    RequestThrottler::throttle refuses while the count has reached max_failures_count, before the password
    is looked at, with the same 401 as a wrong password; every failure adds one and moves the row's expiry
    to now + timeout; a success deletes the row (magento2 Integration/Model/Oauth/Token/RequestThrottler.php,
    Integration/Model/ResourceModel/Oauth/Token/RequestLog.php, defaults 6 and 1800 s in
    Integration/etc/config.xml). Magento's cron deletes expired rows; the emulator ignores them at once.
    """

    def __init__(self, clock):
        self.clock = clock
        self.max_failures = 6
        self.lock_seconds = 1800
        self._failures = {}

    def _count(self, username):
        count, expires_at = self._failures.get(username, (0, 0))
        return count if expires_at > self.clock() else 0

    def throttle(self, username):
        if self._count(username) >= self.max_failures:
            raise MagentoError(401, SIGN_IN_FAILED)

    def log_failure(self, username):
        self._failures[username] = (self._count(username) + 1, self.clock() + self.lock_seconds)

    def reset(self, username):
        self._failures.pop(username, None)

    def clear(self):
        self._failures = {}

    def snapshot(self):
        return dict((name, self._count(name)) for name in self._failures if self._count(name))


class Auth:
    def __init__(self, tokens, admin_users, clock=time.time):
        self.static_tokens = set(tokens)
        self.admin_users = dict(admin_users)
        self.issued = {}
        self.clock = clock
        self.throttle = SignInThrottle(self.now)

    def now(self):
        # Looked up at each call: tests replace self.clock after construction.
        return self.clock()

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

    def user_of(self, header):
        """(Magento user type, user id) of an accepted caller: 2 for an admin token, 1 for an integration
        (the static tokens stand for integration access tokens, and OAuth signs for an integration)."""
        token = (header or '').strip().partition(' ')[2].strip()
        return (2, 1) if token in self.issued else (1, 1)

    def authenticate(self, username, password):
        """The core AdminTokenService up to the token: input check, throttle, password, failure count."""
        errors = [error_entry(REQUIRED_FIELD, {'fieldName': name})
                  for name, value in (('username', username), ('password', password)) if not value]
        if errors:
            raise input_errors(errors)
        self.throttle.throttle(username)
        if self.admin_users.get(username) != password:
            self.throttle.log_failure(username)
            raise MagentoError(401, SIGN_IN_FAILED)
        self.throttle.reset(username)

    def issue_token(self):
        now = int(self.clock())
        header = _b64(json.dumps({'kid': '1', 'alg': 'HS256'}).encode())
        payload = _b64(json.dumps({'uid': 1, 'utypid': 2, 'iat': now, 'exp': now + ADMIN_TOKEN_LIFETIME,
                                   'jti': secrets.token_hex(8)}).encode())
        token = '%s.%s.%s' % (header, payload, _b64(secrets.token_bytes(32)))
        self.issued[token] = now + ADMIN_TOKEN_LIFETIME
        return token
