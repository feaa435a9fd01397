# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client for Magento's REST API: session, auth, retries, pagination, error rendering.

No Ansible imports, so it can be tested and reused on its own.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import json
import os
import re
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote, quote_plus, urlencode, urlsplit

try:
    import requests
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

try:
    from oauthlib.oauth1 import SIGNATURE_HMAC_SHA256, Client as OAuth1Client
except ImportError:
    HAS_OAUTHLIB = False
    OAUTHLIB_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_OAUTHLIB = True
    OAUTHLIB_IMPORT_ERROR = None

from ansible_collections.commerceops.magento.plugins.module_utils.client_errors import (
    MagentoApiError,
    MagentoSettingsError,
    error_from_response,
    render_magento_message,
)
from ansible_collections.commerceops.magento.plugins.module_utils.retry_policy import (
    MAX_RETRY_AFTER,
    RETRY_STATUSES,
    describe_connection_failure,
    is_retryable_error,
    never_reached_server,
    new_retry_policy,
    next_attempt,
    should_retry_status,
)
from ansible_collections.commerceops.magento.plugins.module_utils.search_criteria import (
    check_locally_supported,
    criteria_params,
    has_unsendable_in_value,
    local_filter,
    normalise_filter_groups,
    normalise_sort_orders,
)

__all__ = ["HAS_OAUTHLIB", "HAS_REQUESTS", "MAX_RETRY_AFTER", "OAUTHLIB_IMPORT_ERROR", "REQUESTS_IMPORT_ERROR",
           "RETRY_STATUSES", "MagentoApiError", "MagentoClient", "MagentoSettingsError", "OAUTH_OPTIONS",
           "quote_path_segment", "render_magento_message"]

MAX_URL_LENGTH = 8192
ADMIN_TOKEN_PATH = "integration/admin/token"
USER_AGENT = "commerceops.magento"
REDACTED = "********"
OAUTH_OPTIONS = ("consumer_key", "consumer_secret", "access_token", "access_token_secret")
# Magento's input limits; the number may come rendered or as the %max parameter.
_ITEM_LIMIT = re.compile(r'^Maximum items of type "[^"]*" is (\d+)')
_PAGE_SIZE_LIMIT = re.compile(r"^Maximum SearchCriteria pageSize is (\d+)")


def quote_path_segment(value):
    """Percent-encode user data for one path segment; Magento urldecodes it, so '+' must be sent as %2B."""
    return quote(str(value), safe="")


def is_loopback_host(host):
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _limit_in(error, pattern):
    if error.status != 400:
        return None
    match = pattern.match(render_magento_message(error.template, error.parameters))
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def _single_list_key(body):
    """The key of the one list in a batch body such as {"links": [...]}, else None."""
    if not isinstance(body, dict):
        return None
    keys = [key for key, value in body.items() if isinstance(value, list)]
    return keys[0] if len(keys) == 1 else None


