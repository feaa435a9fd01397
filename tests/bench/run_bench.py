# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""make bench: three ways to link N sources, timed and counted against fresh emulators.

Full run:  run_bench.py --output-dir build/bench --docs-dir docs
Smoke run: run_bench.py --smoke --output-dir DIR   (request counts asserted, times ignored)
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
import time

import bench_fixture
import measure
import plan_scaling
from emulator_process import WRITE_COST, BenchEmulator

COLLECTION_ROOT = os.path.dirname(os.path.dirname(measure.BENCH_DIR))
STOCK_COUNT = 10
PAGE_SIZE = 300
BATCH_SIZE = 500


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", required=True, help="fixtures, playbook logs, results.json")
    parser.add_argument("--docs-dir", help="write benchmarks.md and benchmarks.png here")
    parser.add_argument("--sizes", default="10,1000,10000", help="N for the seed's POST and the module")
    parser.add_argument("--loop-sizes", default="10,50",
                        help="N measured for the per-link uri loop; larger N are extrapolated")
    parser.add_argument("--latencies", default="20,0", help="added latency per request, ms")
    parser.add_argument("--runs", type=int, default=3, help="repetitions; the median wall time is reported")
    parser.add_argument("--plan-sizes", default="1000,10000,100000", help="N for in-process planning")
    parser.add_argument("--smoke", action="store_true",
                        help="N=100 (loop N=10), no latency, one run; assert request counts, write no docs")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes, args.loop_sizes, args.latencies, args.runs, args.plan_sizes = "100", "10", "0", 1, ""
    for name in ("sizes", "loop_sizes", "latencies", "plan_sizes"):
        setattr(args, name, [int(v) for v in getattr(args, name).split(",") if v])
    return args


def link_keys(links):
    return set((int(link["stock_id"]), link["source_code"], int(link["priority"])) for link in links)


def _median_known(values):
    known = [value for value in values if value is not None]
    return statistics.median(known) if known else None


def check_state(emulator, expected_links):
    """The ways must reach the same state: exactly the expected links besides (1, default)."""
    held = link_keys(link for link in emulator.control("GET", "state")["links"] if link["stock_id"] != 1)
    if held != link_keys(expected_links):
        raise AssertionError("emulator holds %d links, %d expected, %d differ"
                             % (len(held), len(expected_links), len(held ^ link_keys(expected_links))))


class Bench(object):
    def __init__(self, args):
        self.args = args
        self.work_dir = os.path.abspath(args.output_dir)
        self.log_dir = os.path.join(self.work_dir, "logs")
        for folder in (self.work_dir, self.log_dir):
            if not os.path.isdir(folder):
                os.makedirs(folder)
        self.runner = measure.PlaybookRunner(measure.collections_path(COLLECTION_ROOT, self.work_dir),
                                             self.log_dir, sys.executable)
        self.rows = []

    def _files(self, name, fixture, links):
        fixture_path = os.path.join(self.work_dir, name + "-fixture.json")
        vars_path = os.path.join(self.work_dir, name + "-vars.json")
        bench_fixture.write_json(fixture_path, fixture)
        bench_fixture.write_json(vars_path, {"bench_links": links})
        return fixture_path, vars_path

    def _row(self, way, case, count, latency, runs, extra=None):
        row = dict(runs[-1])
        row.update(way=way, case=case, n=count, latency_ms=latency, runs=len(runs),
                   wall_s=statistics.median(r["wall_s"] for r in runs), wall_all_s=[r["wall_s"] for r in runs],
                   ansible_cpu_s=statistics.median(r["ansible_cpu_s"] for r in runs),
                   module_cpu_s=_median_known(r["module_cpu_s"] for r in runs),
                   peak_rss_kib=max(r["peak_rss_kib"] or 0 for r in runs) or None)
        row.update(extra or {})
        self.rows.append(row)
        print("%-9s %-9s N=%-6d %2d ms: %7.2f s  %5d requests  %4d writes  %9d bytes"
              % (way, case, count, latency, row["wall_s"], row["requests"], row["writes"], row["bytes"]),
              flush=True)
        return row

    def measure_way(self, way, count, latency, runs):
        links = bench_fixture.desired_links(count, STOCK_COUNT)
        fixture_path, vars_path = self._files("%s-%d" % (way, count), bench_fixture.fixture(count, STOCK_COUNT), links)
        converge, noop = [], []
        with BenchEmulator(fixture_path) as emulator:
            if way == "module":
                emulator.reset(latency)
                check = self.runner.run(emulator, way, vars_path, check=True)
                self._row(way, "check", count, latency, [check])
            for dummy in range(runs):
                emulator.reset(latency)
                converge.append(self.runner.run(emulator, way, vars_path))
                check_state(emulator, links)
                noop.append(self.runner.run(emulator, way, vars_path))
        self._row(way, "converge", count, latency, converge)
        self._row(way, "noop", count, latency, noop)

    def measure_replaced(self, count, latency, runs):
        """state=replaced on Bench Stock 1 while every stock already holds its links."""
        current = bench_fixture.desired_links(count, STOCK_COUNT)
        stock_links = [dict(link) for link in current if link["stock_id"] == bench_fixture.FIRST_BENCH_STOCK_ID]
        moved = [link for link in current if link["stock_id"] != bench_fixture.FIRST_BENCH_STOCK_ID][0]
        desired = stock_links[:-1] + [{"stock_id": bench_fixture.FIRST_BENCH_STOCK_ID,
                                       "source_code": moved["source_code"], "priority": 65000}]
        desired[0]["priority"] = 64000
        expected = [link for link in current if link["stock_id"] != bench_fixture.FIRST_BENCH_STOCK_ID] + desired
        fixture_path, vars_path = self._files("replaced-%d" % count,
                                              bench_fixture.fixture(count, STOCK_COUNT, current), desired)
        results = []
        with BenchEmulator(fixture_path) as emulator:
            for dummy in range(runs):
                emulator.reset(latency)
                results.append(self.runner.run(emulator, "module", vars_path, extra_vars={"bench_state": "replaced"}))
                check_state(emulator, expected)
        return self._row("module", "replaced", count, latency, results, {"stock_links": len(stock_links)})

    def run(self):
        args = self.args
        started = time.monotonic()
        load_at_start = os.getloadavg()[0]
        for latency in args.latencies:
            for count in args.sizes:
                for way in ("seed_post", "module"):
                    self.measure_way(way, count, latency, args.runs)
            for count in args.loop_sizes:
                self.measure_way("uri_loop", count, latency, args.runs if count <= 10 else 1)
            self.measure_replaced(max(args.sizes), latency, args.runs)
        results = {"rows": self.rows, "stock_count": STOCK_COUNT, "page_size": PAGE_SIZE,
                   "batch_size": BATCH_SIZE, "args": vars(args), "write_cost": WRITE_COST}
        if args.plan_sizes:
            print("planning in-process: %s links" % args.plan_sizes, flush=True)
            results["planning"] = plan_scaling.measure(COLLECTION_ROOT, args.plan_sizes)
            rss = subprocess.check_output([sys.executable, plan_scaling.__file__, COLLECTION_ROOT,
                                           str(max(args.plan_sizes))])
            results["planning_rss"] = json.loads(rss.decode("utf-8"))
        results["elapsed_s"] = time.monotonic() - started
        # Wall times stretch when other work shares the machine; the report shows how busy it was.
        results["load_average"] = [load_at_start, os.getloadavg()[0]]
        with open(os.path.join(self.work_dir, "results.json"), "w") as handle:
            json.dump(results, handle, indent=1)
        return results


