# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The request log that tests read to prove what was (not) written."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import threading


class RequestLog:
    def __init__(self):
        self._lock = threading.Lock()
        self._entries = []
        self._seq = 0

    def add(self, method, path, query, status, write, raw_body, answer_lost=False, cost_ms=0):
        body = None
        if write and raw_body:
            try:
                body = json.loads(raw_body.decode('utf-8'))
            except ValueError:
                body = raw_body.decode('utf-8', 'replace')
        with self._lock:
            self._seq += 1
            entry = {'seq': self._seq, 'method': method, 'path': path, 'query': query,
                     'status': status, 'write': write, 'body': body}
            if answer_lost:
                # Carried out with this status, but the client never saw it.
                entry['answer_lost'] = True
            if cost_ms:
                # the write cost (WriteCost) waited out before answering
                entry['cost_ms'] = cost_ms
            self._entries.append(entry)

    def clear(self):
        with self._lock:
            self._entries = []

    def entries(self):
        with self._lock:
            return [dict(entry) for entry in self._entries]
