# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""When the client retries, how long it waits, and how it names a connection failure.

The client runs its own retry loop instead of urllib3's Retry because an OAuth 1.0a request must be
signed again (new nonce and timestamp) for every attempt: Magento refuses a nonce it has seen.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import http.client
import random
import socket
import time

try:
    import requests
    from urllib3.exceptions import ConnectTimeoutError, SSLError as Urllib3SSLError
except ImportError:
    requests = None
    ConnectTimeoutError = Urllib3SSLError = None

RETRY_STATUSES = (429, 502, 503, 504)
BACKOFF_FACTOR = 0.5
BACKOFF_JITTER = 0.5
BACKOFF_MAX = 30
MAX_RETRY_AFTER = 30


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


def parse_retry_after(value, now=None):
    """Seconds a Retry-After header asks for (number or HTTP date), capped; None when absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        seconds = int(value)
    else:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if moment is None:
            return None
        seconds = moment.timestamp() - (time.time() if now is None else now)
    return min(max(seconds, 0), MAX_RETRY_AFTER)


def backoff_seconds(consecutive_failures, rng=random):
    """Nothing after the first failure, then 0.5 * 2 ** (n - 1) seconds plus jitter, at most 30 s."""
    if consecutive_failures <= 1:
        return 0
    return min(BACKOFF_FACTOR * (2 ** (consecutive_failures - 1)), BACKOFF_MAX) + rng.uniform(0, BACKOFF_JITTER)


def wait_before_retry(consecutive_failures, retry_after_header=None):
    seconds = parse_retry_after(retry_after_header)
    if seconds is None:
        seconds = backoff_seconds(consecutive_failures)
    if seconds > 0:
        time.sleep(seconds)
    return seconds


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
