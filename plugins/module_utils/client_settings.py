# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client's settings, checked in one place before any request is sent.

Modules pass their options through unchanged and turn MagentoSettingsError into a failure; nothing
else checks these values. No Ansible imports.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
from urllib.parse import urlsplit

from ansible_collections.commerceops.magento.plugins.module_utils.errors import MagentoSettingsError

OAUTH_OPTIONS = ("consumer_key", "consumer_secret", "access_token", "access_token_secret")
# (label, options, method name) for each way to authenticate.
AUTH_METHODS = (
    ("token", ("token",), "token"),
    ("username and password", ("username", "password"), "username+password"),
    ("OAuth credentials", OAUTH_OPTIONS, "oauth"),
)
# Settings that count something per request: zero or less would send nothing or loop forever.
AT_LEAST_ONE = ("parallel_reads", "page_size", "batch_size")


def _given(settings, names):
    return [name for name in names if settings.get(name)]


def _described(settings, names, origins):
    """'token' or 'username/password (from environment variables ... on the managed host)'."""
    label = "/".join(names)
    if origins is None:
        return label
    return "%s (from %s)" % (label, origin_of(names, origins))


def origin_of(names, origins):
    """Where the values of names came from: the task, the environment, or both."""
    from_env = [origins[name] for name in names if name in origins]
    if not from_env:
        return "the task"
    if len(from_env) == len(names):
        return "environment variable%s %s on the managed host" % ("s" if len(names) > 1 else "",
                                                                  " and ".join(from_env))
    return "the task and environment variable %s on the managed host" % from_env[0]


def environment_origins(settings, variables):
    """{option: variable} for the values equal to their environment variable (env_fallback leaves no trace)."""
    return dict((name, variable) for name, variable in variables.items()
                if settings.get(name) and os.environ.get(variable) == settings.get(name))


def auth_method(settings, origins=None):
    """The one way to authenticate the settings give: 'token', 'username+password' or 'oauth'.

    origins ({option: environment variable}) makes a conflict name where each value came from.
    """
    given = [(label, _given(settings, names), method) for label, names, method in AUTH_METHODS
             if _given(settings, names)]
    if len(given) > 1:
        raise MagentoSettingsError(
            "Give exactly one way to authenticate: token, or username and password, or the four OAuth values "
            "(%s). Got %s. Remove all but one%s." % (
                ", ".join(OAUTH_OPTIONS), " and ".join(_described(settings, names, origins) for dummy, names, dummy
                                                       in given),
                " from the task or unset the environment variables" if origins is not None else ""))
    if not given:
        raise MagentoSettingsError(
            "no credentials: give token, or username and password, or an integration's consumer_key, "
            "consumer_secret, access_token and access_token_secret (or set MAGENTO_TOKEN, MAGENTO_USERNAME and "
            "MAGENTO_PASSWORD, or MAGENTO_CONSUMER_KEY, MAGENTO_CONSUMER_SECRET, MAGENTO_ACCESS_TOKEN and "
            "MAGENTO_ACCESS_TOKEN_SECRET)")
    label, present, method = given[0]
    names = [names for dummy, names, name in AUTH_METHODS if name == method][0]
    if len(present) < len(names):
        missing = [name for name in names if name not in present]
        if method == "oauth":
            raise MagentoSettingsError("OAuth needs all four of %s together; missing %s"
                                       % (", ".join(OAUTH_OPTIONS), ", ".join(missing)))
        raise MagentoSettingsError("username and password must be given together; %s is missing" % missing[0])
    return method


def check_settings(settings, origins=None):
    """Raise MagentoSettingsError for the first setting the client cannot work with; return the auth method."""
    url = settings.get("url")
    if not url:
        raise MagentoSettingsError("url is required: the shop's base URL, e.g. https://shop.example.com "
                                   "(or set MAGENTO_URL)")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise MagentoSettingsError("url must be an http:// or https:// base URL, e.g. https://shop.example.com")
    if not settings.get("store_code"):
        raise MagentoSettingsError("store_code must not be empty (use 'all' for the admin scope)")
    method = auth_method(settings, origins)
    timeout = settings.get("timeout")
    if timeout is None or timeout <= 0:
        raise MagentoSettingsError("timeout must be a positive number of seconds")
    retries = settings.get("retries")
    if retries is None or retries < 0:
        raise MagentoSettingsError("retries must be 0 or more")
    for name in AT_LEAST_ONE:
        value = settings.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise MagentoSettingsError("%s must be at least 1, got %r" % (name, value))
    _check_tls_files(settings)
    return method


def _check_tls_files(settings):
    if settings.get("client_key") and not settings.get("client_cert"):
        raise MagentoSettingsError("client_key needs client_cert")
    ca_path = settings.get("ca_path") if settings.get("validate_certs", True) else None
    for name, path in (("ca_path", ca_path), ("client_cert", settings.get("client_cert")),
                       ("client_key", settings.get("client_key"))):
        if path and not os.path.exists(path):
            raise MagentoSettingsError("%s %s does not exist on the host that runs the module" % (name, path))
