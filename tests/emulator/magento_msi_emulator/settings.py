# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulator's settings: start-up values, checked changes through /__emulator__/config, reset."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from .two_factor import SETUPS, check_secret
from .versions import NEWEST, SUPPORTED


def _flag(value):
    if not isinstance(value, bool):
        raise ValueError('must be true or false')
    return value


def _not_negative(unit):
    def check(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError('must be a number of %s, 0 or more' % unit)
        return value
    return check


def _positive_count(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError('must be a whole number, 1 or more')
    return value


def _text(value):
    if not isinstance(value, str):
        raise ValueError('must be a string')
    return value


def _texts(value):
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError('must be a list of strings')
    return list(value)


def _base32_secret(value):
    return check_secret(_text(value))


def _one_of(choices):
    def check(value):
        if value not in choices:
            raise ValueError('must be one of %s' % ', '.join(choices))
        return value
    return check


CHECKS = {
    'input_limits': _flag,
    'two_factor': _flag,
    'echo_requests': _flag,
    'collation': _flag,
    'magento_version': _one_of(SUPPORTED),
    'write_cost_per_item_ms': _not_negative('milliseconds'),
    'write_cost_per_request_ms': _not_negative('milliseconds'),
    'lockout_failures': _positive_count,
    'lockout_seconds': _not_negative('seconds'),
    'two_factor_providers': _one_of(SETUPS),
    'google_otp': _text,
    'google_secret': _base32_secret,
    'bulk_consumer_running': _flag,
    'bulk_consumer_operations_per_second': _not_negative('operations a second'),
    'bulk_failing_skus': _texts,
    'bulk_rejected_skus': _texts,
}

DEFAULTS = {
    'input_limits': False,
    'two_factor': False,
    'echo_requests': False,
    'collation': True,
    'magento_version': NEWEST,
    'write_cost_per_item_ms': 0,
    'write_cost_per_request_ms': 0,
    # magento2 Integration/etc/config.xml: oauth/authentication_lock/max_failures_count and timeout
    'lockout_failures': 6,
    'lockout_seconds': 1800,
    # with two_factor on: every admin user's providers, and the codes Google Authenticator would show
    'two_factor_providers': 'google',
    'google_otp': '123456',
    'google_secret': '',
    # the async.operations.all consumer (bulk.py): running or not, and at most this many operations a second
    # (0: no limit; each operation still waits its write cost)
    'bulk_consumer_running': True,
    'bulk_consumer_operations_per_second': 0,
    # operations holding one of these SKUs fail (status 3) with the service's storage-failure message
    'bulk_failing_skus': [],
    # bodies holding one of these SKUs are answered "rejected" (not reachable in Magento for valid bodies)
    'bulk_rejected_skus': [],
}


def checked(changes):
    """The changes, each checked; raises ValueError naming the first bad key (nothing is applied then)."""
    unknown = sorted(set(changes) - set(CHECKS))
    if unknown:
        raise ValueError('unknown config keys: %s' % ', '.join(unknown))
    result = {}
    for name, value in changes.items():
        try:
            result[name] = CHECKS[name](value)
        except ValueError as error:
            raise ValueError('%s %s' % (name, error))
    return result
