# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""make bench-items: msi_source_item against what a user would do instead, at 1,000 to 100,000 source items.

Full run:  items_bench.py --output-dir build/bench-items --docs-dir docs
Subset:    items_bench.py --sizes 1000,10000 --ways module,uri_reads,uri_post --output-dir DIR
Smoke run: items_bench.py --smoke --output-dir DIR   (request and write counts asserted, times ignored)

Ways (each switchable with --ways; a way the collection or the emulator cannot run yet is recorded as
"not available" with the reason, and the rest still runs):
  module        msi_source_item, state merged, the items as a play variable (-e @file): check mode from
                empty, converge from empty, no-op rerun, 1% changed
  uri_reads     the reads of the module's no-op run, made again with one uri task each (needs module)
  module_src    the same four runs with the items in a CSV file the module reads (its src option)
  module_async  converge and 1% changed with write_mode async_bulk (Magento's bulk API and its consumer)
  uri_post      a uri task POSTing the items in batches of the module's batch_size, no reads: converge
                from empty and a rerun (Magento upserts, so it writes everything again)
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import json
import math
import os
import shlex
import signal
import statistics
import subprocess
import sys
import threading
import time
from urllib.error import HTTPError
from urllib.parse import parse_qs
from urllib.request import Request, urlopen

import items_fixture
import items_plan_scaling
import measure
import process_peaks
from emulator_process import SOURCE_ITEM_WRITE_COST, BenchEmulator

COLLECTION_ROOT = os.path.dirname(os.path.dirname(measure.BENCH_DIR))
MODULE = "commerceops.magento.msi_source_item"
PAGE_SIZE = 300
BATCH_SIZE = 500
WAYS = ("module", "uri_reads", "module_src", "module_async", "uri_post")
# Above this size a way runs --large-runs times (one by default): a 100,000-item run takes minutes.
LARGE_FROM = 50000
ITEMS_PATH_SUFFIX = "/V1/inventory/source-items"
# The bulk UUID msi_source_item asks the status of to learn whether it may read bulk status (a 404 says yes).
NIL_BULK_UUID = "00000000-0000-4000-8000-000000000000"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", required=True, help="fixtures, item files, playbook logs, results.json")
    parser.add_argument("--docs-dir", help="write benchmarks-source-items.md here")
    parser.add_argument("--sizes", default="1000,10000,100000", help="item counts, multiples of 5")
    parser.add_argument("--ways", default=",".join(WAYS), help="a subset of " + ",".join(WAYS))
    parser.add_argument("--runs", type=int, default=3, help="repetitions below %d items (median wall time)"
                        % LARGE_FROM)
    parser.add_argument("--large-runs", type=int, default=1, help="repetitions from %d items" % LARGE_FROM)
    parser.add_argument("--plan-sizes", default="1000,10000,100000", help="item counts for in-process planning")
    parser.add_argument("--smoke", action="store_true",
                        help="N=1000, one run, no planning; assert request and write counts, write no docs")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes, args.runs, args.large_runs, args.plan_sizes = "1000", 1, 1, ""
    args.sizes = [int(v) for v in args.sizes.split(",") if v]
    args.plan_sizes = [int(v) for v in args.plan_sizes.split(",") if v]
    args.ways = [v for v in args.ways.split(",") if v]
    unknown = sorted(set(args.ways) - set(WAYS))
    if unknown:
        parser.error("unknown ways: %s" % ", ".join(unknown))
    if "uri_reads" in args.ways and "module" not in args.ways:
        parser.error("uri_reads repeats the reads of the module way's no-op run: add module to --ways")
    bad_sizes = [n for n in args.sizes + args.plan_sizes if n <= 0 or n % items_fixture.SOURCE_COUNT]
    if bad_sizes:
        parser.error("sizes must be positive multiples of %d: %s" % (items_fixture.SOURCE_COUNT, bad_sizes))
    return args


# --- what a run did, from the emulator's request log ----------------------------------------------

def _body_items(body):
    """Source items a write request carried: {"sourceItems": [...]}, or a bulk array of such bodies."""
    if isinstance(body, dict):
        return len(body.get("sourceItems") or [])
    if isinstance(body, list):
        return sum(_body_items(part) for part in body)
    return 0


def _is_count(entry):
    """A page_size=1 read of source items: how the module learns a source's total_count."""
    query = parse_qs(entry.get("query") or "")
    # Magento takes both spellings of the field.
    sizes = query.get("searchCriteria[page_size]", []) + query.get("searchCriteria[pageSize]", [])
    return entry["path"].endswith(ITEMS_PATH_SUFFIX) and sizes == ["1"]


def _is_permission_probe(entry):
    """The module's check, before it queues a bulk, that it may read bulk status: a bulk that cannot exist, 404."""
    return entry["path"].endswith("/V1/bulk/%s/status" % NIL_BULK_UUID) and entry["status"] == 404


def log_figures(entries):
    """Items written, the reads split into item reads, counts and other lookups (sources, bulk status), and the
    module's bulk permission probes, whose 404 is the expected answer."""
    reads = [entry for entry in entries if not entry["write"]]
    counts = [entry for entry in reads if _is_count(entry)]
    item_reads = [entry for entry in reads if entry["path"].endswith(ITEMS_PATH_SUFFIX) and not _is_count(entry)]
    return {"items_written": sum(_body_items(entry["body"]) for entry in entries if entry["write"]),
            "item_reads": len(item_reads), "counts": len(counts),
            "lookups": len(reads) - len(item_reads) - len(counts),
            "permission_probes": sum(1 for entry in reads if _is_permission_probe(entry))}


def read_paths(entries):
    """The reads of a run as path?query, in the order sent, for the uri way to repeat."""
    return [entry["path"] + ("?" + entry["query"] if entry.get("query") else "")
            for entry in entries if not entry["write"]]


def check_state(emulator, items):
    """The way must leave exactly these items (quantity and status) in the emulator."""
    wanted = dict(((item["sku"], item["source_code"]), (float(item["quantity"]), int(item["status"])))
                  for item in items)
    held = dict(((item["sku"], item["source_code"]), (float(item["quantity"]), int(item["status"])))
                for item in emulator.control("GET", "state")["source_items"])
    if held != wanted:
        differing = set(held.items()) ^ set(wanted.items())
        raise AssertionError("the emulator holds %d items, %d expected; %d differ" % (len(held), len(wanted),
                                                                                      len(differing)))


def _status_kib(pid, field):
    try:
        with open("/proc/%d/status" % pid) as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (IOError, OSError):
        pass
    return None


# --- what the collection and the emulator can run ---------------------------------------------------

def module_options(collections_dir):
    """The options of msi_source_item as ansible-doc reads them from this tree (doc fragments included)."""
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_dir, ANSIBLE_NOCOLOR="1")
    # Next to the interpreter that runs the bench (the venv), else from PATH as ansible-playbook is.
    beside = os.path.join(os.path.dirname(sys.executable), "ansible-doc")
    output = subprocess.check_output([beside if os.path.exists(beside) else "ansible-doc", "-j", MODULE], env=env)
    return json.loads(output.decode("utf-8"))[MODULE]["doc"]["options"]