class MagentoClient:
    def __init__(self, url, store_code="all", token=None, username=None, password=None,
                 validate_certs=True, ca_path=None, timeout=30, retries=3, session=None,
                 consumer_key=None, consumer_secret=None, access_token=None, access_token_secret=None,
                 client_cert=None, client_key=None, warn=None, parallel_reads=1):
        if not HAS_REQUESTS:
            raise MagentoSettingsError("the Python library requests is required")
        oauth = dict(consumer_key=consumer_key, consumer_secret=consumer_secret, access_token=access_token,
                     access_token_secret=access_token_secret)
        self.auth_method = _check_settings(url, store_code, token, username, password, oauth, timeout, retries,
                                           parallel_reads)
        _check_tls_files(ca_path if validate_certs else None, client_cert, client_key)
        parts = urlsplit(url)
        self._host = parts.netloc.rpartition("@")[2]
        self._api_root = "%s/rest/%s/V1/" % (url.rstrip("/"), quote_path_segment(store_code))
        self._token = token
        self._username = username
        self._password = password
        self._oauth = None
        if self.auth_method == "oauth":
            self._oauth = OAuth1Client(consumer_key, client_secret=consumer_secret, resource_owner_key=access_token,
                                       resource_owner_secret=access_token_secret,
                                       signature_method=SIGNATURE_HMAC_SHA256)
        self._secrets = [value for value in [token, password] + list(oauth.values()) if value]
        self._verify = ca_path if (validate_certs and ca_path) else bool(validate_certs)
        self._cert = (client_cert, client_key) if client_cert and client_key else client_cert
        self._timeout = timeout
        self._retries = retries
        self._parallel_reads = parallel_reads
        self._session = session if session is not None else _new_session(parallel_reads)
        # Pages of one search may be read by several threads; the counters must not lose a request.
        self._count_lock = threading.Lock()
        self._warn_callback = warn
        self.warnings = []
        self.requests_sent = 0
        self.requests_retried = 0
        self._item_limit = None
        self._page_size_limit = None
        if parts.scheme == "http" and not is_loopback_host(parts.hostname or ""):
            self._warn("credentials (%s) are sent to %s over plain http://, readable by anyone on the way; "
                       "use an https:// url" % (self.auth_method, self._host))

    def __repr__(self):
        return "MagentoClient(api_root=%r, auth_method=%r)" % (self._api_root, self.auth_method)

    def _warn(self, message):
        if message in self.warnings:
            return
        self.warnings.append(message)
        if self._warn_callback is not None:
            self._warn_callback(message)

    def get(self, path, params=None):
        return self._request("GET", path, params=params)

    def post(self, path, body):
        """POST; a batch body ({"links": [...]}) that Magento's input limit refuses is re-split and sent again."""
        key = _single_list_key(body)
        if key is None:
            return self._request("POST", path, body=body)
        rest = dict((name, value) for name, value in body.items() if name != key)
        answers = self.post_batches(path, key, body[key], len(body[key]) or 1, extra=rest)
        return answers[-1] if answers else self._request("POST", path, body=body)

    def put(self, path, body):
        return self._request("PUT", path, body=body)

    def delete(self, path):
        return self._request("DELETE", path)

    def post_batches(self, path, key, items, batch_size, progress=None, extra=None):
        """POST items as {key: [...]} batches of batch_size; returns the answers.

        When Magento answers 'Maximum items of type ... is N', the refused batch wrote nothing, so the
        rest is re-split to N and sent on. progress(n) is called with the item count of each accepted
        batch; on failure the MagentoApiError's requests_accepted says how many batches got through.
        """
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError("batch_size must be a positive integer")
        items = list(items)
        answers, start = [], 0
        while start < len(items):
            size = min(batch_size, self._item_limit or batch_size)
            batch = items[start:start + size]
            body = dict(extra or {})
            body[key] = batch
            try:
                answers.append(self._request("POST", path, body=body))
            except MagentoApiError as error:
                limit = _limit_in(error, _ITEM_LIMIT)
                if limit is None or limit >= len(batch):
                    error.requests_accepted = len(answers)
                    raise
                self._learn_item_limit(limit)
                continue
            start += len(batch)
            if progress is not None:
                progress(len(batch))
        return answers

    def _learn_item_limit(self, limit):
        self._item_limit = limit
        self._warn("Magento's input limits allow %d items per request, so batches were re-split to %d; set "
                   "batch_size to %d or less to avoid the refused requests" % (limit, limit, limit))

    def search(self, path, filter_groups=None, page_size=300, sort_orders=None):
        """All items of a search endpoint, read page by page until total_count is reached."""
        if not isinstance(page_size, int) or page_size < 1:
            raise ValueError("page_size must be a positive integer")
        while True:
            size = min(page_size, self._page_size_limit or page_size)
            try:
                return self._search_pages(path, filter_groups, size, sort_orders)
            except MagentoApiError as error:
                limit = _limit_in(error, _PAGE_SIZE_LIMIT)
                if limit is None or limit >= size:
                    raise
                self._page_size_limit = limit
                self._warn("Magento's input limits allow a page size of %d, so the search was read again with "
                           "it; set page_size to %d or less" % (limit, limit))

    def _search_pages(self, path, filter_groups, page_size, sort_orders):
        groups = normalise_filter_groups(filter_groups)
        sorts = normalise_sort_orders(sort_orders)
        local_groups = []
        # The longest page number that could be asked for, so every page fits the same limit.
        widest = criteria_params(groups, sorts, page_size, 10 ** 9)
        if has_unsendable_in_value(groups) or len(self._prepare("GET", path, params=widest).url) > MAX_URL_LENGTH:
            check_locally_supported(groups)
            local_groups, groups = groups, []

        def read_page(number):
            return self._read_page(path, criteria_params(groups, sorts, page_size, number))

        items = []
        for answer in self._read_every_page(read_page, page_size):
            items.extend(answer.get("items") or [])
        if local_groups:
            items = list(filter(local_filter(local_groups), items))
        return items

    def _read_page(self, path, params):
        answer = self.get(path, params=params)
        if not isinstance(answer, dict):
            raise self._api_error("GET %s answered with %s instead of search results"
                                  % (self._sent_path(path), type(answer).__name__), "GET", self._sent_path(path))
        return answer

    def _read_every_page(self, read_page, page_size):
        """Every page of a search; pages after the first are read parallel_reads at a time.

        Magento repeats the last page past the end instead of answering an empty one, so the pages are
        counted from total_count. If total_count moves while the pages are read (records came or went),
        the pages read at once may overlap or miss records: the search is read again one page after the
        other, each page deciding whether another follows, as a client without threads would.
        """
        first = read_page(1)
        last = _last_page_number(first, page_size)
        if last > 1 and self._parallel_reads > 1:
            rest = self._read_pages_at_once(read_page, range(2, last + 1))
            if all(answer.get("total_count") == first.get("total_count") for answer in rest):
                return [first] + rest
            first = read_page(1)
        pages = [first]
        while len(pages) < _last_page_number(pages[-1], page_size):
            pages.append(read_page(len(pages) + 1))
        return pages

    def _read_pages_at_once(self, read_page, numbers):
        with ThreadPoolExecutor(max_workers=min(self._parallel_reads, len(numbers))) as pool:
            futures = [pool.submit(read_page, number) for number in numbers]
            try:
                return [future.result() for future in futures]
            except BaseException:
                # Pages not started yet are not sent; the with-block waits for those in flight.
                for future in futures:
                    future.cancel()
                raise

    def _prepare(self, method, path, params=None, body=None, headers=None):
        url = self._api_root + path.lstrip("/")
        if params:
            # %20, never '+': Magento decodes the query with rawurldecode when it checks an OAuth signature.
            url += "?" + urlencode(params, quote_via=quote, safe="")
        request = requests.Request(method, url, json=body, headers=headers)
        return self._session.prepare_request(request)

    def _sent_path(self, path):
        return urlsplit(self._prepare("GET", path).url).path

    def _prepare_signed(self, method, path, params, body, authenticated):
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if authenticated and self._oauth is None:
            headers["Authorization"] = "Bearer " + self._bearer_token()
        prepared = self._prepare(method, path, params=params, body=body, headers=headers)
        if authenticated and self._oauth is not None:
            # A JSON body is not part of an OAuth 1.0a signature; method, URL and query are.
            dummy, signed, dummy = self._oauth.sign(prepared.url, http_method=method)
            prepared.headers["Authorization"] = signed["Authorization"]
        return prepared

    def _send(self, method, path, params, body, authenticated):
        """The response of the last attempt; every attempt is freshly signed, the Retry policy paces them."""
        retry = new_retry_policy(self._retries)
        while True:
            prepared = self._prepare_signed(method, path, params, body, authenticated)
            sent_path = urlsplit(prepared.url).path
            settings = self._session.merge_environment_settings(prepared.url, {}, None, self._verify, self._cert)
            try:
                response = self._session.send(prepared, timeout=self._timeout, allow_redirects=False, **settings)
            except requests.exceptions.RequestException as exc:
                if not never_reached_server(exc):
                    self._count(sent=1)
                retried = len(retry.history)
                retry = next_attempt(retry, method, prepared.url, error=exc) if is_retryable_error(exc) else None
                if retry is not None:
                    self._count(retried=1)
                    retry.sleep()
                    continue
                raise self._api_error("%s %s failed: %s talking to %s%s" % (
                    method, sent_path, describe_connection_failure(exc, self._timeout), self._host,
                    " (retried %d times)" % retried if retried else ""), method, sent_path)
            self._count(sent=1)
            if should_retry_status(retry, method, response):
                following = next_attempt(retry, method, prepared.url, response=response.raw)
                if following is not None:
                    retry = following
                    self._count(retried=1)
                    response.close()
                    retry.sleep(response.raw)
                    continue
            return response, sent_path

    def _count(self, sent=0, retried=0):
        with self._count_lock:
            self.requests_sent += sent
            self.requests_retried += retried

    def _request(self, method, path, params=None, body=None, authenticated=True):
        response, sent_path = self._send(method, path, params, body, authenticated)
        if response.is_redirect:
            raise self._api_error(
                "%s %s answered %d, a redirect to %s; set url to the address Magento serves its REST API on"
                % (method, sent_path, response.status_code, response.headers.get("Location")),
                method, sent_path, response.status_code)
        if response.status_code >= 400:
            error = error_from_response(response, method, sent_path, self.auth_method if authenticated else None)
            raise self._api_error(error.message, method, sent_path, error.status, error.template,
                                  error.parameters, error.errors)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise self._api_error("%s %s answered %d with a non-JSON body (%s); check that url is the shop's "
                                  "base URL" % (method, sent_path, response.status_code,
                                                response.headers.get("Content-Type") or "no content type"),
                                  method, sent_path, response.status_code)

    def _bearer_token(self):
        if not self._token:
            self._token = self._fetch_admin_token()
            self._secrets.append(self._token)
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
                "hand out admin tokens for a username and password alone, and trying again will not help. Use an "
                "integration's OAuth credentials (consumer_key, consumer_secret, access_token, "
                "access_token_secret), or a token obtained through the 2FA endpoint "
                "(POST /rest/V1/tfa/provider/google/authenticate with an OTP) in token (Magento said: %s)"
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
                               template=self._redact(template), parameters=self._redact(parameters),
                               errors=[self._redact(text) for text in errors or []])

    def _redact(self, value):
        if isinstance(value, dict):
            return dict((key, self._redact(item)) for key, item in value.items())
        if isinstance(value, list):
            return [self._redact(item) for item in value]
        if not isinstance(value, str):
            return value
        # Longest first, so a secret that contains another is hidden whole.
        forms = set(form for secret in self._secrets for form in secret_forms(secret))
        for form in sorted(forms, key=len, reverse=True):
            value = value.replace(form, REDACTED)
        return value


