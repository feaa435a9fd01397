# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""make bench, the msi role's part: a store with 200 sources and 20 stocks, applied with the list forms
and one module run per record.

    role_bench.py --output-dir build/bench-role [--docs-dir docs]   (run_bench.py runs it after its own part)
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import os
import platform
import statistics
import sys
import time

import bench_fixture
import measure
from emulator_process import WRITE_COST, BenchEmulator

COLLECTION_ROOT = os.path.dirname(os.path.dirname(measure.BENCH_DIR))
PAGE = "benchmarks-msi-role.md"
DEFAULT_SOURCE = {"source_code": "default", "name": "Default Source", "description": "Default Source",
                  "enabled": True, "latitude": 0.0, "longitude": 0.0, "country_id": "US", "postcode": "00000"}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", required=True, help="fixtures, vars, playbook logs, results")
    parser.add_argument("--docs-dir", help="write %s here" % PAGE)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--stocks", type=int, default=20)
    parser.add_argument("--latency", type=int, default=20, help="added latency per request, ms")
    parser.add_argument("--runs", type=int, default=3, help="repetitions of the role's runs (the loop runs once)")
    return parser.parse_args(argv)


def store(source_count, stock_count):
    """(role variables, emulator fixture of a fresh install, emulator fixture holding that state)."""
    websites = ["base"] + ["web%02d" % number for number in range(1, stock_count + 1)]
    sources = [dict(DEFAULT_SOURCE)]
    for number in range(1, source_count + 1):
        source = {"source_code": "src%03d" % number, "name": "Source %d" % number, "enabled": number % 25 != 0,
                  "country_id": "GB", "postcode": "EC1A %dAA" % (number % 10), "city": "City %d" % (number % 40),
                  "street": "%d High Street" % number, "contact_name": "Contact %d" % number,
                  "phone": "+44 20 0000 %04d" % number, "latitude": 51.0 + number / 1000.0,
                  "longitude": -0.5 + number / 1000.0}
        if number % 10 == 0:
            source.update(is_pickup_location_active=True, frontend_name="Pickup %d" % number)
        sources.append(source)
    stocks = [{"stock_id": 1, "name": "Default Stock", "sales_channels": [{"type": "website", "code": "base"}]}]
    links = [{"stock_id": 1, "source_code": "default", "priority": 1}]
    per_stock = max(1, source_count // stock_count)
    for index in range(stock_count):
        stock_id = 2 + index
        stocks.append({"stock_id": stock_id, "name": "Stock %02d" % (index + 1),
                       "sales_channels": [{"type": "website", "code": websites[index + 1]}]})
        for priority, number in enumerate(range(index * per_stock + 1, (index + 1) * per_stock + 1), 1):
            links.append({"stock_id": stock_id, "source_code": "src%03d" % number, "priority": priority})
    converged = {"websites": websites, "sources": sources, "stocks": stocks, "links": links, "source_items": []}
    # A fresh install: every website on Default Stock, only the default source.
    fresh = {"websites": websites, "sources": [dict(DEFAULT_SOURCE)],
             "stocks": [{"stock_id": 1, "name": "Default Stock",
                         "sales_channels": [{"type": "website", "code": code} for code in websites]}],
             "links": links[:1], "source_items": []}
    names = dict((stock["stock_id"], stock["name"]) for stock in stocks)
    role_vars = {
        "msi_sources": [_role_source(source) for source in sources],
        "msi_stocks": [{"name": stock["name"], "sales_channels": stock["sales_channels"]} for stock in stocks],
        "msi_links": [{"stock": names[link["stock_id"]], "source_code": link["source_code"],
                       "priority": link["priority"]} for link in links],
    }
    return role_vars, fresh, converged


def _role_source(source):
    record = dict((key, value) for key, value in source.items()
                  if key not in ("is_pickup_location_active", "frontend_name"))
    record["extension_attributes"] = {"is_pickup_location_active": bool(source.get("is_pickup_location_active"))}
    if source.get("frontend_name"):
        record["extension_attributes"]["frontend_name"] = source["frontend_name"]
    return record


def module_processes(log_dir, label):
    path = os.path.join(log_dir, label + ".rss")
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        return sum(1 for line in handle if len(line.split()) == 3 and line.split()[0].isdigit())


class RoleBench(object):
    def __init__(self, args):
        self.args = args
        self.work_dir, self.log_dir, collections = measure.bench_dirs(COLLECTION_ROOT, args.output_dir)
        self.runner = measure.PlaybookRunner(collections, self.log_dir, sys.executable)
        self.rows = []

    def _path(self, name, data):
        path = os.path.join(self.work_dir, name)
        bench_fixture.write_json(path, data)
        return path

    def _row(self, way, case, runs):
        row = dict(runs[-1])
        row.update(way=way, case=case, runs=len(runs), wall_s=statistics.median(r["wall_s"] for r in runs),
                   ansible_cpu_s=statistics.median(r["ansible_cpu_s"] for r in runs),
                   module_processes=module_processes(self.log_dir, runs[-1]["log"]))
        self.rows.append(row)
        print("%-11s %-8s %7.2f s  %4d requests  %4d writes  %s module runs"
              % (way, case, row["wall_s"], row["requests"], row["writes"], row["module_processes"]), flush=True)

    def run(self):
        args = self.args
        started = time.monotonic()
        load_at_start = os.getloadavg()[0]
        role_vars, fresh, converged = store(args.sources, args.stocks)
        vars_path = self._path("role-vars.json", role_vars)
        fresh_path = self._path("role-fresh-fixture.json", fresh)
        converged_path = self._path("role-converged-fixture.json", converged)
        converge, noop, check = [], [], []
        with BenchEmulator(fresh_path) as emulator:
            for dummy in range(args.runs):
                emulator.reset(args.latency)
                converge.append(self.runner.run(emulator, "role", vars_path))
                noop.append(self.runner.run(emulator, "role", vars_path))
                check.append(self.runner.run(emulator, "role", vars_path, check=True))
        self._row("role", "converge", converge)
        self._row("role", "noop", noop)
        self._row("role", "check", check)
        with BenchEmulator(converged_path) as emulator:
            emulator.reset(args.latency)
            self._row("record_loop", "noop", [self.runner.run(emulator, "record_loop", vars_path)])
        return {"rows": self.rows, "sources": args.sources, "stocks": args.stocks, "links": len(role_vars["msi_links"]),
                "latency_ms": args.latency, "write_cost": WRITE_COST, "elapsed_s": time.monotonic() - started,
                "load_average": [load_at_start, os.getloadavg()[0]]}


def write_page(results, docs_dir, command):
    rows = dict(((row["way"], row["case"]), row) for row in results["rows"])
    lines = [
        "# Benchmark: a whole MSI state through the msi role", "",
        "Generated by `%s` (%.0f s on %s, %d CPUs, Python %s; 1-minute load average %.1f at the start, %.1f at the "
        "end); do not edit by hand. `make bench` regenerates it after [the link benchmarks](benchmarks.md)."
        % (command, results["elapsed_s"], platform.machine(), os.cpu_count(), platform.python_version(),
           results["load_average"][0], results["load_average"][1]), "",
        "A store with %d sources (every tenth a pickup location, every 25th disabled), %d stocks each selling on "
        "its own website, and %d links, against the Magento MSI emulator with %d ms added latency per request and "
        "the same write-cost model as the link benchmarks (%s ms per write request, %s ms per item). Two ways:"
        % (results["sources"], results["stocks"], results["links"], results["latency_ms"],
           results["write_cost"]["write_cost_per_request_ms"], results["write_cost"]["write_cost_per_item_ms"]), "",
        "- **role**: the role `commerceops.magento.msi` (`tests/bench/playbooks/role.yml`): one task per resource, "
        "the list forms of `msi_source` and `msi_stock` (one read of every record, one write per changed record) "
        "and one `msi_stock_source_link` task. `converge` starts from a fresh install (the default source, every "
        "website on Default Stock), `noop` is the same play again, `check` is it once more with `--check`; "
        "median of %d runs." % rows[("role", "noop")]["runs"],
        "- **record loop**: what a play did before the list forms (`record_loop.yml`): a loop of `msi_source` "
        "over the sources and of `msi_stock` over the stocks, one module run per record, and the same link task; "
        "measured once, as a no-op against the converged store.", "",
        "| way | run | wall s | requests | writes | module runs | Ansible CPU s |", "|---|---|---:|---:|---:|---:|---:|"]
    for key in (("role", "converge"), ("role", "noop"), ("role", "check"), ("record_loop", "noop")):
        row = rows[key]
        lines.append("| %s | %s | %.2f | %d | %d | %s | %.2f |" % (
            key[0].replace("_", " "), key[1], row["wall_s"], row["requests"], row["writes"],
            row["module_processes"] if row["module_processes"] is not None else "?", row["ansible_cpu_s"]))
    noop, loop = rows[("role", "noop")], rows[("record_loop", "noop")]
    lines += ["", "The no-op through the role takes %.1f s and %d requests, none of them a write; one module run "
              "per record takes %.1f s (%.0f times as long) for the same answer, most of it Ansible starting %s "
              "module processes." % (noop["wall_s"], noop["requests"], loop["wall_s"], loop["wall_s"] / noop["wall_s"],
                                     loop["module_processes"] if loop["module_processes"] is not None else "one per record"),
              ""]
    with open(os.path.join(docs_dir, PAGE), "w") as handle:
        handle.write("\n".join(lines))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    results = RoleBench(args).run()
    if args.docs_dir:
        write_page(results, args.docs_dir, " ".join(["tests/bench/role_bench.py"] + argv))
    print("role bench done in %.0f s" % results["elapsed_s"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
