# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Source items for the source-item benchmark: N items, 5 sources x N/5 SKUs, and the files that carry them.

Every item is given with its quantity and status, as an ERP export would give them; the quantities follow
from the SKU and source numbers, so every run of the benchmark asks for the same state.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import csv
import json

SOURCE_COUNT = 5
# Every 100th item differs in the "1% changed" input.
CHANGED_EVERY = 100
# The header of Magento's own source-item import (Magento_InventoryImportExport, entity stock_sources).
CSV_COLUMNS = ("source_code", "sku", "status", "quantity")


def source_code(number):
    return "bench_wh_%d" % number


def source_codes():
    return [source_code(number) for number in range(1, SOURCE_COUNT + 1)]


def sku(number):
    return "BENCH-%06d" % number


def _quantity(sku_number, source_number):
    # 0 for about one item in 97, so some are out of stock, as in a real catalog.
    return float((sku_number * 7 + source_number * 13) % 97)


def desired_items(count):
    """count items (a multiple of SOURCE_COUNT): every SKU at every source, SKU by SKU."""
    if count % SOURCE_COUNT:
        raise ValueError("the item count must be a multiple of %d, got %d" % (SOURCE_COUNT, count))
    items = []
    for sku_number in range(1, count // SOURCE_COUNT + 1):
        for source_number in range(1, SOURCE_COUNT + 1):
            quantity = _quantity(sku_number, source_number)
            items.append({"sku": sku(sku_number), "source_code": source_code(source_number),
                          "quantity": quantity, "status": 1 if quantity > 0 else 0})
    return items


def changed_items(items):
    """The same items with every CHANGED_EVERY-th one restocked; (items, how many changed)."""
    changed, count = [], 0
    for index, item in enumerate(items):
        if index % CHANGED_EVERY == 0:
            item = dict(item, quantity=item["quantity"] + 100.0, status=1)
            count += 1
        changed.append(item)
    return changed, count


def fixture():
    """Magento's install data plus SOURCE_COUNT enabled sources linked to the default stock, and no items."""
    sources = [{"source_code": "default", "name": "Default Source", "enabled": True,
                "country_id": "US", "postcode": "00000"}]
    sources += [{"source_code": code, "name": "Bench warehouse %s" % code[-1], "enabled": True,
                 "country_id": "GB", "postcode": "EC1A 1BB"} for code in source_codes()]
    links = [{"stock_id": 1, "source_code": "default", "priority": 1}]
    links += [{"stock_id": 1, "source_code": code, "priority": index + 2} for index, code in enumerate(source_codes())]
    return {
        "websites": ["base"],
        "sources": sources,
        "stocks": [{"stock_id": 1, "name": "Default Stock", "sales_channels": [{"type": "website", "code": "base"}]}],
        "links": links,
        "source_items": [],
    }


def write_json(path, data):
    with open(path, "w") as handle:
        json.dump(data, handle)


def write_csv(path, items):
    """The items in the layout of Magento's source-item import: source_code,sku,status,quantity."""
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for item in items:
            quantity = item["quantity"]
            writer.writerow([item["source_code"], item["sku"], item["status"],
                             "%d" % quantity if float(quantity).is_integer() else repr(quantity)])