def secret_forms(secret):
    """The secret as written, and as an echoed request shows it: JSON-escaped (by Python or PHP) or URL-encoded.

    An echoed body holds the password as JSON escapes it; an echoed OAuth header holds the consumer key
    and access token percent-encoded.
    """
    escaped = [json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]]
    forms = set([secret, quote(secret, safe=""), quote_plus(secret, safe="")] + escaped)
    forms.update(form.replace("/", "\\/") for form in escaped)
    return forms


def _last_page_number(answer, page_size):
    """How many pages the search has, by the total_count of one of its pages (1 when it gives none)."""
    total = answer.get("total_count")
    if not isinstance(total, int) or total <= page_size:
        return 1
    return -(-total // page_size)


def _new_session(parallel_reads):
    session = requests.Session()
    # requests keeps 10 connections per host; more parallel reads would open and drop extra ones.
    if parallel_reads > requests.adapters.DEFAULT_POOLSIZE:
        adapter = requests.adapters.HTTPAdapter(pool_maxsize=parallel_reads)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
    return session


def _check_settings(url, store_code, token, username, password, oauth, timeout, retries, parallel_reads):
    """The auth method ('token', 'username+password' or 'oauth'), or MagentoSettingsError."""
    if not url:
        raise MagentoSettingsError("url is required: the shop's base URL, e.g. https://shop.example.com "
                                   "(or set MAGENTO_URL)")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise MagentoSettingsError("url must be an http:// or https:// base URL, e.g. https://shop.example.com")
    if not store_code:
        raise MagentoSettingsError("store_code must not be empty (use 'all' for the admin scope)")
    given_oauth = [name for name in OAUTH_OPTIONS if oauth.get(name)]
    methods = [name for name, given in (("token", token), ("username and password", username or password),
                                        ("OAuth credentials", given_oauth)) if given]
    if len(methods) > 1:
        raise MagentoSettingsError("give exactly one way to authenticate: token, or username and password, or the "
                                   "four OAuth values; got %s" % " and ".join(methods))
    if (username or password) and not (username and password):
        raise MagentoSettingsError("username and password must be given together")
    if given_oauth and len(given_oauth) < len(OAUTH_OPTIONS):
        raise MagentoSettingsError("OAuth needs all four of %s together; missing %s" % (
            ", ".join(OAUTH_OPTIONS), ", ".join(name for name in OAUTH_OPTIONS if name not in given_oauth)))
    if not methods:
        raise MagentoSettingsError("no credentials: give token, or username and password, or an integration's "
                                   "consumer_key, consumer_secret, access_token and access_token_secret (or set "
                                   "MAGENTO_TOKEN, MAGENTO_USERNAME and MAGENTO_PASSWORD, or MAGENTO_CONSUMER_KEY, "
                                   "MAGENTO_CONSUMER_SECRET, MAGENTO_ACCESS_TOKEN and MAGENTO_ACCESS_TOKEN_SECRET)")
    if given_oauth and not HAS_OAUTHLIB:
        raise MagentoSettingsError("the Python library oauthlib is required for OAuth credentials")
    if timeout is None or timeout <= 0:
        raise MagentoSettingsError("timeout must be a positive number of seconds")
    if retries is None or retries < 0:
        raise MagentoSettingsError("retries must be 0 or more")
    if not isinstance(parallel_reads, int) or parallel_reads < 1:
        raise MagentoSettingsError("parallel_reads must be at least 1, got %r" % (parallel_reads,))
    return "token" if token else ("oauth" if given_oauth else "username+password")


def _check_tls_files(ca_path, client_cert, client_key):
    if client_key and not client_cert:
        raise MagentoSettingsError("client_key needs client_cert")
    for name, path in (("ca_path", ca_path), ("client_cert", client_cert), ("client_key", client_key)):
        if path and not os.path.exists(path):
            raise MagentoSettingsError("%s %s does not exist on the host that runs the module" % (name, path))


def _is_two_factor_refusal(error):
    if isinstance(error.parameters, dict) and "active_providers" in error.parameters:
        return True
    template = (error.template or "").lower()
    return "2fa" in template or "two-factor" in template
