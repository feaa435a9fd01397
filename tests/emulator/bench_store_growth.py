# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Emulator CPU per item as the store grows (issue 14 section 4): not a test, a measurement.

For each store size it starts the emulator in a process of its own (magento_msi_emulator.process), seeded with
that many source items (5 sources, size/5 SKUs each), and reports the emulator's own CPU time (utime+stime from
/proc) per item for:
  save      POST /V1/inventory/source-items, 500 items a request (half updates of stored rows, half new rows)
  sku-in    GET  /V1/inventory/source-items, filter sku `in` 100 SKUs (500 rows a page)
  by-source GET  /V1/inventory/source-items, filter source_code `eq` one source, pages of 500 walked in order
  bulk      POST /async/bulk/V1/inventory/source-items, 20 bodies of 50 items, run by the consumer
Flat numbers across sizes mean nothing the emulator does per request grows with the store.

    PYTHONPATH=tests/emulator python3 tests/emulator/bench_store_growth.py [--sizes 1000,10000,100000]
"""

from __future__ import absolute_import, division, print_function

import argparse
import http.client
import json
import os
import sys
import tempfile
import time
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from magento_msi_emulator.process import EmulatorProcess  # noqa: E402 pylint: disable=wrong-import-position

SOURCES = ['bench-%d' % number for number in range(1, 6)]
BATCH = 500
TOKEN = 'emulator-token'


def fixture(size):
    per_source = size // len(SOURCES)
    sources = [{'source_code': 'default', 'name': 'Default Source', 'enabled': True, 'country_id': 'US',
                'postcode': '00000'}]
    sources += [{'source_code': code, 'name': code, 'enabled': True, 'country_id': 'DE', 'postcode': '10115'}
                for code in SOURCES]
    items = [{'sku': 'SKU-%06d' % number, 'source_code': code, 'quantity': float(number % 97), 'status': 1}
             for number in range(per_source) for code in SOURCES]
    return {'websites': ['base'], 'sources': sources,
            'stocks': [{'stock_id': 1, 'name': 'Default Stock',
                        'sales_channels': [{'type': 'website', 'code': 'base'}]}],
            'links': [{'stock_id': 1, 'source_code': 'default', 'priority': 1}], 'source_items': items}


class Rest:
    """One keep-alive connection: the client's own cost stays out of the emulator's process anyway."""

    def __init__(self, url):
        parts = urlsplit(url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)

    def call(self, method, path, body=None, query=None):
        headers = {'Authorization': 'Bearer ' + TOKEN}
        data = None
        if body is not None:
            data = json.dumps(body).encode('utf-8')
            headers['Content-Type'] = 'application/json'
        if query:
            path += '?' + urlencode(query)
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        payload = response.read()
        if response.status >= 300:
            raise RuntimeError('%s %s: %s %s' % (method, path, response.status, payload[:300]))
        return json.loads(payload.decode('utf-8')) if payload else None


def criteria(filters, page_size, page):
    query = []
    for index, (field, value, condition) in enumerate(filters):
        prefix = 'searchCriteria[filter_groups][0][filters][%d]' % index
        query += [(prefix + '[field]', field), (prefix + '[value]', value), (prefix + '[condition_type]', condition)]
    return query + [('searchCriteria[pageSize]', page_size), ('searchCriteria[currentPage]', page)]


def measure(emu, action):
    before = emu.cpu_seconds()
    started = time.monotonic()
    items = action()
    return (emu.cpu_seconds() - before) / items * 1e6, (time.monotonic() - started) / items * 1e6


def run_size(size, saves, searches, pages, bulks):
    per_source = size // len(SOURCES)
    workdir = tempfile.mkdtemp(prefix='bench-store-')
    path = os.path.join(workdir, 'store-%d.json' % size)
    with open(path, 'w') as handle:
        json.dump(fixture(size), handle)
    try:
        with EmulatorProcess(path) as emu:
            rest = Rest(emu.url)
            fresh = [per_source + 100000]

            def save():
                written = 0
                for number in range(saves):
                    half = BATCH // 2 // len(SOURCES)
                    old = ['SKU-%06d' % ((number * 7919 + offset) % per_source) for offset in range(half)]
                    new = ['SKU-%06d' % (fresh[0] + offset) for offset in range(half)]
                    fresh[0] += half
                    body = [{'sku': sku, 'source_code': code, 'quantity': 5.0, 'status': 1}
                            for sku in old + new for code in SOURCES]
                    rest.call('POST', '/rest/all/V1/inventory/source-items', {'sourceItems': body})
                    written += len(body)
                return written

            def sku_in():
                returned = 0
                for number in range(searches):
                    skus = ','.join('SKU-%06d' % ((number * 104729 + offset * 13) % per_source)
                                    for offset in range(100))
                    answer = rest.call('GET', '/rest/all/V1/inventory/source-items',
                                       query=criteria([('sku', skus, 'in')], BATCH, 1))
                    returned += len(answer['items'])
                return returned

            def by_source():
                # the source's pages walked in order, again from page 1 once past its last page
                last_page = max(1, per_source // BATCH)
                returned = 0
                for number in range(pages):
                    answer = rest.call('GET', '/rest/all/V1/inventory/source-items',
                                       query=criteria([('source_code', SOURCES[1], 'eq')], BATCH,
                                                      number % last_page + 1))
                    returned += len(answer['items'])
                return returned

            def bulk():
                items = 0
                for number in range(bulks):
                    bodies = [{'sourceItems': [{'sku': 'BULK-%03d-%03d-%02d' % (number, body, offset),
                                                'source_code': code, 'quantity': 2.0, 'status': 1}
                                               for offset in range(10) for code in SOURCES]} for body in range(20)]
                    answer = rest.call('POST', '/rest/all/async/bulk/V1/inventory/source-items', bodies)
                    uuid = answer['bulk_uuid']
                    deadline = time.monotonic() + 120
                    while rest.call('GET', '/rest/all/V1/bulk/%s/operation-status/4' % uuid):
                        if time.monotonic() > deadline:
                            raise RuntimeError('the consumer did not finish bulk %s' % uuid)
                        time.sleep(0.02)
                    items += sum(len(body['sourceItems']) for body in bodies)
                return items

            results = [('save', measure(emu, save)), ('sku-in', measure(emu, sku_in)),
                       ('by-source', measure(emu, by_source))]
            try:
                results.append(('bulk', measure(emu, bulk)))
            except RuntimeError as error:
                results.append(('bulk', None))
                print('  (bulk skipped: %s)' % str(error)[:120], file=sys.stderr)
            return results
    finally:
        os.remove(path)
        os.rmdir(workdir)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--sizes', default='1000,10000,100000', help='store sizes in source items')
    parser.add_argument('--saves', type=int, default=40, help='save requests of 500 items per size')
    parser.add_argument('--searches', type=int, default=100, help='sku-in searches per size')
    parser.add_argument('--bulks', type=int, default=10, help='bulk requests (20 bodies of 50 items) per size')
    parser.add_argument('--pages', type=int, default=100, help='source page requests per size')
    args = parser.parse_args(argv)
    print('%-10s %-10s %14s %14s' % ('store', 'action', 'cpu us/item', 'wall us/item'))
    for size in [int(text) for text in args.sizes.split(',')]:
        for name, numbers in run_size(size, args.saves, args.searches, args.pages, args.bulks):
            if numbers is None:
                print('%-10d %-10s %14s %14s' % (size, name, '-', '-'))
            else:
                print('%-10d %-10s %14.1f %14.1f' % (size, name, numbers[0], numbers[1]), flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
