# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client's exceptions, and Magento's error bodies turned into one-line messages."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

BEARER_SETTING = (
    "Stores > Configuration > Services > OAuth > Consumer Settings > "
    "Allow OAuth Access Tokens to be used as standalone Bearer tokens"
)

_PLACEHOLDER = re.compile(r"%(\d+|[A-Za-z_]\w*)")


class MagentoSettingsError(ValueError):
    """The client was given settings it cannot work with (missing URL, no or two auth methods)."""


class MagentoApiError(Exception):
    """A request that Magento refused, or that never got an answer (status None)."""

    def __init__(self, message, method=None, path=None, status=None, template=None,
                 parameters=None, errors=None):
        super(MagentoApiError, self).__init__(message)
        self.message = message
        self.method = method
        self.path = path
        self.status = status
        self.template = template
        self.parameters = parameters
        self.errors = list(errors or [])
        # Set by post_batches: how many of its requests Magento accepted before this one failed.
        self.requests_accepted = 0

    def __str__(self):
        return self.message


def _format_parameter(value):
    if isinstance(value, (list, tuple)):
        return ", ".join(_format_parameter(item) for item in value)
    if value is None:
        return ""
    return str(value)


def render_magento_message(template, parameters=None):
    """Fill Magento's %name and positional %1 placeholders the way Magento's Phrase renderer does."""
    if template is None:
        return ""
    template = str(template)
    if not parameters:
        return template

    def substitute(match):
        key = match.group(1)
        if isinstance(parameters, dict):
            # PHP turns numeric keys into list positions, and %1 names position 0.
            lookup = str(int(key) - 1) if key.isdigit() else key
            if lookup in parameters:
                return _format_parameter(parameters[lookup])
        elif isinstance(parameters, (list, tuple)) and key.isdigit():
            index = int(key) - 1
            if 0 <= index < len(parameters):
                return _format_parameter(parameters[index])
        return match.group(0)

    return _PLACEHOLDER.sub(substitute, template)


def error_from_response(response, method, path, auth_method=None):
    """A MagentoApiError for a 4xx/5xx answer; auth_method is None for the unauthenticated token call."""
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict) or "message" not in body:
        what = ("a non-JSON body (%s)" % (response.headers.get("Content-Type") or "no content type")
                if body is None else "a body without a Magento error message")
        return MagentoApiError("%s %s answered %d %s with %s, so a proxy or web server answered, not "
                               "Magento's REST API" % (method, path, status, response.reason or "", what),
                               method, path, status)
    template, parameters = body.get("message"), body.get("parameters")
    errors = [render_magento_message(entry.get("message"), entry.get("parameters"))
              for entry in body.get("errors") or [] if isinstance(entry, dict)]
    message = "%s %s answered %d: %s" % (method, path, status, render_magento_message(template, parameters))
    distinct_errors = [text for index, text in enumerate(errors) if text not in errors[:index]]
    if distinct_errors:
        message += ": " + "; ".join(distinct_errors)
    if status == 401 and auth_method:
        message += unauthorized_hint(auth_method, parameters)
    return MagentoApiError(message, method, path, status, template, parameters, errors)


def unauthorized_hint(auth_method, parameters):
    """The three usual causes of a 401 for the auth method in use; Magento's body is the same for all."""
    resources = parameters.get("resources") if isinstance(parameters, dict) else None
    acl = "the ACL resource %s" % resources if resources else "the ACL resource this endpoint needs"
    if auth_method == "oauth":
        causes = (
            "1) the consumer key, access token or their secrets are wrong, or the integration was reauthorized "
            "or deleted, which replaces them; 2) the integration lacks %s (System > Extensions > Integrations > "
            "API); 3) the signature does not match because Magento sees another URL than url (a proxy that "
            "changes the scheme, host or port) or the clock of the host running the module is off" % acl)
    elif auth_method == "token":
        causes = (
            "1) the token is wrong, expired (admin tokens last 4 hours by default) or revoked; 2) the admin "
            "user's role or the integration lacks %s; 3) an integration access token is used as a bearer token "
            "while '%s' is off: use the integration's four OAuth values instead" % (acl, BEARER_SETTING))
    else:
        causes = (
            "1) the admin token fetched with username/password expired or was revoked during the run; 2) the "
            "admin user's role lacks %s (System > Permissions > User Roles); 3) a module or proxy in front of "
            "Magento strips the Authorization header (Apache needs CGIPassAuth or a RewriteRule for it)" % acl)
    return " (authenticated by %s). The usual causes: %s" % (auth_method, causes)
