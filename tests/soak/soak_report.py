# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Soak figures: a summary of the runs, as text for the console and Markdown for docs/reliability.md."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import soak_checks

BLOCK_START = "<!-- soak-figures:start -->"
BLOCK_END = "<!-- soak-figures:end -->"


def _profile_name(faults):
    after = faults.get("retry_after")
    return "%d, %s" % (faults["status"], "no Retry-After" if after is None else "Retry-After: %d" % after)


def _failure_kind(message):
    match = re.search(r" answered (\d{3})| failed: (.+?) talking to", message)
    if not match:
        return "other"
    return "answered %s" % match.group(1) if match.group(1) else match.group(2).strip()


def _count(records, outcome):
    return sum(1 for record in records if record["outcome"] == outcome)


def summarize(records, options, seconds):
    profiles, kinds = {}, {}
    for record in records:
        row = profiles.setdefault(_profile_name(record["faults"]), dict.fromkeys(
            (soak_checks.CONVERGED, soak_checks.FAILED_CLEANLY, soak_checks.BAD), 0))
        row[record["outcome"]] += 1
        for message in record["failures"]:
            kinds[_failure_kind(message)] = kinds.get(_failure_kind(message), 0) + 1
    return {
        "runs": len(records), "converged": _count(records, soak_checks.CONVERGED),
        "failed_cleanly": _count(records, soak_checks.FAILED_CLEANLY), "bad": _count(records, soak_checks.BAD),
        "recovered": sum(1 for record in records if record.get("recovered")),
        "requests": sum(record["requests"] for record in records),
        "faulted": sum(record["faulted"] for record in records),
        "retried": sum(record["retried"] for record in records),
        "profiles": profiles, "failure_kinds": kinds, "seconds": seconds,
        "parallel": options.parallel, "fault_fraction": options.fault_fraction,
        "drop_share": options.drop_share, "seed": options.seed,
        "bad_runs": [(record["run"], record["reasons"]) for record in records if record["outcome"] == soak_checks.BAD],
    }


def render_text(summary):
    lines = ["%(runs)d runs: %(converged)d converged, %(failed_cleanly)d failed cleanly "
             "(%(recovered)d converged on a rerun without faults), %(bad)d bad" % summary,
             "%(requests)d requests, %(faulted)d answered with a fault, %(retried)d retried; "
             "%(seconds).0f s with %(parallel)d at a time" % summary]
    for run, reasons in summary["bad_runs"]:
        lines.append("bad run %d: %s" % (run, "; ".join(reasons)))
    return "\n".join(lines)


def _share(part, summary):
    return 100.0 * part / summary["runs"] if summary["runs"] else 0.0


def render_markdown(summary):
    lines = [
        "| runs | converged | failed cleanly | bad | requests | faulted answers | requests retried |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        "| %d | %d (%.0f%%) | %d (%.0f%%) | %d | %d | %d | %d |" % (
            summary["runs"], summary["converged"], _share(summary["converged"], summary), summary["failed_cleanly"],
            _share(summary["failed_cleanly"], summary), summary["bad"], summary["requests"], summary["faulted"],
            summary["retried"]),
        "",
        "Every run that failed cleanly was run again without faults: %d of %d converged."
        % (summary["recovered"], summary["failed_cleanly"]),
        "Fault rate %.0f%% (%.0f%% of the faults dropped connections), seed %d, %d runs at a time, %.0f s in all."
        % (100 * summary["fault_fraction"], 100 * summary["drop_share"], summary["seed"], summary["parallel"],
           summary["seconds"]),
        "",
        "| fault answer | runs | converged | failed cleanly | bad |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in sorted(summary["profiles"].items()):
        lines.append("| %s | %d | %d | %d | %d |" % (
            name, sum(row.values()), row[soak_checks.CONVERGED], row[soak_checks.FAILED_CLEANLY], row[soak_checks.BAD]))
    lines += ["", "| why a task failed (after its retries) | tasks |", "|---|---:|"]
    for kind, number in sorted(summary["failure_kinds"].items(), key=lambda pair: (-pair[1], pair[0])):
        lines.append("| %s | %d |" % (kind, number))
    return "\n".join(lines)


def update_document(path, figures):
    """Replace what lies between the soak-figures markers; everything else in the file stays."""
    with open(path) as handle:
        text = handle.read()
    start, end = text.find(BLOCK_START), text.find(BLOCK_END)
    if start < 0 or end < start:
        raise ValueError("%s has no %s ... %s block" % (path, BLOCK_START, BLOCK_END))
    text = text[:start + len(BLOCK_START)] + "\n" + figures + "\n" + text[end:]
    with open(path, "w") as handle:
        handle.write(text)
