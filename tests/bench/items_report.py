# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""items_bench.py's results.json -> docs/benchmarks-source-items.md: the targets of issue 14, then the tables."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import platform

INTRO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "items_benchmarks_intro.md")
PAGE = "benchmarks-source-items.md"
TARGET_SIZE = 100000
# The limits, in MB (10^6 bytes), as the tables show memory.
MODULE_RSS_LIMIT_MB = 150
PROCESS_RSS_LIMIT_MB = 250
# "Flat": the largest size may cost at most this much more per item than the smallest.
FLAT_RATIO = 1.5
# "In about the time of the no-op run".
CHANGE1_RATIO = 1.25
CONVERGE_RATIO = 1.25
NOOP_VS_READS_RATIO = 1.5
READ_PLAN_ALLOWANCE = 3
# A run's emulator CPU is read in 10 ms ticks; below this many seconds a per-item figure is mostly rounding.
EMULATOR_CPU_RESOLVED_S = 0.1

WAY_LABELS = (("module", "module (-e @file)"), ("uri_reads", "uri: the module's reads, one task each"),
              ("module_src", "module (src: CSV)"), ("module_async", "module (async_bulk)"),
              ("uri_post", "uri: batched POSTs"))
WAY_NAMES = dict(WAY_LABELS)
CASE_ORDER = ("check", "converge", "noop", "change1", "rerun")


def _rows(results, way=None, case=None, n=None):
    return [r for r in results["rows"] if (way is None or r["way"] == way) and (case is None or r["case"] == case)
            and (n is None or r["n"] == n)]


def _one(results, way, case, n):
    rows = _rows(results, way, case, n)
    return rows[0] if rows else None


def mb(kib):
    return kib * 1024 / 1e6 if kib else None


def _fmt_mb(kib):
    value = mb(kib)
    return "%.0f" % value if value is not None else "–"


def _n(count):
    return "{:,}".format(count)


def _ratio(part, whole):
    return part / whole if whole else float("inf")


class Target(object):
    """One line of the targets table: met is True, False or None (not measured / not available)."""

    def __init__(self, key, description, met, evidence, reason=None, unavailable=False):
        self.key, self.description, self.met, self.evidence, self.reason = key, description, met, evidence, reason
        # met is None because the collection or the emulator cannot run the way yet (not just left out).
        self.unavailable = unavailable

    def result(self):
        if self.met is None:
            return "not available" if self.unavailable else "not measured"
        return "met" if self.met else "**missed**"


def targets_heading(results):
    if not results["rows"]:
        return "## Targets"
    count = max(r["n"] for r in results["rows"])
    return "## Targets, at %s items%s" % (_n(count), "" if count >= TARGET_SIZE else
                                          " (%s were not measured in this run)" % _n(TARGET_SIZE))


# The ways the sync targets are checked for: the items as a play variable (ansible-core's defaults, 1.0.0's
# interface) and through src, the way the docs recommend for big sets.
SYNC_WAYS = (("module", "-e @file"), ("module_src", "src"))


def _missing(key, description, results, way):
    reason = results["unavailable"].get(way)
    return Target(key, description, None, reason or "the %s way was not measured" % way,
                  unavailable=reason is not None)


