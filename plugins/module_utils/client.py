# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client for Magento's REST API: requests, retries, pagination and errors.

Settings are checked by client_settings, credentials applied by the client_auth object picked for
them. No Ansible imports, so it can be tested and reused on its own.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools
import ipaddress
import json
import re
import threading
import time
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

from ansible_collections.commerceops.magento.plugins.module_utils.client_auth import (
    HAS_OAUTHLIB,
    OAUTHLIB_IMPORT_ERROR,
    authenticator,
)
from ansible_collections.commerceops.magento.plugins.module_utils.client_settings import OAUTH_OPTIONS, check_settings
from ansible_collections.commerceops.magento.plugins.module_utils.errors import (
    MagentoApiError,
    MagentoSettingsError,
    error_from_response,
)
from ansible_collections.commerceops.magento.plugins.module_utils.retry_policy import (
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
    local_filter,
    normalise_filter_groups,
    normalise_sort_orders,
)

__all__ = ["HAS_OAUTHLIB", "HAS_REQUESTS", "OAUTHLIB_IMPORT_ERROR", "REQUESTS_IMPORT_ERROR", "MagentoApiError",
           "MagentoClient", "MagentoSettingsError", "OAUTH_OPTIONS", "quote_path_segment"]

MAX_URL_LENGTH = 8192
USER_AGENT = "commerceops.magento"
REDACTED = "********"
WRITE_METHODS = ("POST", "PUT", "DELETE")
# The roots a request path is sent under: Magento's REST API, and its asynchronous bulk API (Magento_WebapiAsync),
# which queues a list of request bodies for the consumer instead of carrying them out.
REST = "rest"
ASYNC_BULK = "async_bulk"
DEFAULTS = dict(store_code="all", validate_certs=True, timeout=30, retries=3, parallel_reads=1, page_size=300,
                batch_size=500)
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
    match = pattern.match(error.rendered)
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def refused_item_limit(error):
    """N when Magento refused a request with 'Maximum items of type ... is N' (its input limits), else None."""
    return _limit_in(error, _ITEM_LIMIT)