def _bulk_route_answers(emulator):
    """Whether the emulator serves Magento's bulk route for source items (a 404 means it has none)."""
    request = Request(emulator.url + "/rest/all/async/bulk" + ITEMS_PATH_SUFFIX, data=b"[]", method="POST",
                      headers={"Content-Type": "application/json", "Authorization": "Bearer emulator-token"})
    try:
        with urlopen(request, timeout=30):
            return True
    except HTTPError as error:
        return error.code != 404


def unavailable_reasons(options, emulator):
    """{way: why it cannot run} for the ways that need a feature not there yet."""
    reasons = {}
    if "src" not in options:
        reasons["module_src"] = "msi_source_item has no src option in this tree"
    write_mode = options.get("write_mode") or {}
    if "async_bulk" not in (write_mode.get("choices") or []):
        reasons["module_async"] = "msi_source_item has no write_mode async_bulk in this tree"
    elif not _bulk_route_answers(emulator):
        reasons["module_async"] = "the emulator has no async/bulk route for source items"
    return reasons


# --- measuring ----------------------------------------------------------------------------------

class ConsumerWatch(threading.Thread):
    """How long the emulator's bulk consumer worked: from the first queued operation to none open.

    Polls GET /__emulator__/bulk every POLL_SECONDS, so the figure is good to about that; the module's own
    bulk.seconds_waited is good to one of its polls (up to 10 s).
    """

    POLL_SECONDS = 0.5

    def __init__(self, emulator):
        super(ConsumerWatch, self).__init__(daemon=True)
        self.emulator = emulator
        self.first_queued = self.all_done = None
        self.operations = 0
        # The emulator counts operations since its last reset; this run's are those beyond the count now.
        self._before = sum(emulator.control("GET", "bulk")["operations"].values())
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.is_set():
            totals = self.emulator.control("GET", "bulk")["operations"]
            now = time.monotonic()
            queued = sum(totals.values()) - self._before
            if queued and self.first_queued is None:
                self.first_queued = now
            if queued and not totals.get("open"):
                self.all_done = self.all_done or now
                self.operations = queued
            else:
                self.all_done = None
            self._stop_event.wait(self.POLL_SECONDS)

    def stop(self):
        self._stop_event.set()
        self.join()

    def seconds(self):
        if self.first_queued is None or self.all_done is None:
            return None
        return self.all_done - self.first_queued


