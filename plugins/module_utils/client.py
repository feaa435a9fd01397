# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client for Magento's REST API: session, auth, retries, pagination, error rendering.

No Ansible imports, so it can be tested and reused on its own.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import http.client
import re
import socket
import traceback
from urllib.parse import quote, urlsplit

try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.exceptions import ConnectTimeoutError, SSLError as Urllib3SSLError
    from urllib3.util.retry import Retry
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
    # Placeholders so the classes below can be defined; nothing uses them without requests.
    HTTPAdapter = Retry = object
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

RETRY_STATUSES = (429, 502, 503, 504)
# A refused or unanswered write wrote nothing for these statuses, so writes are retried too.
RETRY_METHODS = ("GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE")
BACKOFF_FACTOR = 0.5
BACKOFF_JITTER = 0.5
BACKOFF_MAX = 30
MAX_RETRY_AFTER = 30
MAX_URL_LENGTH = 8192
ADMIN_TOKEN_PATH = "integration/admin/token"
USER_AGENT = "commerceops.magento"
REDACTED = "********"
LOCAL_CONDITIONS = ("eq", "in")

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

    def __str__(self):
        return self.message


def quote_path_segment(value):
    """Percent-encode user data for one path segment; Magento urldecodes it, so '+' must be sent as %2B."""
    return quote(str(value), safe="")


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


def _filter_value(value):
    if isinstance(value, (list, tuple)):
        return ",".join(_filter_value(item) for item in value)
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def normalise_filter_groups(filter_groups):
    """[[(field, value[, condition_type]), ...], ...] -> the same with the condition always present."""
    groups = []
    for group in filter_groups or []:
        filters = []
        for entry in group:
            field, value = entry[0], entry[1]
            condition = entry[2] if len(entry) > 2 and entry[2] else "eq"
            filters.append((field, value, condition))
        if filters:
            groups.append(filters)
    return groups


def normalise_sort_orders(sort_orders):
    """Accept (field, direction) pairs or {field, direction} dicts."""
    sorts = []
    for entry in sort_orders or []:
        if isinstance(entry, dict):
            sorts.append((entry["field"], entry.get("direction", "ASC")))
        else:
            sorts.append((entry[0], entry[1] if len(entry) > 1 else "ASC"))
    return sorts


def criteria_params(groups, sorts, page_size, current_page):
    """searchCriteria as Magento's bracketed query keys, in a stable order."""
    params = []
    for group_index, group in enumerate(groups):
        for filter_index, (field, value, condition) in enumerate(group):
            key = "searchCriteria[filter_groups][%d][filters][%d]" % (group_index, filter_index)
            params.extend([(key + "[field]", field), (key + "[value]", _filter_value(value)),
                           (key + "[condition_type]", condition)])
    for index, (field, direction) in enumerate(sorts):
        key = "searchCriteria[sort_orders][%d]" % index
        params.extend([(key + "[field]", field), (key + "[direction]", direction)])
    params.extend([("searchCriteria[page_size]", str(page_size)),
                   ("searchCriteria[current_page]", str(current_page))])
    return params


def _check_locally_supported(groups):
    for group in groups:
        for field, dummy, condition in group:
            if condition not in LOCAL_CONDITIONS:
                raise ValueError("filter %s %s is too long for a URL and cannot be applied locally "
                                 "(only %s can)" % (field, condition, ", ".join(LOCAL_CONDITIONS)))


def has_unsendable_in_value(groups):
    """Magento splits 'in' values on commas without escaping, so a value with a comma cannot be sent."""
    return any(condition == "in" and isinstance(value, (list, tuple)) and any("," in str(item) for item in value)
               for group in groups for dummy, value, condition in group)


