# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""make bench, fleet part: one play over 1, 10 and 50 stores at forks 1, 5 and 10, converging and no-op.

    fleet_bench.py --output-dir build/bench-fleet --docs-dir docs      (writes docs/benchmarks-fleet.md)
    fleet_bench.py --smoke --output-dir DIR                            (2 stores, forks 2; counts only)

Each store is an emulator and a stand-in Magento root (tests/fleet/fleet.py); the play is
tests/fleet/fleet.yml, as in the fleet integration target. A converging run starts from fresh stores
(every store writes its sources and links, then the reindex handler runs on it); a no-op run follows it
and must write and reindex nothing. Every run is checked against the emulators' request logs and the
stand-in's recorded calls before its time counts.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import time

import measure

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
COLLECTION_ROOT = os.path.dirname(os.path.dirname(BENCH_DIR))
sys.path.insert(0, os.path.join(COLLECTION_ROOT, "tests", "fleet"))

from fleet import Fleet, PLAYBOOK  # noqa: E402  pylint: disable=wrong-import-position

PAGE = "benchmarks-fleet.md"


class RunFailed(Exception):
    pass


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", required=True, help="inventories, playbook logs, results.json")
    parser.add_argument("--docs-dir", help="write %s here" % PAGE)
    parser.add_argument("--stores", default="1,10,50")
    parser.add_argument("--forks", default="1,5,10")
    parser.add_argument("--runs", type=int, default=1, help="repetitions; the median wall time is reported")
    parser.add_argument("--smoke", action="store_true", help="2 stores at forks 2, one run; checks only")
    args = parser.parse_args(argv)
    if args.smoke:
        args.stores, args.forks, args.runs = "2", "2", 1
    args.stores = [int(value) for value in args.stores.split(",")]
    args.forks = [int(value) for value in args.forks.split(",")]
    return args


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def store_counts(fleet):
    """Per store: (requests, writes, 401 answers, indexer:reindex calls) so far."""
    counts = []
    for store in fleet.stores:
        entries = store.control("GET", "log")["requests"]
        counts.append((len(entries), sum(1 for entry in entries if entry["write"]),
                       sum(1 for entry in entries if entry["status"] == 401),
                       sum(1 for call in store.calls() if call["argv"][:1] == ["indexer:reindex"])))
    return counts


class FleetBench(object):
    def __init__(self, args):
        self.args = args
        self.work_dir, self.log_dir, self.collections = measure.bench_dirs(COLLECTION_ROOT, args.output_dir)
        self.rows = []
        self.runs = 0

    def play(self, fleet, forks, label):
        self.runs += 1
        log = os.path.join(self.log_dir, "%03d-%s.log" % (self.runs, label))
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=self.collections, ANSIBLE_NOCOLOR="1",
                   ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_HOST_KEY_CHECKING="0")
        cpu_before = children_cpu_seconds()
        emulator_before = time.process_time()
        with open(log, "w") as output:
            started = time.perf_counter()
            status = subprocess.call(["ansible-playbook", "-i", fleet.inventory_path, "--forks", str(forks), PLAYBOOK],
                                     env=env, stdout=output, stderr=subprocess.STDOUT)
            wall = time.perf_counter() - started
        if status != 0:
            raise RunFailed("%s failed (exit %d), see %s" % (label, status, log))
        return {"wall_s": wall, "ansible_cpu_s": children_cpu_seconds() - cpu_before,
                "emulator_cpu_s": time.process_time() - emulator_before, "log": os.path.basename(log)}

    def measure(self, count, forks, runs):
        results = {"converge": [], "noop": []}
        with Fleet(count, os.path.join(self.work_dir, "fleet-%d" % count)) as fleet:
            for dummy in range(runs):
                fleet.reset()
                for case in ("converge", "noop"):
                    before = store_counts(fleet)
                    result = self.play(fleet, forks, "%s-%d-f%d" % (case, count, forks))
                    after = store_counts(fleet)
                    result.update(check(case, before, after))
                    results[case].append(result)
        for case in ("converge", "noop"):
            row = dict(results[case][-1], case=case, stores=count, forks=forks, runs=len(results[case]),
                       wall_s=statistics.median(r["wall_s"] for r in results[case]),
                       wall_all_s=[r["wall_s"] for r in results[case]],
                       ansible_cpu_s=statistics.median(r["ansible_cpu_s"] for r in results[case]))
            self.rows.append(row)
            print("%-8s %3d stores forks %2d: %7.2f s wall  %7.2f s Ansible CPU  %5d requests  %4d writes  %3d reindexes"
                  % (case, count, forks, row["wall_s"], row["ansible_cpu_s"], row["requests"], row["writes"],
                     row["reindexes"]), flush=True)

    def run(self):
        started = time.monotonic()
        load_at_start = os.getloadavg()[0]
        for count in self.args.stores:
            for forks in self.args.forks:
                self.measure(count, forks, self.args.runs)
        results = {"rows": self.rows, "args": vars(self.args), "elapsed_s": time.monotonic() - started,
                   "load_average": [load_at_start, os.getloadavg()[0]]}
        with open(os.path.join(self.work_dir, "results.json"), "w") as handle:
            json.dump(results, handle, indent=1)
        return results


