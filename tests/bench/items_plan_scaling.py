# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Source-item planning without HTTP or Ansible: source_item_plan in-process, timed and traced per size.

The counterpart of plan_scaling.py (links): what msi_source_item computes between its reads and its writes
for state=merged, for a converging run (nothing in Magento), a no-op run and a 1% change.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import atexit
import gc
import importlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc

import items_fixture
from measure import high_water_mib


def load_source_item_plan(collection_root):
    """source_item_plan as the module imports it, through a collections path (it imports the collection's own rules)."""
    collections = tempfile.mkdtemp(prefix="bench-collections-")
    atexit.register(shutil.rmtree, collections, True)
    os.makedirs(os.path.join(collections, "ansible_collections", "commerceops"))
    os.symlink(os.path.abspath(collection_root),
               os.path.join(collections, "ansible_collections", "commerceops", "magento"))
    sys.path.insert(0, collections)
    return importlib.import_module("ansible_collections.commerceops.magento.plugins.module_utils.source_item_plan")


def plan_once(plan_module, raw_items, current):
    """As source_item_sync.plan does for state=merged: validate, respell, scope the reads, plan, batch.

    Every source exists in Magento's spelling (the module learns that from one read of the sources).
    """
    desired, sources = plan_module.normalize_input("merged", raw_items, None)
    stored = dict((plan_module.key(code), code) for code in items_fixture.source_codes())
    desired, sources, warnings = plan_module.respell_sources(desired, stored, sources)
    plan_module.read_scope("merged", desired, sources)
    plan = plan_module.plan_source_items("merged", desired, current, warnings, sources=sources)
    return plan, plan_module.writes(plan)


def cases(count):
    """(case, desired items, current items as Magento returns them, items the plan must save)."""
    items = items_fixture.desired_items(count)
    changed, changed_count = items_fixture.changed_items(items)
    stored = [dict(item) for item in items]
    return [("converge", items, [], count), ("noop", items, stored, 0), ("change1", changed, stored, changed_count)]


# Small sizes plan in milliseconds, where one scheduler hiccup moves the figure: they repeat until about
# this much time is spent (at least MIN_REPEATS times, at most MAX_REPEATS), and the median counts.
TIME_PER_CASE_S = 0.5
MIN_REPEATS = 3
MAX_REPEATS = 100


def _timed_plans(plan_module, desired, current, collector=True):
    """Median seconds of planning, repeated as TIME_PER_CASE_S says; the last plan and writes."""
    timings = []
    while len(timings) < MIN_REPEATS or (sum(timings) < TIME_PER_CASE_S and len(timings) < MAX_REPEATS):
        # The key cache would make every repeat after the first cheaper than a module run, which starts
        # with an empty one.
        plan_module.key.cache_clear()
        gc.collect()
        if not collector:
            gc.disable()
        try:
            started = time.perf_counter()
            plan, writes = plan_once(plan_module, desired, current)
            timings.append(time.perf_counter() - started)
        finally:
            gc.enable()
    return statistics.median(timings), len(timings), plan, writes


def measure_size(plan_module, count):
    result = {"items": count}
    for case, desired, current, expected_saves in cases(count):
        median, repeats, plan, (saves, deletes) = _timed_plans(plan_module, desired, current)
        if len(saves) != expected_saves or deletes:
            raise AssertionError("%s plan at %d items saves %d items, %d expected" % (case, count, len(saves),
                                                                                      expected_saves))
        del plan, saves, deletes
        plan_module.key.cache_clear()
        gc.collect()
        tracemalloc.start()
        plan_once(plan_module, desired, current)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        result[case] = {"seconds": median, "us_per_item": median / count * 1e6, "repeats": repeats,
                        "tracemalloc_peak_mib": peak / 1048576.0}
        if case == "noop":
            # Once more with the garbage collector off: how much of any growth per item is its passes.
            median, repeats = _timed_plans(plan_module, desired, current, collector=False)[:2]
            result["noop_without_gc"] = {"seconds": median, "us_per_item": median / count * 1e6, "repeats": repeats}
            # One of the plan's sorts by source and SKU (before, after and each list of the plan are sorted).
            result["one_sort"] = {"us_per_item": _timed_sort(plan_module, current) / count * 1e6}
    return result


def _timed_sort(plan_module, items):
    timings = []
    while len(timings) < MIN_REPEATS or (sum(timings) < TIME_PER_CASE_S and len(timings) < MAX_REPEATS):
        started = time.perf_counter()
        plan_module.sort_items(items)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def measure(collection_root, sizes):
    plan_module = load_source_item_plan(collection_root)
    return [measure_size(plan_module, count) for count in sizes]


def peak_rss_of_planning(collection_root, count):
    """Peak RSS (MiB) of a fresh process that holds count desired and count current items and plans a no-op.

    Run in a child (see __main__) so the figure is that process's alone, like a module process's.
    """
    plan_module = load_source_item_plan(collection_root)
    items = items_fixture.desired_items(count)
    current = [dict(item) for item in items]
    baseline = high_water_mib()
    plan_once(plan_module, items, current)
    return {"items": count, "inputs_mib": baseline, "peak_mib": high_water_mib()}


if __name__ == "__main__":
    print(json.dumps(peak_rss_of_planning(sys.argv[1], int(sys.argv[2]))))