def link_pages(count):
    return int(math.ceil(count / float(PAGE_SIZE)))


def expected_module_reads(count):
    """The no-op target: one read per page of links plus at most two lookups (stocks, sources)."""
    return link_pages(count) + 2


def smoke_problems(rows):
    """Request counts every way must show; times are not checked."""
    problems = []

    def expect(way, case, what, check, wanted):
        for row in rows:
            if row["way"] == way and row["case"] == case and not check(row[what], row["n"]):
                problems.append("%s %s N=%d: %s=%s, expected %s" % (way, case, row["n"], what, row[what], wanted))

    expect("seed_post", "converge", "requests", lambda v, n: v == 1, "1")
    expect("seed_post", "noop", "writes", lambda v, n: v == 1, "1 (the seed's POST is not idempotent)")
    expect("uri_loop", "converge", "writes", lambda v, n: v == n, "N")
    expect("uri_loop", "converge", "reads", lambda v, n: v == 1, "1")
    expect("uri_loop", "noop", "requests", lambda v, n: v == 1, "1")
    expect("module", "converge", "writes", lambda v, n: v == int(math.ceil(n / float(BATCH_SIZE))), "ceil(N/500)")
    expect("module", "noop", "writes", lambda v, n: v == 0, "0")
    expect("module", "noop", "requests", lambda v, n: v <= expected_module_reads(n), "<= ceil(N/300)+2")
    # By stock id, a rerun's links prove their stocks and sources: the link pages and nothing else.
    expect("module", "noop", "requests", lambda v, n: v == link_pages(n), "ceil(N/300)")
    expect("module", "check", "writes", lambda v, n: v == 0, "0")
    expect("module", "replaced", "writes", lambda v, n: v == 2, "2 (one save, one delete)")
    for row in rows:
        if row["failed"]:
            problems.append("%s %s N=%d: %d requests failed" % (row["way"], row["case"], row["n"], row["failed"]))
    if len(set(row["way"] for row in rows)) != 3:
        problems.append("not every way was measured")
    return problems


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    signal.signal(signal.SIGTERM, measure.exit_on_sigterm)
    results = Bench(args).run()
    if args.smoke:
        problems = smoke_problems(results["rows"])
        for problem in problems:
            print("FAILED: " + problem)
        print("bench smoke: %d rows, %d problems" % (len(results["rows"]), len(problems)))
        return 1 if problems else 0
    if args.docs_dir:
        import report
        command = " ".join(shlex.quote(part) for part in ["tests/bench/run_bench.py"] + sys.argv[1:])
        report.write(results, args.docs_dir, command)
        # The msi role's part: a whole MSI state with the list forms; its own page, linked from this one.
        import role_bench
        role_bench.main(["--output-dir", os.path.join(args.output_dir, "role"), "--docs-dir", args.docs_dir])
    print("done in %.0f s" % results["elapsed_s"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