class ItemsRunner(measure.PlaybookRunner):
    """PlaybookRunner that also records the peak RSS of every process of the run (process_peaks).

    extra_env, when set, is added to the environment of the next runs (the async runs' callback).
    """

    extra_env = None

    def call(self, command, env, output):
        env = dict(env, **(self.extra_env or {}))
        tree_peak_file = os.path.join(self.log_dir, "%04d.tree-rss" % self.runs)
        status, tree_peak, peaks = process_peaks.call(command, env, output, tree_peak_file)
        # GNU time's figure and the sampled VmHWM figures may differ by a few pages: the larger stands.
        largest = max([tree_peak or 0] + list(peaks.values()))
        return status, {"tree_peak_rss_kib": largest, "controller_peak_rss_kib": peaks.get("controller"),
                        "worker_peak_rss_kib": peaks.get("worker")}


def _median(values):
    known = [value for value in values if value is not None]
    return statistics.median(known) if known else None


def _max(values):
    known = [value for value in values if value is not None]
    return max(known) if known else None


class ItemsBench(object):
    def __init__(self, args):
        self.args = args
        self.work_dir, self.log_dir, self.collections = measure.bench_dirs(COLLECTION_ROOT, args.output_dir)
        self.runner = ItemsRunner(self.collections, self.log_dir, sys.executable)
        self.rows = []
        self.unavailable = {}
        self.options = module_options(self.collections)
        self.fixture_path = os.path.join(self.work_dir, "items-fixture.json")
        items_fixture.write_json(self.fixture_path, items_fixture.fixture())

    # one playbook run -----------------------------------------------------------------------------

    def run(self, emulator, playbook, vars_path, check=False, extra_vars=None):
        if playbook == "items_module_async":
            return self.run_async(emulator, vars_path)
        return self._run_playbook(emulator, playbook, vars_path, check, extra_vars)

    def _run_playbook(self, emulator, playbook, vars_path, check=False, extra_vars=None):
        result = self.runner.run(emulator, playbook, vars_path, check=check, extra_vars=extra_vars)
        entries = emulator.control("GET", "log")["requests"]
        result.update(log_figures(entries))
        result["emulator_peak_rss_kib"] = _status_kib(emulator.process.pid, "VmHWM")
        result["read_paths"] = read_paths(entries)
        return result

    def run_async(self, emulator, vars_path):
        """A write_mode=async_bulk run, with the consumer's time as the emulator saw it and as the module reported it."""
        bulk_file = os.path.join(self.work_dir, "bulk-result.json")
        if os.path.exists(bulk_file):
            os.remove(bulk_file)
        watch = ConsumerWatch(emulator)
        watch.start()
        self.runner.extra_env = {"BENCH_BULK_FILE": bulk_file, "ANSIBLE_CALLBACKS_ENABLED": "bench_bulk",
                                 "ANSIBLE_CALLBACK_PLUGINS": os.path.join(measure.BENCH_DIR, "callback_plugins")}
        try:
            result = self._run_playbook(emulator, "items_module_async", vars_path)
        finally:
            self.runner.extra_env = None
            watch.stop()
        with open(bulk_file) as handle:
            bulk = json.load(handle)
        result.update(consumer_s=watch.seconds(), bulk_operations=watch.operations,
                      module_seconds_waited=bulk.get("seconds_waited"),
                      module_seconds_enqueueing=bulk.get("seconds_enqueueing"))
        return result

    def _row(self, way, case, count, runs, extra=None):
        row = dict((key, value) for key, value in runs[-1].items() if key != "read_paths")
        saved = row["items_written"]
        row.update(way=way, case=case, n=count, runs=len(runs),
                   wall_s=statistics.median(r["wall_s"] for r in runs), wall_all_s=[r["wall_s"] for r in runs],
                   ansible_cpu_s=_median(r["ansible_cpu_s"] for r in runs),
                   module_cpu_s=_median(r["module_cpu_s"] for r in runs),
                   emulator_cpu_s=_median(r["emulator_cpu_s"] for r in runs),
                   peak_rss_kib=_max(r["peak_rss_kib"] for r in runs),
                   tree_peak_rss_kib=_max(r["tree_peak_rss_kib"] for r in runs),
                   controller_peak_rss_kib=_max(r["controller_peak_rss_kib"] for r in runs),
                   worker_peak_rss_kib=_max(r["worker_peak_rss_kib"] for r in runs))
        for name in ("consumer_s", "module_seconds_waited", "module_seconds_enqueueing"):
            if name in row:
                row[name] = _median(r[name] for r in runs)
        row["emulator_us_per_saved_item"] = row["emulator_cpu_s"] / saved * 1e6 if saved else None
        row.update(extra or {})
        self.rows.append(row)
        print("%-12s %-8s N=%-6d %8.2f s %5d requests %4d writes %6d items written  module %s MB  largest %s MB"
              % (way, case, count, row["wall_s"], row["requests"], row["writes"], saved,
                 _mb(row["peak_rss_kib"]), _mb(row["tree_peak_rss_kib"])), flush=True)
        return row

    def _not_available(self, way, count, reason):
        self.unavailable.setdefault(way, reason)
        print("%-12s N=%-6d not available: %s" % (way, count, reason), flush=True)

    # the ways ---------------------------------------------------------------------------------------

    def measure_module(self, emulator, way, count, files, runs):
        """check from empty (sync ways), then per run: converge, no-op (and its reads via uri), 1% changed.

        The async way has no check or no-op run of its own: they write nothing, so they are the sync runs.
        """
        results = {"converge": [], "noop": [], "reads": [], "change1": []}
        playbook = "items_module_async" if way == "module_async" else "items_module"
        if way != "module_async":
            emulator.reset(0, SOURCE_ITEM_WRITE_COST)
            self._row(way, "check", count, [self.run(emulator, playbook, files["items"], check=True)])
        for dummy in range(runs):
            emulator.reset(0, SOURCE_ITEM_WRITE_COST)
            results["converge"].append(self.run(emulator, playbook, files["items"]))
            check_state(emulator, files["desired"])
            if way != "module_async":
                noop = self.run(emulator, playbook, files["items"])
                results["noop"].append(noop)
                if way == "module" and "uri_reads" in self.args.ways:
                    results["reads"].append(self.measure_reads(emulator, count, noop["read_paths"]))
            results["change1"].append(self.run(emulator, playbook, files["changed"]))
            check_state(emulator, files["changed_desired"])
        for case in ("converge", "noop", "change1"):
            if results[case]:
                self._row(way, case, count, results[case], {"changed_items": files["changed_count"]}
                          if case == "change1" else None)
        if results["reads"]:
            self._row("uri_reads", "noop", count, results["reads"])

    def measure_reads(self, emulator, count, paths):
        vars_path = os.path.join(self.work_dir, "reads-%d.json" % count)
        items_fixture.write_json(vars_path, {"bench_read_paths": paths})
        result = self.run(emulator, "items_uri_reads", vars_path)
        if result["requests"] != len(paths) or result["writes"]:
            raise AssertionError("the uri reads sent %d requests (%d writes) for %d reads"
                                 % (result["requests"], result["writes"], len(paths)))
        return result

    def measure_uri_post(self, emulator, count, files, runs):
        converge, rerun = [], []
        extra_vars = {"bench_batch_size": BATCH_SIZE}
        for dummy in range(runs):
            emulator.reset(0, SOURCE_ITEM_WRITE_COST)
            converge.append(self.run(emulator, "items_uri_post", files["items_vars"], extra_vars=extra_vars))
            check_state(emulator, files["desired"])
            rerun.append(self.run(emulator, "items_uri_post", files["items_vars"], extra_vars=extra_vars))
        self._row("uri_post", "converge", count, converge)
        self._row("uri_post", "rerun", count, rerun)

    def _files(self, count):
        """The item lists of a size and the files that carry them to each way."""
        desired = items_fixture.desired_items(count)
        changed, changed_count = items_fixture.changed_items(desired)
        files = {"desired": desired, "changed_desired": changed, "changed_count": changed_count}
        for name, items in (("items", desired), ("changed", changed)):
            vars_path = os.path.join(self.work_dir, "%s-%d-vars.json" % (name, count))
            csv_path = os.path.join(self.work_dir, "%s-%d.csv" % (name, count))
            src_vars_path = os.path.join(self.work_dir, "%s-%d-src.json" % (name, count))
            items_fixture.write_json(vars_path, {"bench_items": items})
            items_fixture.write_csv(csv_path, items)
            items_fixture.write_json(src_vars_path, {"bench_src": csv_path})
            files[name + "_vars"], files[name + "_src"] = vars_path, src_vars_path
        return files

    def measure_size(self, count):
        runs = self.args.runs if count < LARGE_FROM else self.args.large_runs
        files = self._files(count)
        ways = self.args.ways
        with BenchEmulator(self.fixture_path) as emulator:
            reasons = unavailable_reasons(self.options, emulator)
            if "module" in ways:
                self.measure_module(emulator, "module", count, dict(files, items=files["items_vars"],
                                                                    changed=files["changed_vars"]), runs)
            if "module_src" in ways:
                if "module_src" in reasons:
                    self._not_available("module_src", count, reasons["module_src"])
                else:
                    self.measure_module(emulator, "module_src", count, dict(files, items=files["items_src"],
                                                                            changed=files["changed_src"]), runs)
            if "module_async" in ways:
                if "module_async" in reasons:
                    self._not_available("module_async", count, reasons["module_async"])
                else:
                    self.measure_module(emulator, "module_async", count,
                                        dict(files, items=files["items_vars"], changed=files["changed_vars"]), runs)
            if "uri_post" in ways:
                self.measure_uri_post(emulator, count, files, runs)

    def run_all(self):
        args = self.args
        started = time.monotonic()
        load_at_start = os.getloadavg()[0]
        for count in args.sizes:
            self.measure_size(count)
        results = {"rows": self.rows, "unavailable": self.unavailable, "args": vars(args),
                   "write_cost": SOURCE_ITEM_WRITE_COST, "page_size": PAGE_SIZE, "batch_size": BATCH_SIZE,
                   "source_count": items_fixture.SOURCE_COUNT, "changed_every": items_fixture.CHANGED_EVERY,
                   "read_plans": dict((str(n), cheaper_read_plan(n)) for n in args.sizes)}
        if args.plan_sizes:
            print("planning in-process: %s items" % ",".join(str(n) for n in args.plan_sizes), flush=True)
            results["planning"] = items_plan_scaling.measure(COLLECTION_ROOT, args.plan_sizes)
            rss = subprocess.check_output([sys.executable, items_plan_scaling.__file__, COLLECTION_ROOT,
                                           str(max(args.plan_sizes))])
            results["planning_rss"] = json.loads(rss.decode("utf-8"))
        results["elapsed_s"] = time.monotonic() - started
        results["load_average"] = [load_at_start, os.getloadavg()[0]]
        with open(os.path.join(self.work_dir, "results.json"), "w") as handle:
            json.dump(results, handle, indent=1)
        return results