def noop_targets(results, count, way, label):
    noop = _one(results, way, "noop", count)
    if noop is None:
        return [_missing("noop, " + label, "no-op run (%s): zero writes, requests <= the cheaper read plan + %d, "
                         "wall time <= %.1fx the same reads via uri" % (label, READ_PLAN_ALLOWANCE, NOOP_VS_READS_RATIO),
                         results, way)]
    plan = results["read_plans"][str(count)]
    limit = plan["cheaper"] + READ_PLAN_ALLOWANCE
    targets = [
        Target("noop_writes, " + label, "no-op run (%s): zero writes" % label, noop["writes"] == 0,
               "%d writes, %d items written" % (noop["writes"], noop["items_written"])),
        Target("noop_requests, " + label, "no-op run (%s): requests <= the cheaper read plan + %d"
               % (label, READ_PLAN_ALLOWANCE), noop["requests"] <= limit,
               "%d requests = %d item pages + %d counts + %d lookups; cheaper read plan %d item pages (whole "
               "sources %d, SKU chunks per source %d, at all sources together %d), limit %d"
               % (noop["requests"], noop["item_reads"], noop["counts"], noop["lookups"], plan["cheaper"],
                  plan["whole_sources"], plan["by_sku_per_source"], plan["by_sku_together"], limit),
               "The module read %d item pages where the cheaper plan needs %d, and sent %d page_size=1 counts and %d "
               "other lookups (the sources: that they exist, and their spelling in Magento)."
               % (noop["item_reads"], plan["cheaper"], noop["counts"], noop["lookups"])),
    ]
    reads = _one(results, "uri_reads", "noop", count)
    if reads is None:
        targets.append(_missing("noop_vs_reads, " + label, "no-op run (%s): wall time <= %.1fx the same reads, one "
                                "uri task each" % (label, NOOP_VS_READS_RATIO), results, "uri_reads"))
    else:
        ratio = _ratio(noop["wall_s"], reads["wall_s"])
        targets.append(Target(
            "noop_vs_reads, " + label, "no-op run (%s): wall time <= %.1fx the same reads with one uri task each"
            % (label, NOOP_VS_READS_RATIO), ratio <= NOOP_VS_READS_RATIO,
            "%.2f s vs %.2f s for %d uri reads (%.2fx)" % (noop["wall_s"], reads["wall_s"], reads["requests"], ratio),
            "The module's no-op run took %.2f s of Ansible CPU (%.2f s in the module process) against %.2f s for "
            "the uri tasks." % (noop["ansible_cpu_s"], noop["module_cpu_s"] or 0, reads["ansible_cpu_s"])))
    return targets


def change_targets(results, count, way, label):
    change = _one(results, way, "change1", count)
    noop = _one(results, way, "noop", count)
    if change is None or noop is None:
        return [_missing("change1, " + label, "1%% changed (%s): writes only the changed items, in about the no-op "
                         "time" % label, results, way)]
    cost = results["write_cost"]
    write_cost_s = (change["writes"] * cost["write_cost_per_request_ms"]
                    + change["items_written"] * cost["write_cost_per_item_ms"]) / 1000.0
    ratio = _ratio(change["wall_s"], noop["wall_s"])
    return [
        Target("change1_writes, " + label, "1%% changed (%s): writes only the changed items" % label,
               change["items_written"] == change["changed_items"],
               "%d items written in %d write request(s); %d items changed"
               % (change["items_written"], change["writes"], change["changed_items"])),
        Target("change1_time, " + label, "1%% changed (%s): in about the time of the no-op run (<= %.2fx)"
               % (label, CHANGE1_RATIO), ratio <= CHANGE1_RATIO,
               "%.2f s vs %.2f s (%.2fx); the emulator's write cost alone is %.1f s of it"
               % (change["wall_s"], noop["wall_s"], ratio, write_cost_s),
               "The 1%% run is the no-op run's reads plus %d write request(s) of %d items. Of the %.2f s it takes "
               "beyond the no-op run, %.1f s is the store's own time for those writes under the write-cost model, "
               "which no client avoids; the rest, %.2f s, is %.2f%% of the no-op run. Ansible CPU %.2f s against "
               "the no-op run's %.2f s, emulator CPU %.2f s against %.2f s."
               % (change["writes"], change["items_written"], change["wall_s"] - noop["wall_s"], write_cost_s,
                  change["wall_s"] - noop["wall_s"] - write_cost_s,
                  100.0 * (change["wall_s"] - noop["wall_s"] - write_cost_s) / noop["wall_s"],
                  change["ansible_cpu_s"], noop["ansible_cpu_s"], change["emulator_cpu_s"], noop["emulator_cpu_s"])),
    ]


def converge_target(results, count, way, label):
    module = _one(results, way, "converge", count)
    post = _one(results, "uri_post", "converge", count)
    description = "converging run (%s), sync: <= %.2fx the bare batched uri POSTs" % (label, CONVERGE_RATIO)
    if module is None:
        return [_missing("converge_vs_post, " + label, description, results, way)]
    if post is None:
        return [_missing("converge_vs_post, " + label, description, results, "uri_post")]
    ratio = _ratio(module["wall_s"], post["wall_s"])
    return [Target(
        "converge_vs_post, " + label, description, ratio <= CONVERGE_RATIO,
        "%.2f s vs %.2f s (%.2fx); %d vs %d requests" % (module["wall_s"], post["wall_s"], ratio,
                                                         module["requests"], post["requests"]),
        "Both send the same %d saves, and the write-cost model gives them the same wait. The module adds %d "
        "reads, and spends %.2f s of Ansible CPU (%.2f s in the module process) against %.2f s for the uri "
        "loop." % (post["writes"], module["reads"], module["ansible_cpu_s"], module["module_cpu_s"] or 0,
                   post["ansible_cpu_s"]))]


