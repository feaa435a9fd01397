# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One emulator per test session, reset to the api-tests fixture before each test."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import http.client
import json
import os
import sys
from urllib.parse import urlencode

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from magento_msi_emulator import EmulatorServer  # noqa: E402 pylint: disable=wrong-import-position

TOKEN = 'emulator-token'


def flatten(prefix, value):
    """PHP-style query pairs: {'a': [{'b': 1}]} -> a[0][b]=1."""
    if isinstance(value, dict):
        pairs = []
        for key, item in value.items():
            pairs.extend(flatten('%s[%s]' % (prefix, key), item))
        return pairs
    if isinstance(value, list):
        return flatten(prefix, dict((str(index), item) for index, item in enumerate(value)))
    return [(prefix, value)]


def criteria(filter_groups=None, sort_orders=None, page_size=None, current_page=None):
    """searchCriteria query params; filter_groups is [[(field, value, condition_type or None)]]."""
    built = {}
    if filter_groups is not None:
        built['filter_groups'] = [{'filters': [dict([('field', f), ('value', v)] + ([('condition_type', c)] if c else []))
                                               for f, v, c in group]} for group in filter_groups]
    if sort_orders is not None:
        built['sort_orders'] = [dict([('field', f)] + ([('direction', d)] if d else [])) for f, d in sort_orders]
    if page_size is not None:
        built['page_size'] = page_size
    if current_page is not None:
        built['current_page'] = current_page
    return flatten('searchCriteria', built) if built else [('searchCriteria', '')]


class Response:
    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw

    @property
    def json(self):
        return json.loads(self.raw.decode('utf-8'))


class Client:
    def __init__(self, server):
        self.server = server
        self.app = server.app

    def request(self, method, path, body=None, query=None, token=TOKEN, raw_body=None, content_type='application/json',
                headers=None):
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=10)
        all_headers = dict(headers or {})
        if token:
            all_headers['Authorization'] = 'Bearer ' + token
        data = raw_body if raw_body is not None else (json.dumps(body).encode() if body is not None else None)
        if data is not None and content_type:
            all_headers['Content-Type'] = content_type
        if query:
            path += '?' + (query if isinstance(query, str) else urlencode(query))
        try:
            conn.request(method, path, body=data, headers=all_headers)
            response = conn.getresponse()
            return Response(response.status, response.headers, response.read())
        finally:
            conn.close()

    def rest(self, method, path, body=None, **kwargs):
        return self.request(method, '/rest/all/V1/' + path, body=body, **kwargs)

    def get(self, path, **kwargs):
        return self.rest('GET', path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.rest('POST', path, body, **kwargs)

    def put(self, path, body=None, **kwargs):
        return self.rest('PUT', path, body, **kwargs)

    def delete(self, path, **kwargs):
        return self.rest('DELETE', path, **kwargs)

    def control(self, method, name, body=None):
        return self.request(method, '/__emulator__/' + name, body=body, token=None)

    def state(self):
        return self.control('GET', 'state').json

    def links(self, stock_id=None):
        return [(link['stock_id'], link['source_code'], link['priority']) for link in self.state()['links']
                if stock_id is None or link['stock_id'] == stock_id]


@pytest.fixture(scope='session')
def server():
    with EmulatorServer(fixture='api-tests', seed=3) as emu:
        yield emu


@pytest.fixture
def client(server):
    server.app.reset('api-tests')
    return Client(server)
