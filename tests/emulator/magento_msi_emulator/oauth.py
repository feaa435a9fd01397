# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""OAuth 1.0a request checks for integrations, following Magento's Oauth request helper.

Magento collects the Authorization header's oauth_* values plus the query string (split on '&' and
'=', rawurldecoded, so '+' stays '+'), drops oauth_signature, and compares an HMAC over
METHOD&scheme://Host/path&sorted-params. oauthlib is imported only when an integration is configured,
so the emulator stays standard-library-only otherwise.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hmac
import threading
import time
from urllib.parse import unquote

from .errors import MagentoError

SIGNATURE_INVALID = 'The signature is invalid. Verify and try again.'
CONSUMER_UNKNOWN = 'A consumer having the specified key does not exist'
TOKEN_UNKNOWN = 'Specified token does not exist'
NONCE_USED = 'The nonce is already being used by the consumer with ID %1.'
TIMESTAMP_REFUSED = 'The timestamp is out of the allowed window.'
METHOD_UNSUPPORTED = 'Signature method %1 is not supported'
PARAMETER_MISSING = '"%1" is required. Enter and try again.'
SUPPORTED_METHODS = ('HMAC-SHA1', 'HMAC-SHA256')
REQUIRED = ('oauth_consumer_key', 'oauth_signature', 'oauth_signature_method', 'oauth_nonce', 'oauth_timestamp',
            'oauth_token')
TIMESTAMP_WINDOW = 600


class Integration:
    def __init__(self, consumer_key, consumer_secret, access_token, access_token_secret, consumer_id):
        self.consumer_key = consumer_key
        self.consumer_secret = consumer_secret
        self.access_token = access_token
        self.access_token_secret = access_token_secret
        self.consumer_id = consumer_id


def parse_integration(text):
    parts = text.split(':')
    if len(parts) != 4 or not all(parts):
        raise ValueError('expected CONSUMER_KEY:CONSUMER_SECRET:ACCESS_TOKEN:ACCESS_TOKEN_SECRET')
    return tuple(parts)


def is_oauth_header(header):
    return bool(header) and header.strip()[:6].lower() == 'oauth '


def parse_oauth_header(header):
    params = {}
    for chunk in header.strip()[6:].split(','):
        name, sep, value = chunk.strip().partition('=')
        if sep and name.startswith('oauth_'):
            params[name] = unquote(value.strip().strip('"'))
    return params


def query_params(query):
    """Magento's _extractQueryStringParams: explode on '&' and '=', rawurldecode, skip protocol names."""
    params = {}
    for pair in query.split('&') if query else []:
        parts = pair.split('=')
        if len(parts) == 2 and not parts[0].startswith('oauth_'):
            params[unquote(parts[0])] = unquote(parts[1])
    return params


class _Secrets:
    """The two attributes oauthlib's signing functions read from a client."""

    def __init__(self, client_secret, resource_owner_secret):
        self.client_secret = client_secret
        self.resource_owner_secret = resource_owner_secret


class OAuthVerifier:
    def __init__(self, integrations, clock=time.time):
        self.integrations = [Integration(*spec, consumer_id=index + 1) for index, spec in enumerate(integrations)]
        self.clock = clock
        self._nonces = set()
        self._lock = threading.Lock()

    def verify(self, method, scheme, host, path, query, header):
        """The integration of a correctly signed request, or MagentoError(401)."""
        protocol = parse_oauth_header(header)
        for name in REQUIRED:
            if not protocol.get(name):
                raise MagentoError(401, PARAMETER_MISSING, [name])
        if protocol['oauth_signature_method'] not in SUPPORTED_METHODS:
            raise MagentoError(401, METHOD_UNSUPPORTED, [protocol['oauth_signature_method']])
        integration = next((entry for entry in self.integrations
                            if entry.consumer_key == protocol['oauth_consumer_key']), None)
        if integration is None:
            raise MagentoError(401, CONSUMER_UNKNOWN)
        if not hmac.compare_digest(integration.access_token, protocol['oauth_token']):
            raise MagentoError(401, TOKEN_UNKNOWN)
        # A test-only dependency, needed only once an integration signs requests.
        from oauthlib.oauth1.rfc5849 import signature

        params = dict(query_params(query))
        params.update((name, value) for name, value in protocol.items() if name != 'oauth_signature')
        base = signature.signature_base_string(
            method.upper(), signature.base_string_uri('%s://%s%s' % (scheme, host, path)),
            signature.normalize_parameters(sorted(params.items())))
        sign = signature.sign_hmac_sha256_with_client if protocol['oauth_signature_method'] == 'HMAC-SHA256' \
            else signature.sign_hmac_sha1_with_client
        expected = sign(base, _Secrets(integration.consumer_secret, integration.access_token_secret))
        if not hmac.compare_digest(expected, protocol['oauth_signature']):
            raise MagentoError(401, SIGNATURE_INVALID)
        self._check_nonce(integration, protocol['oauth_nonce'], protocol['oauth_timestamp'])
        return integration

    def _check_nonce(self, integration, nonce, timestamp):
        try:
            stamp = int(timestamp)
        except ValueError:
            raise MagentoError(401, TIMESTAMP_REFUSED)
        if abs(self.clock() - stamp) > TIMESTAMP_WINDOW:
            raise MagentoError(401, TIMESTAMP_REFUSED)
        key = (integration.consumer_id, nonce)
        with self._lock:
            if key in self._nonces:
                raise MagentoError(401, NONCE_USED, [integration.consumer_id])
            self._nonces.add(key)