def async_target(results, count):
    async_row = _one(results, "module_async", "converge", count)
    if async_row is None:
        return [_missing("async_consumer", "async_bulk: the run reports how long the consumer took", results,
                         "module_async")]
    reported = async_row.get("module_seconds_waited")
    observed = async_row.get("consumer_s")
    sync = _one(results, "module", "converge", count)
    return [Target(
        "async_consumer", "async_bulk converging run (-e @file): reports how long the consumer took",
        reported is not None,
        "the module reports %s waited for the consumer (bulk.seconds_waited); the emulator saw it work %s on "
        "%d operations; the whole run took %.2f s%s" % (
            _cell(reported, "%.1f s"), _cell(observed, "%.1f s"), async_row.get("bulk_operations") or 0,
            async_row["wall_s"], ", the sync run %.2f s" % sync["wall_s"] if sync else ""),
        "The run's result carried no bulk.seconds_waited.")]


def memory_targets(results, count):
    reference = _rows(results, "module", n=count)
    seen = ("with -e @file at %s: module %s MB, largest process %s MB (controller %s MB)"
            % (_n(count), _fmt_mb(max(r["peak_rss_kib"] or 0 for r in reference)),
               _fmt_mb(max(r["tree_peak_rss_kib"] or 0 for r in reference)),
               _fmt_mb(max(r["controller_peak_rss_kib"] or 0 for r in reference))) if reference else "")
    rows = _rows(results, "module_src", n=count)
    if not rows:
        why = results["unavailable"].get("module_src", "the src way was not measured")
        unavailable = "module_src" in results["unavailable"]
        return [Target("module_rss_src", "module peak RSS < %d MB with src" % MODULE_RSS_LIMIT_MB, None,
                       "%s; %s" % (why, seen) if seen else why, unavailable=unavailable),
                Target("all_rss_src", "no process above %d MB with src" % PROCESS_RSS_LIMIT_MB, None, why,
                       unavailable=unavailable)]
    module_peak = max(r["peak_rss_kib"] or 0 for r in rows)
    largest = max(rows, key=lambda r: r["tree_peak_rss_kib"] or 0)
    planning = results.get("planning_rss")
    planned = (" A process that holds %s desired and %s current items and plans them peaks at %.0f MB "
               "(tests/bench/items_plan_scaling.py)." % (_n(planning["items"]), _n(planning["items"]),
                                                         planning["peak_mib"] * 1.048576) if planning else "")
    return [
        Target("module_rss_src", "module peak RSS with src: < %d MB" % MODULE_RSS_LIMIT_MB,
               mb(module_peak) < MODULE_RSS_LIMIT_MB, "%s MB; %s" % (_fmt_mb(module_peak), seen),
               "The module process holds the desired items, the items read, the plan, `before` and `after`."
               + planned),
        Target("all_rss_src", "largest process of the run with src: <= %d MB" % PROCESS_RSS_LIMIT_MB,
               mb(largest["tree_peak_rss_kib"]) <= PROCESS_RSS_LIMIT_MB,
               "%s MB (%s run; controller %s MB, module %s MB)" % (
                   _fmt_mb(largest["tree_peak_rss_kib"]), largest["case"], _fmt_mb(largest["controller_peak_rss_kib"]),
                   _fmt_mb(largest["peak_rss_kib"])),
               "The largest process of the %s run peaked at %s MB: the controller at %s MB, its workers at %s MB, "
               "the module process at %s MB." % (largest["case"], _fmt_mb(largest["tree_peak_rss_kib"]),
                                                 _fmt_mb(largest["controller_peak_rss_kib"]),
                                                 _fmt_mb(largest["worker_peak_rss_kib"]),
                                                 _fmt_mb(largest["peak_rss_kib"]))),
    ]


