# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's exceptions, and Magento's error bodies turned into one-line messages."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

_PLACEHOLDER = re.compile(r"%(\d+|[A-Za-z_]\w*)")


class MagentoSettingsError(ValueError):
    """The client was given settings it cannot work with (missing URL, no or two auth methods)."""


# A file of 100,000 items can hold as many bad rows; the message names this many, the problems all of them.
MESSAGE_PROBLEMS = 50


class InvalidInput(ValueError):
    """Bad input found before anything was written; ``problems`` names every bad value.

    ``details`` are extra result keys for the failed task (e.g. unknown_source_codes). The message
    names the first MESSAGE_PROBLEMS problems and says how many more ``problems`` holds.
    """

    def __init__(self, problems, **details):
        if isinstance(problems, str):
            problems = [problems]
        self.problems = list(problems)
        self.details = details
        message = "; ".join(self.problems[:MESSAGE_PROBLEMS])
        if len(self.problems) > MESSAGE_PROBLEMS:
            message += "; and %d more, every one in problems" % (len(self.problems) - MESSAGE_PROBLEMS)
        super(InvalidInput, self).__init__(message)


def raise_if_problems(problems):
    """Raise one InvalidInput carrying every problem found, or return when there are none."""
    if problems:
        raise InvalidInput(problems)


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
        # True when the request got no answer within the timeout: Magento may have carried it out.
        self.timed_out = False

    @property
    def rendered(self):
        """Magento's own message with its placeholders filled."""
        return render_magento_message(self.template, self.parameters)

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


def error_from_response(response, method, path, auth=None):
    """A MagentoApiError for a 4xx/5xx answer; auth (the client_auth object) is None for the sign-in call."""
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
    if status == 401 and auth is not None:
        message += " (authenticated by %s). The usual causes: %s" % (auth.name, auth.unauthorized_hint(parameters))
    return MagentoApiError(message, method, path, status, template, parameters, errors)
