# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Soak test: playbooks/msi_tutorial.yml many times against emulators that fail 30% of requests.

Each run gets a fresh emulator (fixture fresh-install, or every other run tests/soak/fixtures/drifted.json
with links to remove), a seeded fault profile (502, 503 or 429, with or without Retry-After, some dropped
connections, a little latency) and the play with default retries. Faults off, the state is judged
(soak_checks); a run that failed is then run again without faults and must converge. Exit status 1
when any run is bad.

    tests/soak/soak.py --runs 200 --parallel 2 --output-dir build/soak --report docs/reliability.md
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import yaml

import soak_checks
import soak_report

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))

from magento_msi_emulator.process import EmulatorProcess  # noqa: E402  pylint: disable=wrong-import-position
FIXTURES = ("fresh-install", os.path.join(HERE, "fixtures", "drifted.json"))
FAULT_STATUSES = (502, 503, 429)
RETRY_AFTERS = (None, 0, 1)
LATENCIES_MS = (0, 0, 10, 30)
PLAY_TIMEOUT = 600


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--parallel", type=int, default=2, help="runs at the same time")
    parser.add_argument("--fault-fraction", type=float, default=0.3, help="share of requests that fail")
    parser.add_argument("--drop-share", type=float, default=0.2, help="share of the faults that drop the connection")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--output-dir", required=True, help="run logs and runs.jsonl go here (emptied first)")
    parser.add_argument("--report", help="a Markdown file whose soak-figures block is rewritten")
    return parser.parse_args(argv)


def fault_profile(rng, fraction, drop_share):
    """Faults for one run; the emulator drops first, then fails, so fail_fraction is scaled to keep the total."""
    drop = fraction * drop_share
    profile = {"status": rng.choice(FAULT_STATUSES), "drop_fraction": drop,
               "fraction": (fraction - drop) / (1.0 - drop), "latency_ms": rng.choice(LATENCIES_MS),
               "seed": rng.randrange(2 ** 31)}
    retry_after = rng.choice(RETRY_AFTERS)
    if retry_after is not None:
        profile["retry_after"] = retry_after
    return profile


def load_play_vars():
    with open(os.path.join(ROOT, "playbooks", "msi_tutorial.yml")) as handle:
        return yaml.safe_load(handle)[0]["vars"]


def run_play(url):
    env = dict(os.environ, MAGENTO_URL=url, MAGENTO_TOKEN="emulator-token", ANSIBLE_NOCOLOR="1",
               ANSIBLE_FORCE_COLOR="0", ANSIBLE_LOCALHOST_WARNING="False",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="False", ANSIBLE_PIPELINING="True")
    try:
        done = subprocess.run(["ansible-playbook", "commerceops.magento.msi_tutorial"], env=env, cwd=HERE,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=PLAY_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        return -1, (exc.stdout or b"").decode("utf-8", "replace") + "\nsoak: the play ran over %d s" % PLAY_TIMEOUT
    return done.returncode, done.stdout.decode("utf-8", "replace")


def is_fault(entry):
    return entry["status"] is None or entry["status"] in FAULT_STATUSES


def soak_run(index, options, wanted):
    rng = random.Random("%d-%d" % (options.seed, index))
    fixture = FIXTURES[index % len(FIXTURES)]
    profile = fault_profile(rng, options.fault_fraction, options.drop_share)
    record = {"run": index, "fixture": os.path.basename(fixture), "faults": profile}
    started = time.monotonic()
    with EmulatorProcess(fixture) as emulator:
        initial = emulator.control("GET", "state")
        emulator.control("POST", "faults", profile)
        returncode, output = run_play(emulator.url)
        emulator.control("DELETE", "faults")
        log = emulator.control("GET", "log")["requests"]
        final = emulator.control("GET", "state")
        outcome, reasons = soak_checks.classify(returncode, output, initial, final, wanted)
        messages = soak_checks.failure_messages(output)
        if outcome == soak_checks.FAILED_CLEANLY:
            again, again_output = run_play(emulator.url)
            output += "\n--- rerun without faults ---\n" + again_output
            recovered, problems = soak_checks.classify(again, again_output, initial,
                                                       emulator.control("GET", "state"), wanted)
            record["recovered"] = recovered == soak_checks.CONVERGED
            if not record["recovered"]:
                outcome, reasons = soak_checks.BAD, ["the rerun without faults did not converge"] + problems
    faulted = sum(1 for entry in log if is_fault(entry))
    record.update(outcome=outcome, reasons=reasons, returncode=returncode, failures=messages,
                  requests=len(log), faulted=faulted, retried=max(faulted - len(messages), 0),
                  seconds=round(time.monotonic() - started, 1))
    with open(os.path.join(options.output_dir, "run-%03d.log" % index), "w") as handle:
        handle.write(output)
    return record


def main(argv=None):
    options = parse_args(argv)
    shutil.rmtree(options.output_dir, ignore_errors=True)
    os.makedirs(options.output_dir)
    wanted = soak_checks.wanted_state(load_play_vars())
    started = time.monotonic()
    records = []
    with ThreadPoolExecutor(max_workers=options.parallel) as pool, \
            open(os.path.join(options.output_dir, "runs.jsonl"), "w") as journal:
        for record in pool.map(lambda index: soak_run(index, options, wanted), range(1, options.runs + 1)):
            records.append(record)
            journal.write(json.dumps(record, sort_keys=True) + "\n")
            journal.flush()
            print("run %3d %-14s %-13s %3d requests, %2d faulted, %5.1f s%s" % (
                record["run"], record["outcome"], record["fixture"], record["requests"], record["faulted"],
                record["seconds"], "".join("\n    " + reason for reason in record["reasons"])), flush=True)
    summary = soak_report.summarize(records, options, time.monotonic() - started)
    print(soak_report.render_text(summary))
    if options.report:
        soak_report.update_document(options.report, soak_report.render_markdown(summary))
    return 1 if summary["bad"] else 0


if __name__ == "__main__":
    sys.exit(main())
