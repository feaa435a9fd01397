# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection for /rest requests: failures, dropped connections, latency; seeded."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import random
import threading

FAULT_STATUSES = (429, 500, 502, 503, 504)
KNOWN_KEYS = ('fail_next', 'fraction', 'status', 'retry_after', 'latency_ms', 'drop_next', 'drop_fraction',
              'lose_answer_next', 'seed')


class FaultConfigError(ValueError):
    pass


class Faults:
    def __init__(self):
        self._lock = threading.Lock()
        self.clear()

    def clear(self):
        with self._lock:
            self.settings = {'fail_next': 0, 'fraction': 0.0, 'status': 503, 'retry_after': None, 'latency_ms': 0,
                             'drop_next': 0, 'drop_fraction': 0.0, 'lose_answer_next': 0, 'seed': None}
            self._random = random.Random()

    def configure(self, spec):
        if not isinstance(spec, dict):
            raise FaultConfigError('faults must be a JSON object')
        unknown = sorted(set(spec) - set(KNOWN_KEYS))
        if unknown:
            raise FaultConfigError('unknown fault settings: %s' % ', '.join(unknown))
        if 'status' in spec and spec['status'] not in FAULT_STATUSES:
            raise FaultConfigError('status must be one of %s' % (FAULT_STATUSES,))
        for key in ('fraction', 'drop_fraction'):
            if not 0 <= float(spec.get(key, 0)) <= 1:
                raise FaultConfigError('%s must be between 0 and 1' % key)
        self.clear()
        with self._lock:
            self.settings.update(spec)
            self._random = random.Random(spec.get('seed'))

    def decide(self, write=False):
        """Returns (action, latency seconds); action is None, 'drop', 'fail' or 'lose_answer'.

        'lose_answer' (writes only): the write is carried out and its answer never sent, as when a proxy
        gives up on Magento after the database has committed.
        """
        with self._lock:
            settings = self.settings
            latency = float(settings['latency_ms'] or 0) / 1000.0
            if settings['drop_next'] > 0:
                settings['drop_next'] -= 1
                return 'drop', latency
            if settings['drop_fraction'] and self._random.random() < settings['drop_fraction']:
                return 'drop', latency
            if settings['fail_next'] > 0:
                settings['fail_next'] -= 1
                return 'fail', latency
            if settings['fraction'] and self._random.random() < settings['fraction']:
                return 'fail', latency
            if write and settings['lose_answer_next'] > 0:
                settings['lose_answer_next'] -= 1
                return 'lose_answer', latency
            return None, latency

    def failure(self):
        """Status, headers and body of an injected failure (a proxy's page, or backpressure JSON)."""
        status = self.settings['status']
        headers = {}
        if self.settings['retry_after'] is not None:
            headers['Retry-After'] = str(self.settings['retry_after'])
        if status == 429:
            return status, headers, 'application/json', b'{"message":"Too Many Requests"}'
        page = '<html><body><h1>%d injected by the emulator</h1></body></html>' % status
        return status, headers, 'text/html', page.encode('ascii')