def planning_target(results):
    planning = results.get("planning") or []
    if len(planning) < 2:
        return [Target("plan_flat", "planning time per item flat", None, "planning was not measured")]
    first, last = planning[0], planning[-1]
    ratio = _ratio(last["noop"]["us_per_item"], first["noop"]["us_per_item"])
    no_gc = ", ".join("%s: %.1f µs" % (_n(p["items"]), p["noop_without_gc"]["us_per_item"]) for p in planning)
    sorts = ", ".join("%s: %.2f µs" % (_n(p["items"]), p["one_sort"]["us_per_item"]) for p in planning)
    gc_ratio = _ratio(last["noop_without_gc"]["us_per_item"], first["noop_without_gc"]["us_per_item"])
    sort_growth = last["one_sort"]["us_per_item"] - first["one_sort"]["us_per_item"]
    return [Target(
        "plan_flat", "planning time per item flat from %s to %s items (within %.1fx)"
        % (_n(first["items"]), _n(last["items"]), FLAT_RATIO), ratio <= FLAT_RATIO,
        ", ".join("%s: %.1f µs" % (_n(p["items"]), p["noop"]["us_per_item"]) for p in planning) + " (%.2fx)" % ratio,
        "With the garbage collector off, the same no-op plan takes %s per item (%.2fx), so the collector's "
        "passes %s. One sort of the items by source and SKU takes %s per item: %.2f µs more at %s than at %s, "
        "more than N log N predicts, because %s dicts no longer fit the CPU caches. A no-op plan makes three "
        "such sorts (`before`, `after`, and the read scope's SKUs), about %.1f µs of the %.1f µs the no-op "
        "plan grows per item; the rest is the validation and the dict lookups, over tables that outgrow the "
        "caches too. The tracemalloc peak grows linearly (%s). What would fix the sorts' part: sort only what is "
        "returned, and only when it is returned (`before`/`after` under --diff or on request); the saves need "
        "no order." % (no_gc, gc_ratio, "explain little of the growth" if gc_ratio > FLAT_RATIO * 0.9 else
                       "explain much of it", sorts, sort_growth, _n(last["items"]), _n(first["items"]),
                       _n(last["items"]), 3 * sort_growth,
                       last["noop"]["us_per_item"] - first["noop"]["us_per_item"],
                       ", ".join("%.0f MiB" % p["noop"]["tracemalloc_peak_mib"] for p in planning)))]


def emulator_target(results):
    rows = sorted(_rows(results, "uri_post", "converge"), key=lambda r: r["n"])
    resolved = [r for r in rows if (r["emulator_cpu_s"] or 0) >= EMULATOR_CPU_RESOLVED_S]
    listed = ", ".join("%s: %.1f µs" % (_n(r["n"]), r["emulator_us_per_saved_item"]) for r in rows
                       if r["emulator_us_per_saved_item"] is not None)
    if len(resolved) < 2:
        return [Target("emulator_flat", "emulator CPU per saved item flat as the store grows", None,
                       "fewer than two sizes with %.1f s of emulator CPU or more%s"
                       % (EMULATOR_CPU_RESOLVED_S, "; " + listed if listed else ""))]
    first, last = resolved[0], resolved[-1]
    ratio = _ratio(last["emulator_us_per_saved_item"], first["emulator_us_per_saved_item"])
    return [Target(
        "emulator_flat", "emulator CPU per saved item flat from %s to %s items (within %.1fx; uri POST runs)"
        % (_n(first["n"]), _n(last["n"]), FLAT_RATIO), ratio <= FLAT_RATIO, listed + " (%.2fx)" % ratio,
        "The emulator's save costs more per item as the store grows; see its CPU in the rerun rows, which save "
        "into a full store.")]


def targets(results):
    measured = [r["n"] for r in results["rows"]]
    if not measured:
        return []
    count = max(measured)
    found = []
    for way, label in SYNC_WAYS:
        found += noop_targets(results, count, way, label)
    for way, label in SYNC_WAYS:
        found += change_targets(results, count, way, label)
    for way, label in SYNC_WAYS:
        found += converge_target(results, count, way, label)
    return (found + async_target(results, count) + memory_targets(results, count) + planning_target(results)
            + emulator_target(results))


def _cell(value, pattern="%.2f"):
    return pattern % value if value is not None else "–"