class MagentoClient:
    """One shop's REST API. Settings are the connection options by name (see client_settings)."""

    def __init__(self, session=None, warn=None, origins=None, **settings):
        if not HAS_REQUESTS:
            raise MagentoSettingsError("the Python library requests is required")
        settings = dict((name, value) for name, value in settings.items() if value is not None)
        for name, value in DEFAULTS.items():
            settings.setdefault(name, value)
        self.auth_method = check_settings(settings, origins)
        self._auth = authenticator(self.auth_method, settings)
        parts = urlsplit(settings["url"])
        self._host = parts.netloc.rpartition("@")[2]
        rest_root = "%s/rest/%s/" % (settings["url"].rstrip("/"), quote_path_segment(settings["store_code"]))
        self._api_root = rest_root + "V1/"
        self._roots = {REST: self._api_root, ASYNC_BULK: rest_root + "async/bulk/V1/"}
        validate_certs, ca_path = settings["validate_certs"], settings.get("ca_path")
        self._verify = ca_path if (validate_certs and ca_path) else bool(validate_certs)
        client_cert, client_key = settings.get("client_cert"), settings.get("client_key")
        self._cert = (client_cert, client_key) if client_cert and client_key else client_cert
        self._timeout = settings["timeout"]
        self._retries = settings["retries"]
        self.parallel_reads = settings["parallel_reads"]
        self.page_size = settings["page_size"]
        self.batch_size = settings["batch_size"]
        self._session = session if session is not None else _new_session(self.parallel_reads)
        # Pages of one search may be read by several threads; the counters must not lose a request.
        self._count_lock = threading.Lock()
        # Searches run at once (by a caller's threads) share parallel_reads: no more pages in flight than that.
        self._read_slots = threading.BoundedSemaphore(self.parallel_reads)
        self._warn_callback = warn
        self.warnings = []
        self.requests_sent = 0
        self.requests_retried = 0
        self.writes_accepted = 0
        self._item_limit = None
        self._timed_size = None
        self._page_size_limit = None
        if parts.scheme == "http" and not is_loopback_host(parts.hostname or ""):
            self._warn("credentials (%s) are sent to %s over plain http://, readable by anyone on the way; "
                       "use an https:// url" % (self.auth_method, self._host))

    def __repr__(self):
        return "MagentoClient(api_root=%r, auth_method=%r)" % (self._api_root, self.auth_method)

    def warn(self, message):
        """Give a warning once (the module shows it): what the client changed and which setting avoids it."""
        self._warn(message)

    def redact(self, value):
        """value (text, or lists and dicts of it) with every form of the credentials hidden."""
        return self._redact(value)

    def _warn(self, message):
        if message in self.warnings:
            return
        self.warnings.append(message)
        if self._warn_callback is not None:
            self._warn_callback(message)

    def get(self, path, params=None):
        return self.request("GET", path, params=params)

    def post(self, path, body):
        return self.request("POST", path, body=body)

    def put(self, path, body):
        return self.request("PUT", path, body=body)

    def delete(self, path):
        return self.request("DELETE", path)

    def note_write_carried_out(self):
        """Count a write whose answer was lost but whose effect was found in Magento afterwards."""
        with self._count_lock:
            self.writes_accepted += 1

    def post_batches(self, path, key, items, batch_size=None):
        """POST items as {key: [...]} batches of batch_size (default: the client's); returns the answers.

        Magento's saves take time per item (a source-item save reindexes what it saved), so the
        batches adapt: when Magento answers 'Maximum items of type ... is N', the refused batch wrote
        nothing and the rest is re-split to N; when a batch takes more than a third of the timeout,
        later ones are cut to take about a quarter; when a batch gets no answer within the timeout,
        Magento may still have saved it, and it is sent again in halves, which is safe because these
        saves are upserts and the deletes are by key.
        """
        batch_size = batch_size or self.batch_size
        items = list(items)
        answers, start = [], 0
        while start < len(items):
            size = min(batch_size, self._item_limit or batch_size, self._timed_size or batch_size)
            batch = items[start:start + size]
            started = time.monotonic()
            try:
                answers.append(self.request("POST", path, body={key: batch}, retry_read_timeouts=False))
            except MagentoApiError as error:
                if not (self._learned_item_limit(error, len(batch)) or self._halved_after_timeout(error, len(batch))):
                    raise
                continue
            self._pace(len(batch), time.monotonic() - started)
            start += len(batch)
        return answers

    def _learned_item_limit(self, error, sent):
        limit = refused_item_limit(error)
        if limit is None or limit >= sent:
            return False
        self._item_limit = limit
        self._warn("Magento's input limits allow %d items per request, so batches were re-split to %d; set "
                   "batch_size to %d or less to avoid the refused requests" % (limit, limit, limit))
        return True

    def _halved_after_timeout(self, error, sent):
        if not error.timed_out or sent < 2:
            return False
        self._timed_size = sent // 2
        self._warn("a write of %d items got no answer within %s s; Magento may have carried it out, and it was "
                   "sent again in batches of %d, which is safe because the save is an upsert and the delete is by "
                   "key; set batch_size to %d or less, or raise timeout" % (sent, self._timeout, sent // 2, sent // 2))
        return True

    def _pace(self, sent, seconds):
        """Smaller batches after one that took more than a third of the timeout."""
        if seconds <= self._timeout / 3.0 or sent < 2:
            return
        self._timed_size = max(1, int(sent * (self._timeout / 4.0) / seconds))
        self._warn("a write of %d items took %.1f s of the %s s timeout, so later batches carry %d items; set "
                   "batch_size to %d or less to keep each request well inside the timeout"
                   % (sent, seconds, self._timeout, self._timed_size, self._timed_size))

    def post_groups(self, key, *groups):
        """POST each (path, items) group as {key: batch} batches, one group after the other; empty ones are skipped."""
        for path, items in groups:
            if items:
                self.post_batches(path, key, items)

    def enqueue_bulk(self, path, bodies):
        """Queue request bodies for path through Magento's asynchronous bulk API; returns Magento's receipt.

        One POST to /rest/<store>/async/bulk/V1/<path> whose body is the list of request bodies. Magento
        answers 202 once it has stored each body as an operation of one new bulk: {"bulk_uuid", "request_items":
        one entry per body, "errors"}. Nothing is carried out yet (the consumer does that), so the POST is not
        counted in writes_accepted. It is not sent again after a read timeout: Magento may have queued it,
        and a second copy would be a second bulk the caller does not know of.
        """
        answer = self.request("POST", path, body=list(bodies), retry_read_timeouts=False, api=ASYNC_BULK)
        if not (isinstance(answer, dict) and answer.get("bulk_uuid") and isinstance(answer.get("request_items"), list)):
            sent = self.sent_path(path, api=ASYNC_BULK)
            raise self.new_error("POST %s answered without a bulk_uuid and request_items, so it was not Magento's "
                                 "asynchronous bulk API (module Magento_WebapiAsync)" % sent, "POST", sent)
        return answer

    def bulk_status(self, bulk_uuid):
        """GET /V1/bulk/<uuid>/status: the bulk's operation_count and operations_list (id, status, result_message)."""
        path = "bulk/%s/status" % quote_path_segment(bulk_uuid)
        answer = self.get(path)
        if not (isinstance(answer, dict) and isinstance(answer.get("operations_list", []), list)):
            raise self.new_error("GET %s answered without an operations_list" % self.sent_path(path), "GET",
                                 self.sent_path(path))
        return answer

    def search(self, path, filter_groups=None, page_size=None, sort_orders=None):
        """All items of a search endpoint, read page by page until total_count is reached."""
        def read(size):
            read_page, keep = self._page_reader(path, filter_groups, size, sort_orders)
            return keep(self._read_every_page(read_page, size))
        return self._within_page_size_limit(page_size or self.page_size, read)

    def start_search(self, path, filter_groups=None):
        """The first page of a search (one request): a StartedSearch with its total now, the rest on demand.

        Where a caller needs a total to choose between reads, this first page costs what a page_size=1
        count costs, and is not wasted when the whole search is read after all.
        """
        def start(size):
            read_page, keep = self._page_reader(path, filter_groups, size, None)
            first = read_page(1)
            total = first.get("total_count")
            if not isinstance(total, int) or isinstance(total, bool):
                raise self.new_error("GET %s answered without a total_count" % self.sent_path(path), "GET",
                                     self.sent_path(path))
            return StartedSearch(total, lambda: keep(self._read_every_page(read_page, size, first=first)))
        return self._within_page_size_limit(self.page_size, start)

    def _within_page_size_limit(self, page_size, read):
        """read(page_size), read again at Magento's limit when it answers 'Maximum SearchCriteria pageSize is N'."""
        while True:
            size = min(page_size, self._page_size_limit or page_size)
            try:
                return read(size)
            except MagentoApiError as error:
                limit = _limit_in(error, _PAGE_SIZE_LIMIT)
                if limit is None or limit >= size:
                    raise
                self._page_size_limit = limit
                self._warn("Magento's input limits allow a page size of %d, so the search was read again with "
                           "it; set page_size to %d or less" % (limit, limit))

    def _page_reader(self, path, filter_groups, page_size, sort_orders):
        """read_page(number) for a search, and keep(pages), its items filtered where the server could not."""
        groups = normalise_filter_groups(filter_groups)
        sorts = normalise_sort_orders(sort_orders)
        local_groups = []
        # The longest page number that could be asked for, so every page fits the same limit.
        widest = criteria_params(groups, sorts, page_size, 10 ** 9)
        if len(self._prepare("GET", path, params=widest).url) > MAX_URL_LENGTH:
            check_locally_supported(groups)
            local_groups, groups = groups, []

        def read_page(number):
            return self._read_page(path, criteria_params(groups, sorts, page_size, number))

        def keep(pages):
            items = [item for answer in pages for item in answer.get("items") or []]
            return list(filter(local_filter(local_groups), items)) if local_groups else items

        return read_page, keep

    def _read_page(self, path, params):
        with self._read_slots:
            answer = self.get(path, params=params)
        if not isinstance(answer, dict):
            raise self.new_error("GET %s answered with %s instead of search results"
                                 % (self.sent_path(path), type(answer).__name__), "GET", self.sent_path(path))
        return answer

    def _read_every_page(self, read_page, page_size, first=None):
        """Every page of a search; pages after the first are read parallel_reads at a time.

        Magento repeats the last page past the end instead of answering an empty one, so the pages are
        counted from total_count. If total_count moves while the pages are read (records came or went),
        the pages read at once may overlap or miss records: the search is read again one page after the
        other, each page deciding whether another follows, as a client without threads would.
        """
        first = read_page(1) if first is None else first
        last = _last_page_number(first, page_size)
        if last > 1 and self.parallel_reads > 1:
            rest = self.read_at_once([functools.partial(read_page, number) for number in range(2, last + 1)])
            if all(answer.get("total_count") == first.get("total_count") for answer in rest):
                return [first] + rest
            first = read_page(1)
        pages = [first]
        while len(pages) < _last_page_number(pages[-1], page_size):
            pages.append(read_page(len(pages) + 1))
        return pages

    def read_at_once(self, calls):
        """The results of read calls (no-argument functions), run parallel_reads at a time, in order.

        The pages in flight stay within parallel_reads across all of them, searches' own pages included.
        """
        if len(calls) < 2 or self.parallel_reads < 2:
            return [call() for call in calls]
        with ThreadPoolExecutor(max_workers=min(self.parallel_reads, len(calls))) as pool:
            futures = [pool.submit(call) for call in calls]
            try:
                return [future.result() for future in futures]
            except BaseException:
                # Calls not started yet are not made; the with-block waits for those in flight.
                for future in futures:
                    future.cancel()
                raise

    def _prepare(self, method, path, params=None, body=None, api=REST):
        url = self._roots[api] + path.lstrip("/")
        if params:
            # %20, never '+': Magento decodes the query with rawurldecode when it checks an OAuth signature.
            url += "?" + urlencode(params, quote_via=quote, safe="")
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        request = requests.Request(method, url, json=body, headers=headers)
        return self._session.prepare_request(request)

    def sent_path(self, path, api=REST):
        return urlsplit(self._prepare("GET", path, api=api).url).path

    def _send(self, method, path, params, body, auth, retry_read_timeouts=True, api=REST):
        """The response of the last attempt; every attempt is freshly signed, the Retry policy paces them.

        Without retry_read_timeouts, a request that got no answer in time is not sent again as it was
        (the caller makes it smaller): the error says timed_out.
        """
        retry = new_retry_policy(self._retries)
        while True:
            prepared = self._prepare(method, path, params=params, body=body, api=api)
            if auth is not None:
                auth.authorize(prepared, self)
            sent_path = urlsplit(prepared.url).path
            settings = self._session.merge_environment_settings(prepared.url, {}, None, self._verify, self._cert)
            try:
                response = self._session.send(prepared, timeout=self._timeout, allow_redirects=False, **settings)
            except requests.exceptions.RequestException as exc:
                if not never_reached_server(exc):
                    self._count(sent=1)
                retried = len(retry.history)
                timed_out = isinstance(exc, requests.exceptions.ReadTimeout)
                retryable = is_retryable_error(exc) and (retry_read_timeouts or not timed_out)
                retry = next_attempt(retry, method, prepared.url, error=exc) if retryable else None
                if retry is not None:
                    self._count(retried=1)
                    retry.sleep()
                    continue
                error = self.new_error("%s %s failed: %s talking to %s%s" % (
                    method, sent_path, describe_connection_failure(exc, self._timeout), self._host,
                    " (retried %d times)" % retried if retried else ""), method, sent_path)
                error.timed_out = timed_out
                raise error
            self._count(sent=1)
            if should_retry_status(retry, method, response):
                following = next_attempt(retry, method, prepared.url, response=response.raw)
                if following is not None:
                    retry = following
                    self._count(retried=1)
                    response.close()
                    retry.sleep(response.raw)
                    continue
            return response, sent_path, len(retry.history)

    def _count(self, sent=0, retried=0, written=0):
        with self._count_lock:
            self.requests_sent += sent
            self.requests_retried += retried
            self.writes_accepted += written

    def request(self, method, path, params=None, body=None, auth="client", retry_read_timeouts=True, api=REST):
        """Magento's decoded answer; auth=None sends no credentials (the sign-in call).

        api=ASYNC_BULK sends path under Magento's asynchronous bulk root; such a write only queues work,
        so it is not counted in writes_accepted.
        """
        auth = self._auth if auth == "client" else auth
        response, sent_path, retried = self._send(method, path, params, body, auth, retry_read_timeouts, api)
        if response.is_redirect:
            raise self.new_error(
                "%s %s answered %d, a redirect to %s; set url to the address Magento serves its REST API on"
                % (method, sent_path, response.status_code, response.headers.get("Location")),
                method, sent_path, response.status_code)
        if response.status_code >= 400:
            error = error_from_response(response, method, sent_path, auth)
            # The retries a 429/502/503/504 got are part of the story, as for connection failures.
            raise self.error_like(error, "%s (retried %d times)" % (error.message, retried) if retried else None)
        if method in WRITE_METHODS and auth is not None and api == REST:
            self._count(written=1)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise self.new_error("%s %s answered %d with a non-JSON body (%s); check that url is the shop's "
                                 "base URL" % (method, sent_path, response.status_code,
                                               response.headers.get("Content-Type") or "no content type"),
                                 method, sent_path, response.status_code)

    def error_like(self, error, message=None):
        """A copy of error with the secrets hidden, and message instead of its own when given."""
        return self.new_error(error.message if message is None else message, error.method, error.path, error.status,
                              error.template, error.parameters, error.errors)

    def new_error(self, message, method, path, status=None, template=None, parameters=None, errors=None):
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
        forms = set(form for secret in self._auth.secrets for form in secret_forms(secret))
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


class StartedSearch(object):
    """A search whose first page is read (MagentoClient.start_search): total now, items() reads the rest."""

    def __init__(self, total, read_items):
        self.total = total
        self._read_items = read_items

    def items(self):
        """Every item of the search; the pages after the first are read now, parallel_reads at a time."""
        return self._read_items()


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
