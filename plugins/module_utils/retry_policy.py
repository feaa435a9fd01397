# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client's retry policy: urllib3's Retry decides when to retry and how long to wait.

The loop that resends stays in the client rather than in urllib3's connection pool, because an OAuth
1.0a request must be signed again (new nonce and timestamp) for every attempt and Magento refuses a
nonce it has seen; urllib3 would resend the same signed request. The client builds a fresh Retry per
request with new_retry_policy, calls next_attempt after each failed attempt and sleeps with
Retry.sleep. This module also says which connection failures are worth retrying and names them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import http.client
import socket

try:
    import requests
    from urllib3.exceptions import ConnectTimeoutError, InvalidHeader, MaxRetryError, SSLError as Urllib3SSLError
    from urllib3.util.retry import Retry
except ImportError:
    requests = None
    ConnectTimeoutError = InvalidHeader = MaxRetryError = Urllib3SSLError = None
    Retry = object

RETRY_STATUSES = (429, 502, 503, 504)
# No wait after the first failure, then 0.5 * 2 ** (n - 1) s plus up to 0.5 s of jitter, at most 30 s.
BACKOFF_FACTOR = 0.5
BACKOFF_JITTER = 0.5
BACKOFF_MAX = 30
MAX_RETRY_AFTER = 30


class MagentoRetry(Retry):
    """urllib3's Retry with Retry-After capped and only RETRY_STATUSES retried, Retry-After or not."""

    # Otherwise a 413 with Retry-After would be retried, and an unchanged oversized request never passes.
    RETRY_AFTER_STATUS_CODES = frozenset(RETRY_STATUSES)
    # urllib3 1.26 reads the backoff cap from here; 2.x takes backoff_max instead.
    DEFAULT_BACKOFF_MAX = BACKOFF_MAX

    def get_retry_after(self, response):
        """Seconds a Retry-After header asks for, at most MAX_RETRY_AFTER; None (back off) when unreadable."""
        try:
            seconds = super(MagentoRetry, self).get_retry_after(response)
        except InvalidHeader:
            return None
        return None if seconds is None else min(seconds, MAX_RETRY_AFTER)


def new_retry_policy(retries):
    """A Retry allowing `retries` retries of any method.

    A refused write wrote nothing; an unanswered one may have been carried out, and sending it again
    is still safe: the modules' writes are upserts and deletes by key, and the one create that is not
    (a stock without an id) is reconciled by stock_sync.
    """
    settings = dict(total=retries, backoff_factor=BACKOFF_FACTOR, status_forcelist=RETRY_STATUSES,
                    allowed_methods=None, respect_retry_after_header=True, raise_on_status=False)
    try:
        return MagentoRetry(backoff_jitter=BACKOFF_JITTER, backoff_max=BACKOFF_MAX, **settings)
    except TypeError:
        # urllib3 1.26, still packaged by some distributions, has neither: no jitter there.
        return MagentoRetry(**settings)


def should_retry_status(retry, method, response):
    """Whether the policy retries this answer (its status; Retry-After is honoured when waiting)."""
    return retry.is_retry(method, response.status_code, has_retry_after="Retry-After" in response.headers)


def next_attempt(retry, method, url, response=None, error=None):
    """The Retry for the next attempt, or None when the retries are used up.

    response is urllib3's response (requests' Response.raw); error the exception of a failed attempt.
    """
    try:
        return retry.increment(method, url, response=response, error=error)
    except MaxRetryError:
        return None


def iter_causes(exc):
    seen, pending = set(), [exc]
    while pending:
        current = pending.pop(0)
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend([getattr(current, "reason", None), getattr(current, "original_error", None),
                        current.__cause__, current.__context__])
        pending.extend(getattr(current, "args", ()))


def never_reached_server(exc):
    """No request left this host: the connection was never made (refused, timed out, TLS failed)."""
    if isinstance(exc, (requests.exceptions.ConnectTimeout, requests.exceptions.SSLError)):
        return True
    return any(isinstance(cause, (ConnectTimeoutError, Urllib3SSLError)) for cause in iter_causes(exc))


def is_retryable_error(exc):
    """Connection failures and timeouts heal by waiting; a TLS or settings error never does."""
    if isinstance(exc, requests.exceptions.SSLError):
        return False
    return isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                            requests.exceptions.ChunkedEncodingError))


def describe_connection_failure(exc, timeout):
    """Name the kind of failure in a few words, without echoing URLs or headers."""
    causes = list(iter_causes(exc))
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