def table(results, count):
    lines = ["| way | run | wall s | requests | item pages / counts / lookups | writes | items written | bytes sent "
             "| Ansible CPU s | module CPU s | module MB | controller MB | largest MB | emulator CPU s "
             "| emulator µs/saved item | runs |",
             "|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for way, label in WAY_LABELS:
        for case in CASE_ORDER:
            row = _one(results, way, case, count)
            if row is None:
                continue
            lines.append("| %s | %s | %.2f | %d | %d / %d / %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |" % (
                label, case, row["wall_s"], row["requests"], row["item_reads"], row["counts"], row["lookups"],
                row["writes"], _n(row["items_written"]), _n(row["bytes"]), _cell(row["ansible_cpu_s"]),
                _cell(row["module_cpu_s"]), _fmt_mb(row["peak_rss_kib"]), _fmt_mb(row["controller_peak_rss_kib"]),
                _fmt_mb(row["tree_peak_rss_kib"]), _cell(row["emulator_cpu_s"]),
                # Only where the run is mostly writes: elsewhere its reads make the figure meaningless.
                _cell(row["emulator_us_per_saved_item"] if case in ("converge", "rerun") else None, "%.1f"),
                row["runs"]))
    notes = []
    for case in CASE_ORDER:
        row = _one(results, "module_async", case, count)
        if row is not None:
            notes.append("- async_bulk %s: %d bulk operations; the consumer worked %s as the emulator saw it (polled "
                         "every 0.5 s), the module reports %s of waiting for it and %s queueing the bulk POSTs."
                         % (case, row.get("bulk_operations") or 0, _cell(row.get("consumer_s"), "%.1f s"),
                            _cell(row.get("module_seconds_waited"), "%.1f s"),
                            _cell(row.get("module_seconds_enqueueing"), "%.1f s")))
    return lines + ([""] + notes if notes else [])


def write(results, docs_dir, command):
    args = results["args"]
    load = results.get("load_average")
    busy = "; 1-minute load average %.1f at the start, %.1f at the end" % tuple(load) if load else ""
    lines = ["# Benchmarks: source items at catalog scale", "",
             "Generated by `%s` (%.0f s on %s, %d CPUs, Python %s%s); do not edit by hand."
             % (command, results["elapsed_s"], platform.machine(), os.cpu_count(), platform.python_version(), busy),
             "`make bench-items` regenerates this page; `make bench` runs it too. Issue 14, section 4, sets the "
             "targets. Links and the other resources are covered in [benchmarks.md](benchmarks.md).", ""]
    with open(INTRO) as handle:
        lines.append(handle.read().rstrip() % {
            "sources": results["source_count"], "page_size": results["page_size"],
            "batch_size": results["batch_size"], "changed_every": results["changed_every"],
            "cost_request": results["write_cost"]["write_cost_per_request_ms"],
            "cost_item": results["write_cost"]["write_cost_per_item_ms"], "runs": args["runs"],
            "large_runs": args["large_runs"], "large_from": _n(50000)})
    lines += ["", targets_heading(results), "", "| target | result | measured |", "|---|---|---|"]
    missed = []
    for target in targets(results):
        lines.append("| %s | %s | %s |" % (target.description, target.result(), target.evidence))
        if target.met is False and target.reason:
            missed.append((target.key, target.reason))
    if missed:
        lines += ["", "### Why targets were missed", ""]
        lines += ["- **%s**: %s" % (key, reason) for key, reason in missed]
    if results["unavailable"]:
        lines += ["", "## Ways not measured", ""]
        lines += ["- **%s**: %s." % (WAY_NAMES.get(way, way), reason)
                  for way, reason in sorted(results["unavailable"].items())]
    for count in sorted(set(r["n"] for r in results["rows"])):
        lines += ["", "## %s items" % _n(count), ""] + table(results, count)
    planning = results.get("planning") or []
    if planning:
        lines += ["", "## Planning in-process (source_item_plan, state=merged, no HTTP)", "",
                  "Validating, respelling, scoping the reads, planning and batching the writes, as the module "
                  "does between its reads and its writes (`tests/bench/items_plan_scaling.py`; the median of "
                  "repeats that take about 0.5 s, at least 3).", "",
                  "| N | converge µs/item | no-op µs/item | 1% changed µs/item | no-op µs/item, gc off "
                  "| one sort µs/item | no-op s | repeats | tracemalloc peak MiB |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for p in planning:
            lines.append("| %s | %.1f | %.1f | %.1f | %.1f | %.2f | %.3f | %d | %.1f |" % (
                _n(p["items"]), p["converge"]["us_per_item"], p["noop"]["us_per_item"], p["change1"]["us_per_item"],
                p["noop_without_gc"]["us_per_item"], p["one_sort"]["us_per_item"], p["noop"]["seconds"],
                p["noop"]["repeats"], p["noop"]["tracemalloc_peak_mib"]))
        rss = results.get("planning_rss")
        if rss:
            lines += ["", "A fresh process holding %s desired and %s current items peaks at %.0f MB while it plans "
                      "them (%.0f MB before planning)." % (_n(rss["items"]), _n(rss["items"]),
                                                           rss["peak_mib"] * 1.048576, rss["inputs_mib"] * 1.048576)]
    lines.append("")
    with open(os.path.join(docs_dir, PAGE), "w") as handle:
        handle.write("\n".join(lines))