def check(case, before, after):
    """What the run did, summed over the stores; RunFailed unless it is what the case must do."""
    done = [tuple(a - b for a, b in zip(store_after, store_before)) for store_before, store_after in zip(before, after)]
    problems = []
    for index, (requests, writes, refused, reindexes) in enumerate(done, 1):
        if refused:
            problems.append("store %d: %d requests refused (401)" % (index, refused))
        if case == "converge" and not (writes and reindexes == 1):
            problems.append("store %d: %d writes, %d reindexes; expected writes and one reindex" % (index, writes, reindexes))
        if case == "noop" and (writes or reindexes):
            problems.append("store %d: %d writes, %d reindexes; expected none" % (index, writes, reindexes))
    if problems:
        raise RunFailed("%s: %s" % (case, "; ".join(problems)))
    return {"requests": sum(d[0] for d in done), "writes": sum(d[1] for d in done), "reindexes": sum(d[3] for d in done)}


def write_page(results, docs_dir, command):
    rows = results["rows"]
    lines = [
        "# Benchmarks: a fleet of stores",
        "",
        "Generated by `%s` (%.0f s on %s, %d CPUs, Python %s; 1-minute load average %.1f at the start, %.1f at "
        "the end); do not edit by hand. `make bench` (or `make bench-fleet` for this page alone) regenerates it."
        % (command, results["elapsed_s"], platform.machine(), os.cpu_count(), platform.python_version(),
           results["load_average"][0], results["load_average"][1]),
        "",
        "One play (`tests/fleet/fleet.yml`, the one the `fleet` integration target runs) over N stores, each an",
        "inventory host with its own URL and credentials in host variables and its own Magento MSI emulator",
        "on 127.0.0.1 (`tests/fleet/fleet.py`; stores take turns at token, admin password and OAuth). Per store",
        "the play creates two sources and links them to a stock (three module runs, delegated to the",
        "controller), and the reindex handler of every store that changed runs the role on that store's",
        "host (a stand-in `bin/magento` run by `php`, one reindex and flush per store: `reindex_cluster` is",
        "the store's URL).",
        "",
        "- **converge**: every store starts from a fresh install and changes; **no-op** is the same play",
        "  again, which must write nothing and reindex nothing. Both are checked against each emulator's",
        "  request log and each store's recorded `bin/magento` calls before the time counts.",
        "- **wall s**: `ansible-playbook` wall time (median of %d run(s)); **per store**: wall time / N."
        % results["args"]["runs"],
        "- **Ansible CPU s**: user + system CPU of `ansible-playbook` and every process it started (module",
        "  processes, PHP). On this 2-CPU machine, forks beyond 2 can only overlap waiting, so the wall time",
        "  stops falling once the CPU is busy; the CPU column shows the work, which forks do not change.",
        "  **emulator CPU s**: what all the stores' emulators (threads of the benchmark process) spent.",
        "- ansible-core defaults (no pipelining, linear strategy), local connection; the emulators answer in",
        "  microseconds, so this measures Ansible's own cost per store, not Magento's. Against real shops,",
        "  waiting on Magento adds to each store's time and more forks overlap more of it.",
        "",
        "| stores | forks | run | wall s | per store s | Ansible CPU s | emulator CPU s | requests | writes | reindexes |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in sorted(rows, key=lambda r: (r["stores"], r["case"] != "converge", r["forks"])):
        lines.append("| %d | %d | %s | %.2f | %.2f | %.2f | %.2f | %d | %d | %d |"
                     % (row["stores"], row["forks"], "converge" if row["case"] == "converge" else "no-op",
                        row["wall_s"], row["wall_s"] / row["stores"], row["ansible_cpu_s"], row["emulator_cpu_s"],
                        row["requests"], row["writes"], row["reindexes"]))
    lines += ["", "## Scaling", ""]
    for case in ("converge", "noop"):
        for forks in sorted(set(r["forks"] for r in rows)):
            series = sorted((r for r in rows if r["case"] == case and r["forks"] == forks), key=lambda r: r["stores"])
            if len(series) > 1:
                lines.append("- %s, forks %d: %s." % (
                    "converge" if case == "converge" else "no-op", forks,
                    ", ".join("%d %s %.1f s (%.2f s a store)"
                              % (r["stores"], "store" if r["stores"] == 1 else "stores", r["wall_s"], r["wall_s"] / r["stores"])
                              for r in series)))
    largest = max(r["stores"] for r in rows)
    for case in ("converge", "noop"):
        at_largest = sorted((r for r in rows if r["case"] == case and r["stores"] == largest), key=lambda r: r["forks"])
        if len(at_largest) > 1:
            lines.append("- %s at %d stores: between %.2f and %.2f s of Ansible CPU a store at any forks; forks %d to %d "
                         "cut the wall time %.1fx." % (
                             "converge" if case == "converge" else "no-op", largest,
                             min(r["ansible_cpu_s"] for r in at_largest) / largest,
                             max(r["ansible_cpu_s"] for r in at_largest) / largest,
                             at_largest[0]["forks"], at_largest[-1]["forks"],
                             at_largest[0]["wall_s"] / at_largest[-1]["wall_s"]))
    lines.append("")
    with open(os.path.join(docs_dir, PAGE), "w") as handle:
        handle.write("\n".join(lines))


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        results = FleetBench(args).run()
    except RunFailed as error:
        print("FAILED: %s" % error)
        return 1
    if args.docs_dir and not args.smoke:
        command = " ".join(shlex.quote(part) for part in ["tests/bench/fleet_bench.py"] + sys.argv[1:])
        write_page(results, args.docs_dir, command)
    print("fleet bench: %d rows in %.0f s" % (len(results["rows"]), results["elapsed_s"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
