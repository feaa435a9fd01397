# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""MagentoModule: AnsibleModule plus the shared connection options and a lazily built client."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.commerceops.magento.plugins.module_utils.client import (
    HAS_OAUTHLIB,
    HAS_REQUESTS,
    OAUTH_OPTIONS,
    OAUTHLIB_IMPORT_ERROR,
    REQUESTS_IMPORT_ERROR,
    MagentoClient,
    MagentoSettingsError,
)

ENVIRONMENT_VARIABLES = {
    "url": "MAGENTO_URL",
    "store_code": "MAGENTO_STORE_CODE",
    "token": "MAGENTO_TOKEN",
    "username": "MAGENTO_USERNAME",
    "password": "MAGENTO_PASSWORD",
    "validate_certs": "MAGENTO_VALIDATE_CERTS",
    "consumer_key": "MAGENTO_CONSUMER_KEY",
    "consumer_secret": "MAGENTO_CONSUMER_SECRET",
    "access_token": "MAGENTO_ACCESS_TOKEN",
    "access_token_secret": "MAGENTO_ACCESS_TOKEN_SECRET",
    "ca_path": "MAGENTO_CA_PATH",
    "client_cert": "MAGENTO_CLIENT_CERT",
    "client_key": "MAGENTO_CLIENT_KEY",
}


def _from_env(name):
    return (env_fallback, [ENVIRONMENT_VARIABLES[name]])


def connection_argument_spec():
    return dict(
        url=dict(type="str", fallback=_from_env("url")),
        store_code=dict(type="str", default="all", fallback=_from_env("store_code")),
        token=dict(type="str", no_log=True, fallback=_from_env("token")),
        username=dict(type="str", fallback=_from_env("username")),
        password=dict(type="str", no_log=True, fallback=_from_env("password")),
        validate_certs=dict(type="bool", default=True, fallback=_from_env("validate_certs")),
        ca_path=dict(type="path", fallback=_from_env("ca_path")),
        client_cert=dict(type="path", fallback=_from_env("client_cert")),
        client_key=dict(type="path", no_log=False, fallback=_from_env("client_key")),
        consumer_key=dict(type="str", no_log=True, fallback=_from_env("consumer_key")),
        consumer_secret=dict(type="str", no_log=True, fallback=_from_env("consumer_secret")),
        access_token=dict(type="str", no_log=True, fallback=_from_env("access_token")),
        access_token_secret=dict(type="str", no_log=True, fallback=_from_env("access_token_secret")),
        timeout=dict(type="int", default=30),
        retries=dict(type="int", default=3),
        parallel_reads=dict(type="int", default=4),
    )


# Options that count something per request; zero or less would send nothing or loop forever.
AT_LEAST_ONE_OPTIONS = ("page_size", "batch_size", "parallel_reads")


def batching_argument_spec():
    """page_size and batch_size, for modules that read many records and write them in batches."""
    return dict(
        page_size=dict(type="int", default=300),
        batch_size=dict(type="int", default=500),
    )


def below_one_message(params):
    """The first option of AT_LEAST_ONE_OPTIONS set below 1, as a message; None when all are fine."""
    for name in AT_LEAST_ONE_OPTIONS:
        value = params.get(name)
        if value is not None and value < 1:
            return "%s must be at least 1, got %d" % (name, value)
    return None


def client_from_params(params, session=None, warn=None):
    """A MagentoClient from validated connection params; raises MagentoSettingsError on bad settings.

    warn(message) receives the client's warnings (plain http://, re-split batches), each once.
    """
    conflict = auth_conflict_message(params)
    if conflict:
        raise MagentoSettingsError(conflict)
    oauth = dict((name, params.get(name)) for name in OAUTH_OPTIONS)
    return MagentoClient(
        url=params.get("url"), store_code=params.get("store_code") or "all", token=params.get("token"),
        username=params.get("username"), password=params.get("password"),
        validate_certs=params.get("validate_certs", True), ca_path=params.get("ca_path"),
        client_cert=params.get("client_cert"), client_key=params.get("client_key"),
        timeout=params.get("timeout", 30), retries=params.get("retries", 3), session=session, warn=warn,
        parallel_reads=params.get("parallel_reads", 4), **oauth)


def _origin(params, names):
    """Where a value most likely came from; env_fallback leaves no trace, so compare with the environment."""
    from_env = [ENVIRONMENT_VARIABLES[name] for name in names
                if params.get(name) and os.environ.get(ENVIRONMENT_VARIABLES[name]) == params.get(name)]
    if not from_env:
        return "the task"
    if len(from_env) == len(names):
        return "environment variable%s %s on the managed host" % ("s" if len(names) > 1 else "",
                                                                  " and ".join(from_env))
    return "the task and environment variable %s on the managed host" % from_env[0]


AUTH_METHODS = (("token", ("token",)), ("username and password", ("username", "password")),
                ("OAuth credentials", OAUTH_OPTIONS))


def auth_conflict_message(params):
    """A clear message when more than one way to authenticate is present, else None."""
    given = []
    for label, names in AUTH_METHODS:
        present = [name for name in names if params.get(name)]
        if present:
            given.append("%s (from %s)" % ("/".join(present), _origin(params, present)))
    if len(given) < 2:
        return None
    return ("Give exactly one way to authenticate: token, or username and password, or the four OAuth values "
            "(consumer_key, consumer_secret, access_token, access_token_secret). Got %s. Remove all but one from "
            "the task or unset the environment variables." % " and ".join(given))


class MagentoModule(AnsibleModule):
    def __init__(self, argument_spec, **kwargs):
        spec = connection_argument_spec()
        spec.update(argument_spec)
        kwargs["required_together"] = list(kwargs.get("required_together") or []) + [
            ["username", "password"], list(OAUTH_OPTIONS)]
        # client_cert alone may hold the key too; a key without its certificate is useless.
        required_by = dict(kwargs.get("required_by") or {})
        required_by.setdefault("client_key", "client_cert")
        kwargs["required_by"] = required_by
        super(MagentoModule, self).__init__(argument_spec=spec, **kwargs)
        self._client = None
        # Not AnsibleModule's mutually_exclusive: its message cannot say that a value came from the environment.
        conflict = auth_conflict_message(self.params)
        if conflict:
            self.fail_json(msg=conflict)
        below_one = below_one_message(self.params)
        if below_one:
            self.fail_json(msg=below_one)

    @property
    def client(self):
        if self._client is None:
            if not HAS_REQUESTS:
                self.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
            if not HAS_OAUTHLIB and any(self.params.get(name) for name in OAUTH_OPTIONS):
                self.fail_json(msg=missing_required_lib("oauthlib", reason="for OAuth 1.0a integration credentials"),
                               exception=OAUTHLIB_IMPORT_ERROR)
            try:
                self._client = client_from_params(self.params, warn=self.warn)
            except MagentoSettingsError as error:
                self.fail_json(msg=str(error))
        return self._client

    def fail_from_api_error(self, error, **result):
        self.fail_json(msg=error.message, status=error.status, **result)
