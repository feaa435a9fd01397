# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Planning cost without HTTP or Ansible: link_plan in-process, timed and traced per size."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import atexit
import gc
import importlib
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc

import bench_fixture
from measure import high_water_mib

STOCK_COUNT = 10


def load_link_plan(collection_root):
    """link_plan as the modules import it; it has no Ansible imports, only the collection's own."""
    collections = tempfile.mkdtemp(prefix="bench-collections-")
    atexit.register(shutil.rmtree, collections, True)
    os.makedirs(os.path.join(collections, "ansible_collections", "commerceops"))
    os.symlink(os.path.abspath(collection_root), os.path.join(collections, "ansible_collections", "commerceops",
                                                              "magento"))
    sys.path.insert(0, collections)
    return importlib.import_module("ansible_collections.commerceops.magento.plugins.module_utils.link_plan")


def plan_once(link_plan, raw_links, stocks, known_codes, current):
    """What the module computes between its reads and its writes, for state=merged, in its order.

    As the module does (link_sync.LinkRun): entries by stock id need no stock list, the current
    links are read first and prove their sources; known_codes stands in for the lookup of the rest.
    """
    entries = link_plan.normalize_links(raw_links, "merged")
    scope = link_plan.scope_stock_ids("merged", entries)
    before = link_plan.links_in_scope(current, scope)
    linked_stock_ids = set(link["stock_id"] for link in before)
    if any(entry.stock_id not in linked_stock_ids for entry in entries):
        linked_stock_ids.update(int(stock["stock_id"]) for stock in stocks)
    missing_codes = set(code for code in link_plan.unlinked_source_codes(entries, before) if code not in known_codes)
    desired = link_plan.resolve_links(entries, "merged", known_stock_ids=linked_stock_ids,
                                      missing_source_codes=missing_codes)
    del entries
    plan = link_plan.plan_links("merged", desired, before)
    return plan, plan.after, link_plan.writes(plan)


def measure_size(link_plan, count, repeats):
    raw_links = bench_fixture.desired_links(count, STOCK_COUNT)
    stocks = [{"stock_id": 1, "name": "Default Stock"}] + [
        {"stock_id": bench_fixture.FIRST_BENCH_STOCK_ID + i, "name": "Bench Stock %d" % (i + 1)}
        for i in range(STOCK_COUNT)]
    known_codes = set(link["source_code"] for link in raw_links)
    result = {"links": count}
    for case, current in (("converge", []), ("noop", [dict(link) for link in raw_links])):
        timings = []
        for dummy in range(repeats):
            gc.collect()
            started = time.perf_counter()
            plan, dummy_after, dummy_writes = plan_once(link_plan, raw_links, stocks, known_codes, current)
            timings.append(time.perf_counter() - started)
        expected_writes = count if case == "converge" else 0
        if len(plan.summary["added"]) + len(plan.summary["updated"]) != expected_writes:
            raise AssertionError("%s plan at %d links has the wrong size" % (case, count))
        gc.collect()
        tracemalloc.start()
        plan_once(link_plan, raw_links, stocks, known_codes, current)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        median = statistics.median(timings)
        result[case] = {"seconds": median, "us_per_link": median / count * 1e6,
                        "tracemalloc_peak_mib": peak / 1048576.0}
    return result


def measure(collection_root, sizes, repeats=3):
    link_plan = load_link_plan(collection_root)
    return [measure_size(link_plan, count, repeats) for count in sizes]


def peak_rss_of_planning(collection_root, count):
    """Peak RSS (MiB) of a fresh process that holds count desired and count current links and plans.

    Run in a child (see __main__) so the figure is that process's alone, like a module process's.
    """
    link_plan = load_link_plan(collection_root)
    raw_links = bench_fixture.desired_links(count, STOCK_COUNT)
    current = [dict(link) for link in raw_links]
    stocks = [{"stock_id": bench_fixture.FIRST_BENCH_STOCK_ID + i, "name": "Bench Stock %d" % (i + 1)}
              for i in range(STOCK_COUNT)]
    baseline = high_water_mib()
    plan_once(link_plan, raw_links, stocks, set(link["source_code"] for link in raw_links), current)
    return {"links": count, "inputs_mib": baseline, "peak_mib": high_water_mib()}


if __name__ == "__main__":
    import json
    print(json.dumps(peak_rss_of_planning(sys.argv[1], int(sys.argv[2]))))