def _comparable(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None if value is None else str(value)


def _filter_matches(item, field, value, condition):
    actual = _comparable(item.get(field))
    if condition == "in":
        wanted = value if isinstance(value, (list, tuple)) else str(value).split(",")
        return actual in set(_comparable(entry) for entry in wanted)
    return actual == _comparable(value)


def item_matches(item, groups):
    """OR within a group, AND across groups, as Magento's FilterProcessor does."""
    return all(any(_filter_matches(item, *entry) for entry in group) for group in groups)


class _RequestCounter:
    def __init__(self):
        self.sent = 0


def _never_reached_server(error):
    error = getattr(error, "original_error", error)  # unwrap urllib3's ProxyError
    return isinstance(error, (ConnectTimeoutError, Urllib3SSLError))


class CountingRetry(Retry):
    """urllib3 Retry that caps Retry-After waits and counts the attempts that reached the server.

    Attempts that are retried are counted here; the final attempt of each send is counted by
    CountingAdapter when it returns a response, or here when it ends in an error.
    """

    request_counter = None
    max_retry_after = MAX_RETRY_AFTER

    def new(self, **kw):
        retry = super(CountingRetry, self).new(**kw)
        retry.request_counter = self.request_counter
        retry.max_retry_after = self.max_retry_after
        return retry

    def get_retry_after(self, response):
        seconds = super(CountingRetry, self).get_retry_after(response)
        if seconds is None:
            return None
        return min(seconds, self.max_retry_after)

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        try:
            retry = super(CountingRetry, self).increment(
                method=method, url=url, response=response, error=error, _pool=_pool, _stacktrace=_stacktrace)
        except Exception:
            if response is None:
                self._count(error)
            raise
        self._count(error)
        return retry

    def _count(self, error):
        if self.request_counter is not None and not _never_reached_server(error):
            self.request_counter.sent += 1


class CountingAdapter(HTTPAdapter):
    def __init__(self, max_retries, request_counter):
        super(CountingAdapter, self).__init__(max_retries=max_retries)
        self.request_counter = request_counter

    def send(self, request, **kwargs):
        response = super(CountingAdapter, self).send(request, **kwargs)
        self.request_counter.sent += 1
        return response


def build_retry(retries, request_counter):
    settings = dict(
        total=retries, connect=retries, read=retries, status=retries,
        other=0,  # TLS and other errors will not heal by retrying
        allowed_methods=frozenset(RETRY_METHODS), status_forcelist=frozenset(RETRY_STATUSES),
        backoff_factor=BACKOFF_FACTOR, respect_retry_after_header=True, raise_on_status=False,
    )
    try:
        retry = CountingRetry(backoff_jitter=BACKOFF_JITTER, backoff_max=BACKOFF_MAX, **settings)
    except TypeError:  # urllib3 1.26 has neither jitter nor a per-instance backoff cap
        retry = CountingRetry(**settings)
    retry.request_counter = request_counter
    return retry


def _iter_causes(exc):
    seen, pending = set(), [exc]
    while pending:
        current = pending.pop(0)
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend([getattr(current, "reason", None), current.__cause__, current.__context__])
        pending.extend(getattr(current, "args", ()))


def describe_connection_failure(exc, timeout):
    """Name the kind of failure in a few words, without echoing URLs or headers."""
    causes = list(_iter_causes(exc))
    if isinstance(exc, requests.exceptions.SSLError):
        text = " ".join(str(cause) for cause in causes)
        if "CERTIFICATE_VERIFY_FAILED" in text:
            return "TLS certificate verification failed (see validate_certs and ca_path)"
        return "TLS handshake failed"
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return "connection timed out after %s s" % timeout
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return "no answer within %s s" % timeout
    kinds = (
        (socket.gaierror, "host name could not be resolved"),
        (ConnectionRefusedError, "connection refused"),
        (http.client.RemoteDisconnected, "connection closed without an answer"),  # a ConnectionResetError too
        (ConnectionResetError, "connection reset"),
        (socket.timeout, "connection timed out after %s s" % timeout),
    )
    for cause in causes:
        for kind, words in kinds:
            if isinstance(cause, kind):
                return words
    return "connection failed (%s)" % type(causes[-1] if causes else exc).__name__


class MagentoClient:
    def __init__(self, url, store_code="all", token=None, username=None, password=None,
                 validate_certs=True, ca_path=None, timeout=30, retries=3, session=None):
        if not HAS_REQUESTS:
            raise MagentoSettingsError("the Python library requests is required")
        self._check_settings(url, store_code, token, username, password, timeout, retries)
        self._host = urlsplit(url).netloc.rpartition("@")[2]
        self._api_root = "%s/rest/%s/V1/" % (url.rstrip("/"), quote_path_segment(store_code))
        self._token = token
        self._username = username
        self._password = password
        self.auth_method = "token" if token else "username+password"
        self._verify = ca_path if (validate_certs and ca_path) else bool(validate_certs)
        self._timeout = timeout
        self._retries = retries
        self._counter = _RequestCounter()
        self._session = session if session is not None else requests.Session()
        adapter = CountingAdapter(build_retry(retries, self._counter), self._counter)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    @staticmethod
    def _check_settings(url, store_code, token, username, password, timeout, retries):
        if not url:
            raise MagentoSettingsError("url is required: the shop's base URL, e.g. https://shop.example.com "
                                       "(or set MAGENTO_URL)")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise MagentoSettingsError("url must be an http:// or https:// base URL, e.g. https://shop.example.com")
        if not store_code:
            raise MagentoSettingsError("store_code must not be empty (use 'all' for the admin scope)")
        if token and (username or password):
            raise MagentoSettingsError("give exactly one way to authenticate: token, or username and password, "
                                       "not both")
        if not token and not (username and password):
            if username or password:
                raise MagentoSettingsError("username and password must be given together")
            raise MagentoSettingsError("no credentials: give token, or username and password "
                                       "(or set MAGENTO_TOKEN, or MAGENTO_USERNAME and MAGENTO_PASSWORD)")
        if timeout is None or timeout <= 0:
            raise MagentoSettingsError("timeout must be a positive number of seconds")
        if retries is None or retries < 0:
            raise MagentoSettingsError("retries must be 0 or more")

    def __repr__(self):
        return "MagentoClient(api_root=%r, auth_method=%r)" % (self._api_root, self.auth_method)

    @property
    def requests_sent(self):
        return self._counter.sent

    def get(self, path, params=None):
        return self._request("GET", path, params=params)

    def post(self, path, body):
        return self._request("POST", path, body=body)

    def put(self, path, body):
        return self._request("PUT", path, body=body)

    def delete(self, path):
        return self._request("DELETE", path)

    def search(self, path, filter_groups=None, page_size=300, sort_orders=None):
        """All items of a search endpoint, read page by page until total_count is reached."""
        if not isinstance(page_size, int) or page_size < 1:
            raise ValueError("page_size must be a positive integer")
        groups = normalise_filter_groups(filter_groups)
        sorts = normalise_sort_orders(sort_orders)
        local_groups = []
        # The longest page number that could be asked for, so every page fits the same limit.
        widest = criteria_params(groups, sorts, page_size, 10 ** 9)
        if has_unsendable_in_value(groups) or len(self._prepare("GET", path, params=widest).url) > MAX_URL_LENGTH:
            _check_locally_supported(groups)
            local_groups, groups = groups, []
        items = []
        page = 1
        while True:
            answer = self.get(path, params=criteria_params(groups, sorts, page_size, page))
            if not isinstance(answer, dict):
                raise self._api_error("GET %s answered with %s instead of search results"
                                      % (self._sent_path(path), type(answer).__name__), "GET", self._sent_path(path))
            items.extend(answer.get("items") or [])
            total = answer.get("total_count")
            # Magento repeats the last page past the end, so an empty page never comes.
            if not isinstance(total, int) or page * page_size >= total:
                break
            page += 1
        if local_groups:
            items = [item for item in items if item_matches(item, local_groups)]
        return items

    def _prepare(self, method, path, params=None, body=None, headers=None):
        request = requests.Request(method, self._api_root + path.lstrip("/"), params=params,
                                   json=body, headers=headers)
        return self._session.prepare_request(request)

    def _sent_path(self, path):
        return urlsplit(self._prepare("GET", path).url).path

    def _request(self, method, path, params=None, body=None, authenticated=True):
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if authenticated:
            headers["Authorization"] = "Bearer " + self._bearer_token()
        prepared = self._prepare(method, path, params=params, body=body, headers=headers)
        sent_path = urlsplit(prepared.url).path
        settings = self._session.merge_environment_settings(prepared.url, {}, None, self._verify, None)
        try:
            response = self._session.send(prepared, timeout=self._timeout, allow_redirects=False, **settings)
        except requests.exceptions.RequestException as exc:
            retried = " (retried %d times)" % self._retries if self._retries else ""
            raise self._api_error("%s %s failed: %s talking to %s%s" % (
                method, sent_path, describe_connection_failure(exc, self._timeout), self._host, retried),
                method, sent_path)
        if response.is_redirect:
            raise self._api_error(
                "%s %s answered %d, a redirect to %s; set url to the address Magento serves its REST API on"
                % (method, sent_path, response.status_code, response.headers.get("Location")),
                method, sent_path, response.status_code)
        if response.status_code >= 400:
            raise self._error_from_response(response, method, sent_path, authenticated)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise self._api_error("%s %s answered %d with a non-JSON body (%s); check that url is the shop's "
                                  "base URL" % (method, sent_path, response.status_code,
                                                response.headers.get("Content-Type") or "no content type"),
                                  method, sent_path, response.status_code)

    def _error_from_response(self, response, method, path, authenticated):
        status = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or "message" not in body:
            what = ("a non-JSON body (%s)" % (response.headers.get("Content-Type") or "no content type")
                    if body is None else "a body without a Magento error message")
            return self._api_error("%s %s answered %d %s with %s, so a proxy or web server answered, not "
                                   "Magento's REST API" % (method, path, status, response.reason or "", what),
                                   method, path, status)
        template, parameters = body.get("message"), body.get("parameters")
        errors = [render_magento_message(entry.get("message"), entry.get("parameters"))
                  for entry in body.get("errors") or [] if isinstance(entry, dict)]
        message = "%s %s answered %d: %s" % (method, path, status, render_magento_message(template, parameters))
        distinct_errors = [text for index, text in enumerate(errors) if text not in errors[:index]]
        if distinct_errors:
            message += ": " + "; ".join(distinct_errors)
        if status == 401 and authenticated:
            message += self._unauthorized_hint(parameters)
        return self._api_error(message, method, path, status, template, parameters, errors)

    def _unauthorized_hint(self, parameters):
        resources = parameters.get("resources") if isinstance(parameters, dict) else None
        acl = "the ACL resource %s" % resources if resources else "the ACL resource this endpoint needs"
        credential = "token" if self.auth_method == "token" else "admin token fetched with username/password"
        return (" (authenticated by %s). The usual causes: 1) the %s is wrong, expired or revoked; "
                "2) the admin user's role or the integration lacks %s; 3) an integration access token is used "
                "as a bearer token while '%s' is off"
                % (self.auth_method, credential, acl, BEARER_SETTING))

    def _bearer_token(self):
        if not self._token:
            self._token = self._fetch_admin_token()
        return self._token

    def _fetch_admin_token(self):
        try:
            answer = self._request("POST", ADMIN_TOKEN_PATH, authenticated=False,
                                   body={"username": self._username, "password": self._password})
        except MagentoApiError as error:
            raise self._admin_token_error(error)
        if not isinstance(answer, str) or not answer:
            path = self._sent_path(ADMIN_TOKEN_PATH)
            raise self._api_error("POST %s answered without a token" % path, "POST", path, 200)
        return answer

    def _admin_token_error(self, error):
        if error.status == 400 and _is_two_factor_refusal(error):
            return self._api_error(
                "%s %s answered 400: two-factor authentication (Magento_TwoFactorAuth) is on, so Magento does not "
                "hand out admin tokens for a username and password alone. Use token with an integration access "
                "token instead (Magento said: %s)"
                % (error.method, error.path, render_magento_message(error.template, error.parameters)),
                error.method, error.path, error.status, error.template, error.parameters, error.errors)
        if error.status == 401:
            return self._api_error(
                "%s. Magento rejected the username and password; it locks an admin account after repeated "
                "failed sign-ins, so check them before running again" % error.message,
                error.method, error.path, error.status, error.template, error.parameters, error.errors)
        return error

    def _api_error(self, message, method, path, status=None, template=None, parameters=None, errors=None):
        return MagentoApiError(self._redact(message), method=method, path=path, status=status,
                               template=self._redact(template), parameters=parameters,
                               errors=[self._redact(text) for text in errors or []])

    def _redact(self, text):
        if not isinstance(text, str):
            return text
        for secret in (self._token, self._password):
            if secret:
                text = text.replace(secret, REDACTED)
        return text


def _is_two_factor_refusal(error):
    if isinstance(error.parameters, dict) and "active_providers" in error.parameters:
        return True
    template = (error.template or "").lower()
    return "2fa" in template or "two-factor" in template
