# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Judge one `ansible-runner run` of the MSI tutorial from its job events and the emulator's request log.

    check_run.py --artifacts DIR/artifacts/IDENT --emulator-url URL --markers FILE --expect converged|unchanged

converged: the run changed the shop (writes in the request log, changed tasks in the events) and the
reindex handler ran indexer:reindex; unchanged: no write, no changed task, no reindex. Both: the run
succeeded, every request was authenticated (no 401), and no secret (FILE: the first characters of each
secret, one a line), nor an admin token, appears in any job event or in the stdout artifact. Clears the request log.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import glob
import json
import os
import re
import sys
from urllib.request import Request, urlopen

FAILED_EVENTS = ("runner_on_failed", "runner_on_unreachable", "runner_item_on_failed")
REINDEX_TASK = "Run indexer:reindex as the owner"
# Admin tokens (JWTs) the emulator issues for a username and password.
ADMIN_TOKEN = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ")


def read_events(artifacts):
    events = []
    for path in glob.glob(os.path.join(artifacts, "job_events", "*.json")):
        with open(path) as handle:
            text = handle.read()
        events.append((json.loads(text), text))
    return sorted(events, key=lambda pair: pair[0]["counter"])


def emulator(url, method):
    request = Request(url + "/__emulator__/log", method=method)
    with urlopen(request, timeout=10) as response:
        content = response.read()
    return json.loads(content.decode("utf-8")) if content else None


def problems_of(artifacts, events, requests, markers, expect):
    problems = []
    with open(os.path.join(artifacts, "status")) as handle:
        status = handle.read().strip()
    if status != "successful":
        problems.append("runner status %s" % status)
    stats = [event for event, dummy in events if event["event"] == "playbook_on_stats"]
    if len(stats) != 1:
        return problems + ["%d playbook_on_stats events" % len(stats)]
    stats = stats[0]["event_data"]
    if stats.get("failures") or stats.get("dark"):
        problems.append("failures %s, unreachable %s" % (stats.get("failures"), stats.get("dark")))
    failed = [event["event_data"].get("task") for event, dummy in events
              if event["event"] in FAILED_EVENTS and not event["event_data"].get("ignore_errors")]
    if failed:
        problems.append("failed tasks: %s" % failed)
    changed_tasks = sorted(set(event["event_data"]["task"] for event, dummy in events
                               if event["event"] == "runner_on_ok" and event["event_data"]["res"].get("changed")))
    reindexed = [task for task in changed_tasks if task.startswith(REINDEX_TASK)]
    writes = [entry for entry in requests if entry["write"]]
    if expect == "converged":
        if not (stats.get("changed") and writes and reindexed):
            problems.append("expected a converging run: changed %s, %d writes, reindex tasks %s"
                            % (stats.get("changed"), len(writes), reindexed))
    elif stats.get("changed") or writes or changed_tasks:
        problems.append("expected no change: changed %s, %d writes, changed tasks %s"
                        % (stats.get("changed"), len(writes), changed_tasks))
    if not requests or any(entry["status"] == 401 for entry in requests):
        problems.append("%d requests, %d refused with 401"
                        % (len(requests), sum(1 for entry in requests if entry["status"] == 401)))
    outputs = [("job event %d" % event["counter"], text) for event, text in events]
    stdout_path = os.path.join(artifacts, "stdout")
    if os.path.exists(stdout_path):
        with open(stdout_path) as handle:
            outputs.append(("stdout", handle.read()))
    for marker in markers:
        leaks = [name for name, text in outputs if marker in text]
        if leaks:
            problems.append("a secret starting with %s is in %s" % (marker, ", ".join(leaks)))
    leaks = [name for name, text in outputs if ADMIN_TOKEN.search(text)]
    if leaks:
        problems.append("an admin token is in %s" % ", ".join(leaks))
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--emulator-url", required=True)
    parser.add_argument("--markers", required=True)
    parser.add_argument("--expect", choices=("converged", "unchanged"), required=True)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    with open(args.markers) as handle:
        markers = [line.strip() for line in handle if line.strip()]
    events = read_events(args.artifacts)
    requests = emulator(args.emulator_url, "GET")["requests"]
    emulator(args.emulator_url, "DELETE")
    problems = problems_of(args.artifacts, events, requests, markers, args.expect)
    for problem in problems:
        print("FAILED: " + problem)
    print("%s: %d job events, %d requests (%d writes), %d secrets looked for, %d problems"
          % (os.path.basename(args.artifacts), len(events), len(requests),
             sum(1 for entry in requests if entry["write"]), len(markers), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
