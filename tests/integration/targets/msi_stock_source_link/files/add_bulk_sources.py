#!/usr/bin/env python
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Create COUNT sources through Magento's REST API and write a vars file linking them to one stock.

Usage: add_bulk_sources.py COUNT STOCK_ID VARS_FILE (reads MAGENTO_URL, MAGENTO_TOKEN, EMULATOR_URL)
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import sys

from urllib.request import Request, urlopen


def call(method, url, body=None, token=None):
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urlopen(request, timeout=30) as response:
        return response.read()


def main():
    count, stock_id, vars_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    base, token = os.environ["MAGENTO_URL"].rstrip("/"), os.environ["MAGENTO_TOKEN"]
    links = []
    for number in range(1, count + 1):
        code = "bulk%04d" % number
        source = {"source_code": code, "name": "Bulk source %d" % number, "enabled": True,
                  "country_id": "GB", "postcode": "EC1A 1BB"}
        call("POST", base + "/rest/all/V1/inventory/sources", {"source": source}, token)
        links.append({"stock_id": stock_id, "source_code": code, "priority": number})
    # The seeding writes are not the module's: clear them from the request log.
    call("DELETE", os.environ["EMULATOR_URL"].rstrip("/") + "/__emulator__/log")
    with open(vars_file, "w") as handle:
        json.dump({"bulk_links": links}, handle)


if __name__ == "__main__":
    main()
