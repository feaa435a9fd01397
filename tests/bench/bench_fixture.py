# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Emulator fixtures and desired-link lists for the benchmark: N sources spread over a few stocks."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

FIRST_BENCH_STOCK_ID = 2


def source_code(number):
    return "bench%06d" % number


def desired_links(count, stock_count):
    """count links, source i on stock 2 + (i mod stock_count), priorities 1.. within each stock."""
    next_priority = {}
    links = []
    for number in range(1, count + 1):
        stock_id = FIRST_BENCH_STOCK_ID + (number % stock_count)
        priority = next_priority.get(stock_id, 1)
        next_priority[stock_id] = priority + 1
        links.append({"stock_id": stock_id, "source_code": source_code(number), "priority": priority})
    return links


def fixture(count, stock_count, links=None):
    """Magento's install data plus count enabled sources and stock_count empty stocks (or with links)."""
    sources = [{"source_code": "default", "name": "Default Source", "enabled": True,
                "country_id": "US", "postcode": "00000"}]
    sources += [{"source_code": source_code(number), "name": "Bench source %d" % number, "enabled": True,
                 "country_id": "GB", "postcode": "EC1A 1BB"} for number in range(1, count + 1)]
    stocks = [{"stock_id": 1, "name": "Default Stock", "sales_channels": [{"type": "website", "code": "base"}]}]
    stocks += [{"stock_id": FIRST_BENCH_STOCK_ID + index, "name": "Bench Stock %d" % (index + 1),
                "sales_channels": []} for index in range(stock_count)]
    return {
        "websites": ["base"],
        "sources": sources,
        "stocks": stocks,
        "links": [{"stock_id": 1, "source_code": "default", "priority": 1}] + list(links or []),
        "source_items": [],
    }


def write_json(path, data):
    with open(path, "w") as handle:
        json.dump(data, handle)