def _mb(kib):
    return "%.0f" % (kib * 1024 / 1e6) if kib else "?"


# --- the read plan the no-op target is measured against ----------------------------------------------

def _pages(count, page_size):
    return -(-count // page_size) if count > 0 else 0


def cheaper_read_plan(count, page_size=PAGE_SIZE):
    """Item reads a no-op merged run of count items needs at the least, the cheapest of three plans: every
    source whole, page by page; each source's SKUs in URL-sized chunks; the SKUs in chunks at all sources
    together (each chunk paged too: it returns one item per SKU and source).

    The chunks are cut as the module cuts them (source_item_sync.chunk_skus: URLs under 8 KB).
    """
    sync = _source_item_sync()
    codes = items_fixture.source_codes()
    sku_count = count // items_fixture.SOURCE_COUNT
    skus = [items_fixture.sku(number) for number in range(1, sku_count + 1)]
    whole = len(codes) * _pages(sku_count, page_size)
    per_source = 0
    for code in codes:
        per_source += sum(_pages(len(chunk), page_size)
                          for chunk in sync.chunk_skus(skus, sync.query_budget([code], page_size)))
    together = sum(_pages(len(chunk) * len(codes), page_size)
                   for chunk in sync.chunk_skus(skus, sync.query_budget(codes, page_size)))
    return {"whole_sources": whole, "by_sku_per_source": per_source, "by_sku_together": together,
            "cheaper": min(whole, per_source, together)}


def _source_item_sync():
    import importlib
    items_plan_scaling.load_source_item_plan(COLLECTION_ROOT)
    return importlib.import_module("ansible_collections.commerceops.magento.plugins.module_utils.source_item_sync")


# --- smoke --------------------------------------------------------------------------------------

def smoke_problems(results):
    """Request, write and item counts every way must show; times are not checked."""
    rows, problems = results["rows"], []

    def expect(way, case, what, check, wanted):
        matching = [row for row in rows if row["way"] == way and row["case"] == case]
        if not matching and way in results["args"]["ways"] and way not in results["unavailable"]:
            problems.append("%s %s was not measured" % (way, case))
        for row in matching:
            if not check(row[what], row):
                problems.append("%s %s N=%d: %s=%s, expected %s" % (way, case, row["n"], what, row[what], wanted))

    def batches(count):
        return int(math.ceil(count / float(BATCH_SIZE)))

    for way in ("module", "module_src"):
        expect(way, "check", "writes", lambda v, r: v == 0, "0")
        expect(way, "converge", "writes", lambda v, r: v == batches(r["n"]), "ceil(N/500)")
        expect(way, "converge", "items_written", lambda v, r: v == r["n"], "N")
        expect(way, "noop", "writes", lambda v, r: v == 0, "0")
        expect(way, "noop", "item_reads", lambda v, r: v <= cheaper_read_plan(r["n"])["cheaper"] + 3,
               "<= the cheaper read plan + 3")
        expect(way, "change1", "writes", lambda v, r: v == batches(r["changed_items"]), "ceil(changed/500)")
        expect(way, "change1", "items_written", lambda v, r: v == r["changed_items"], "the changed items")
    expect("module_async", "converge", "items_written", lambda v, r: v == r["n"], "N")
    expect("module_async", "change1", "items_written", lambda v, r: v == r["changed_items"], "the changed items")
    expect("uri_post", "converge", "writes", lambda v, r: v == batches(r["n"]), "ceil(N/500)")
    expect("uri_post", "converge", "reads", lambda v, r: v == 0, "0")
    expect("uri_post", "rerun", "items_written", lambda v, r: v == r["n"], "N (Magento upserts)")
    module_noop = dict((row["n"], row) for row in rows if row["way"] == "module" and row["case"] == "noop")
    expect("uri_reads", "noop", "requests", lambda v, r: v == module_noop[r["n"]]["reads"], "the module's reads")
    expect("module_async", "converge", "module_seconds_waited", lambda v, r: v is not None,
           "the consumer's time in the module's result (bulk.seconds_waited)")
    for row in rows:
        failed = row["failed"] - row["permission_probes"]
        if failed:
            problems.append("%s %s N=%d: %d requests failed" % (row["way"], row["case"], row["n"], failed))
    return problems


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    signal.signal(signal.SIGTERM, measure.exit_on_sigterm)
    results = ItemsBench(args).run_all()
    if args.smoke:
        problems = smoke_problems(results)
        for problem in problems:
            print("FAILED: " + problem)
        for way, reason in sorted(results["unavailable"].items()):
            print("not available: %s (%s)" % (way, reason))
        print("items bench smoke: %d rows, %d problems" % (len(results["rows"]), len(problems)))
        return 1 if problems else 0
    if args.docs_dir:
        import items_report
        command = " ".join(shlex.quote(part) for part in ["tests/bench/items_bench.py"] + sys.argv[1:])
        items_report.write(results, args.docs_dir, command)
    print("done in %.0f s" % results["elapsed_s"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
