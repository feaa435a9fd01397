# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The three ways to authenticate to Magento's REST API, one small class each, picked once per client.

Each puts its credentials on a prepared request (authorize), names the secrets the client must hide
in messages (secrets), and explains a 401 in its own terms (unauthorized_hint). No Ansible imports.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import traceback

try:
    from oauthlib.oauth1 import SIGNATURE_HMAC_SHA256, Client as OAuth1Client
except ImportError:
    HAS_OAUTHLIB = False
    OAUTHLIB_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_OAUTHLIB = True
    OAUTHLIB_IMPORT_ERROR = None

from ansible_collections.commerceops.magento.plugins.module_utils.errors import MagentoApiError, MagentoSettingsError

ADMIN_TOKEN_PATH = "integration/admin/token"
BEARER_SETTING = (
    "Stores > Configuration > Services > OAuth > Consumer Settings > "
    "Allow OAuth Access Tokens to be used as standalone Bearer tokens"
)


def _acl(parameters):
    resources = parameters.get("resources") if isinstance(parameters, dict) else None
    return "the ACL resource %s" % resources if resources else "the ACL resource this endpoint needs"


class TokenAuth:
    """An admin token or an integration access token, sent as a bearer token."""

    name = "token"

    def __init__(self, settings):
        self._token = settings["token"]

    @property
    def secrets(self):
        return [self._token]

    def authorize(self, prepared, client):
        prepared.headers["Authorization"] = "Bearer " + self._token

    def unauthorized_hint(self, parameters):
        return ("1) the token is wrong, expired (admin tokens last 4 hours by default) or revoked; 2) the admin "
                "user's role or the integration lacks %s; 3) an integration access token is used as a bearer "
                "token while '%s' is off: use the integration's four OAuth values instead"
                % (_acl(parameters), BEARER_SETTING))


class AdminLoginAuth:
    """An admin username and password, exchanged for one admin token per client.

    The sign-in is asked for once, under a lock, and never retried after a refusal: Magento locks an
    admin account after repeated failed sign-ins, so parallel pages or forks must not add to the count.
    """

    name = "username+password"

    def __init__(self, settings):
        self._username = settings["username"]
        self._password = settings["password"]
        self._token = None
        self._refusal = None
        self._lock = threading.Lock()

    @property
    def secrets(self):
        return [secret for secret in (self._password, self._token) if secret]

    def authorize(self, prepared, client):
        prepared.headers["Authorization"] = "Bearer " + self._admin_token(client)

    def _admin_token(self, client):
        with self._lock:
            if self._refusal is not None:
                raise self._refusal
            if self._token is None:
                try:
                    self._token = self._sign_in(client)
                except MagentoApiError as error:
                    self._refusal = error
                    raise
            return self._token

    def _sign_in(self, client):
        body = {"username": self._username, "password": self._password}
        try:
            answer = client.request("POST", ADMIN_TOKEN_PATH, body=body, auth=None)
        except MagentoApiError as error:
            raise client.error_like(error, self._refusal_message(error))
        if not isinstance(answer, str) or not answer:
            path = client.sent_path(ADMIN_TOKEN_PATH)
            raise client.new_error("POST %s answered without a token" % path, "POST", path, 200)
        return answer

    @staticmethod
    def _refusal_message(error):
        if error.status == 400 and _is_two_factor_refusal(error):
            return ("%s %s answered 400: two-factor authentication (Magento_TwoFactorAuth) is on, so Magento does "
                    "not hand out admin tokens for a username and password alone, and trying again will not help. "
                    "Use an integration's OAuth credentials (consumer_key, consumer_secret, access_token, "
                    "access_token_secret), or a token obtained through the 2FA endpoint "
                    "(POST /rest/V1/tfa/provider/google/authenticate with an OTP) in token (Magento said: %s)"
                    % (error.method, error.path, error.rendered))
        if error.status == 401:
            return ("%s. Magento rejected the username and password. It locks an admin account for 30 minutes "
                    "after 6 failed sign-ins in a row (and then refuses even the right password with this same "
                    "message), so the module tried once and did not retry: check the credentials before running "
                    "again" % error.message)
        return error.message

    def unauthorized_hint(self, parameters):
        return ("1) the admin token fetched with username/password expired or was revoked during the run; 2) the "
                "admin user's role lacks %s (System > Permissions > User Roles); 3) a module or proxy in front of "
                "Magento strips the Authorization header (Apache needs CGIPassAuth or a RewriteRule for it)"
                % _acl(parameters))


class OAuthAuth:
    """An integration's four OAuth 1.0a values; every attempt is signed anew (Magento refuses a seen nonce)."""

    name = "oauth"

    def __init__(self, settings):
        if not HAS_OAUTHLIB:
            raise MagentoSettingsError("the Python library oauthlib is required for OAuth credentials")
        self._values = [settings[name] for name in ("consumer_key", "consumer_secret", "access_token",
                                                    "access_token_secret")]
        consumer_key, consumer_secret, access_token, access_token_secret = self._values
        self._signer = OAuth1Client(consumer_key, client_secret=consumer_secret, resource_owner_key=access_token,
                                    resource_owner_secret=access_token_secret,
                                    signature_method=SIGNATURE_HMAC_SHA256)

    @property
    def secrets(self):
        return list(self._values)

    def authorize(self, prepared, client):
        # A JSON body is not part of an OAuth 1.0a signature; method, URL and query are.
        dummy, signed, dummy = self._signer.sign(prepared.url, http_method=prepared.method)
        prepared.headers["Authorization"] = signed["Authorization"]

    def unauthorized_hint(self, parameters):
        return ("1) the consumer key, access token or their secrets are wrong, or the integration was reauthorized "
                "or deleted, which replaces them; 2) the integration lacks %s (System > Extensions > Integrations "
                "> API); 3) the signature does not match because Magento sees another URL than url (a proxy that "
                "changes the scheme, host or port) or the clock of the host running the module is off"
                % _acl(parameters))


AUTH_CLASSES = dict((auth.name, auth) for auth in (TokenAuth, AdminLoginAuth, OAuthAuth))


def authenticator(method, settings):
    """The auth object for the method client_settings.auth_method chose."""
    return AUTH_CLASSES[method](settings)


def _is_two_factor_refusal(error):
    if isinstance(error.parameters, dict) and "active_providers" in error.parameters:
        return True
    template = (error.template or "").lower()
    return "2fa" in template or "two-factor" in template
