# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where Ansible's CPU and memory go when msi_source_item gets 100,000 source items.

Not a gate, not part of `make bench`: the measurements behind "Where the time goes at 100,000 source
items" in docs/benchmarks.md. Against an emulator without write cost (as the issue measured), each run is
one ansible-playbook; its CPU is that of every process it started (controller, worker, module), the
largest process's peak RSS comes from GNU time, the module process's from measure_python.sh.

    .venv/bin/python tests/bench/source_items_cost.py --output-dir build/items-cost [--skus 20000]

Runs (the no-op ones against a store that already holds every item):
  vars only       ansible.builtin.ping, the items only loaded as play variables (-e @file)
  sink            a module taking items with msi_source_item's sub-options that does nothing with them
  sink, plain     the same with items a plain list of dicts (no sub-option validation)
  items           msi_source_item with items from -e @file, result as in 1.0.0 (before/after)
  items, lean     the same with return_items: false
  src csv/json/jsonl/yaml   msi_source_item with src
  src converge, src 1%      src against an empty store, and with 1% of the quantities changed
and the module's own steps (argument checks, normalize, reads, plan, result) timed in its process, run as
Ansible runs it (arguments from a file, the result printed) for items, items lean and src csv.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(BENCH_DIR))
sys.path.insert(0, BENCH_DIR)
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))

from magento_msi_emulator.process import EmulatorProcess  # noqa: E402  pylint: disable=wrong-import-position
from measure import MEASURE_PYTHON, collections_path, module_process_usage  # noqa: E402  pylint: disable=wrong-import-position

SOURCES = ["wh_%d" % number for number in range(1, 6)]
SINK = '''#!/usr/bin/python
# Takes items as msi_source_item does and does nothing with them: what Ansible costs around a module.
import os
from ansible.module_utils.basic import AnsibleModule
OPTIONS = dict(sku=dict(type="str", required=True), source_code=dict(type="str"), quantity=dict(type="float"),
               status=dict(type="raw"))
SPEC = {"options": dict(type="list", elements="dict", options=OPTIONS), "plain": dict(type="list", elements="dict")}
module = AnsibleModule(argument_spec=dict(items=SPEC[os.environ["SINK_SPEC"]]))
module.exit_json(changed=False, count=len(module.params["items"]))
'''
PLAY = '''- hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - %s
'''
TASKS = {
    "vars only": "ansible.builtin.ping:",
    "sink": 'items_sink: {items: "{{ bench_items }}"}\n      environment: {SINK_SPEC: options}',
    "sink, plain": 'items_sink: {items: "{{ bench_items }}"}\n      environment: {SINK_SPEC: plain}',
    "items": 'commerceops.magento.msi_source_item: {items: "{{ bench_items }}"}',
    "items, lean": 'commerceops.magento.msi_source_item: {items: "{{ bench_items }}", return_items: false}',
}
SRC_TASK = 'commerceops.magento.msi_source_item: {src: "%s"}'


def items(skus, changed_every=0):
    number = 0
    for sku in range(skus):
        for source in SOURCES:
            number += 1
            quantity = (sku * 7 + len(source)) % 100 + (1 if changed_every and number % changed_every == 0 else 0)
            yield {"sku": "SKU-%06d" % sku, "source_code": source, "quantity": float(quantity),
                   "status": 1 if quantity else 0}


def write_data(work, skus):
    """Fixtures (empty, full), the items as play variables and in each src format, 1% changed as CSV."""
    def fixture(source_items):
        return {"websites": ["base"], "source_items": source_items,
                "sources": [{"source_code": code, "name": code, "enabled": True, "country_id": "GB",
                             "postcode": "EC1A 1BB"} for code in ["default"] + SOURCES],
                "stocks": [{"stock_id": 1, "name": "Default Stock",
                            "sales_channels": [{"type": "website", "code": "base"}]}],
                "links": [{"stock_id": 1, "source_code": "default", "priority": 1}]}
    everything = list(items(skus))
    paths = dict((name, os.path.join(work, name)) for name in (
        "empty.json", "full.json", "vars.json", "items.csv", "items.json", "items.jsonl", "items.yml", "1pct.csv"))
    for name, data in (("empty.json", fixture([])), ("full.json", fixture(everything)), ("items.json", everything),
                       ("vars.json", {"bench_items": everything})):
        with open(paths[name], "w") as handle:
            json.dump(data, handle)
    for name, rows in (("items.csv", everything), ("1pct.csv", items(skus, changed_every=100))):
        with open(paths[name], "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["source_code", "sku", "status", "quantity"])
            writer.writerows([row["source_code"], row["sku"], row["status"], "%g" % row["quantity"]] for row in rows)
    with open(paths["items.jsonl"], "w") as handle:
        handle.writelines(json.dumps(row) + "\n" for row in everything)
    with open(paths["items.yml"], "w") as handle:
        handle.writelines("- {sku: %s, source_code: %s, quantity: %g, status: %d}\n"
                          % (row["sku"], row["source_code"], row["quantity"], row["status"]) for row in everything)
    with open(os.path.join(work, "library", "items_sink.py"), "w") as handle:
        handle.write(SINK)
    return paths


def run_play(work, name, task, emulator, extra_vars=None):
    playbook = os.path.join(work, "play-%s.yml" % name.replace(" ", "_").replace(",", "").replace("%", "pct"))
    with open(playbook, "w") as handle:
        handle.write(PLAY % task)
    rss_file, time_file = os.path.join(work, "module.rss"), os.path.join(work, "playbook.time")
    for path in (rss_file, time_file):
        if os.path.exists(path):
            os.remove(path)
    command = ["/usr/bin/time", "--format", "%M", "--output", time_file, "ansible-playbook", playbook,
               "-e", "ansible_python_interpreter=" + MEASURE_PYTHON]
    for value in extra_vars or ():
        command += ["-e", value]
    env = dict(os.environ, MAGENTO_URL=emulator.url, MAGENTO_TOKEN="emulator-token",
               ANSIBLE_COLLECTIONS_PATH=collections_path(ROOT, work), ANSIBLE_LIBRARY=os.path.join(work, "library"),
               ANSIBLE_NOCOLOR="1", BENCH_RSS_FILE=rss_file, BENCH_MODULE_PYTHON=sys.executable,
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(os.path.join(work, "play.log"), "a") as log:
        status = subprocess.call(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if status:
        raise SystemExit("%s failed, see %s" % (name, os.path.join(work, "play.log")))
    with open(time_file) as handle:
        largest = int(handle.read().split()[-1])
    module_rss, module_cpu = module_process_usage(rss_file)
    return {"run": name, "wall_s": wall, "cpu_s": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
            "module_cpu_s": module_cpu, "module_rss_mb": module_rss // 1024, "largest_rss_mb": largest // 1024}


# The module's steps: (owner module, function, label); timed by wrapping each in the module's own process.
STEPS = [
    ("ansible.module_utils.basic", "AnsibleModule.__init__", "AnsibleModule: read, copy and check the arguments"),
    ("source_item_plan", "normalize_input", "normalize the items (and read src)"),
    ("source_item_sync", "read_items", "read Magento's items (HTTP, JSON)"),
    ("source_item_plan", "plan_source_items", "plan"),
    ("source_item_sync", "apply", "send the writes"),
    ("ansible.module_utils.basic", "remove_values", "exit: scrub no_log values from the result"),
    ("ansible.module_utils.basic", "AnsibleModule._record_module_result", "exit: serialise and print the result"),
]


def time_module_steps(args_file):
    """Run msi_source_item's main() here with its steps timed; the steps go to stderr as JSON."""
    import importlib
    sys.argv = ["msi_source_item", args_file]
    sys.path.insert(0, collections_path(ROOT, os.path.dirname(args_file)))
    timings = {}

    def timed(owner, name, label):
        names = name.split(".")
        holder = importlib.import_module(owner if "." in owner else
                                         "ansible_collections.commerceops.magento.plugins.module_utils." + owner)
        for part in names[:-1]:
            holder = getattr(holder, part)
        original = getattr(holder, names[-1])

        def wrapper(*args, **kwargs):
            cpu = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent = timings.setdefault(label, [0.0, 0])
                spent[0] += time.process_time() - cpu
                spent[1] = max(spent[1], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
        setattr(holder, names[-1], wrapper)

    for owner, name, label in STEPS:
        timed(owner, name, label)
    from ansible_collections.commerceops.magento.plugins.modules import msi_source_item
    try:
        msi_source_item.main()
    except SystemExit:
        pass
    usage = resource.getrusage(resource.RUSAGE_SELF)
    timings["whole process"] = [usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024]
    sys.stderr.write(json.dumps(timings) + "\n")


def module_steps(work, emulator, name, params):
    args_file = os.path.join(work, "args-%s.json" % name.replace(" ", "_").replace(",", ""))
    with open(args_file, "w") as handle:
        json.dump({"ANSIBLE_MODULE_ARGS": dict(url=emulator.url, token="emulator-token", **params)}, handle)
    with open(os.devnull, "w") as result:
        process = subprocess.run([sys.executable, os.path.abspath(__file__), "--time-module", args_file],
                                 stdout=result, stderr=subprocess.PIPE, check=True)
    steps = json.loads(process.stderr.decode("utf-8").strip().splitlines()[-1])
    return dict((label, {"cpu_s": cpu, "peak_rss_mb_after": rss}) for label, (cpu, rss) in steps.items())


def measure_plays(work, paths):
    results, steps = [], {}
    with EmulatorProcess(paths["full.json"], python=sys.executable, control_timeout=300) as emulator:
        for name, task in TASKS.items():
            results.append(run_play(work, name, task, emulator, ["@" + paths["vars.json"]]))
        with open(paths["items.json"]) as handle:
            listed = json.load(handle)
        steps["items"] = module_steps(work, emulator, "items", {"items": listed})
        steps["items, lean"] = module_steps(work, emulator, "items lean", {"items": listed, "return_items": False})
        listed = None
        steps["src csv"] = module_steps(work, emulator, "src csv", {"src": paths["items.csv"]})
        for kind in ("csv", "json", "jsonl", "yml"):
            results.append(run_play(work, "src " + kind, SRC_TASK % paths["items." + kind], emulator))
        results.append(run_play(work, "src 1%", SRC_TASK % paths["1pct.csv"], emulator))
    with EmulatorProcess(paths["empty.json"], python=sys.executable, control_timeout=300) as emulator:
        results.append(run_play(work, "src converge", SRC_TASK % paths["items.csv"], emulator))
    return results, steps


def tables(results, steps):
    lines = ["| run | wall s | Ansible CPU s | module CPU s | module peak RSS MB | largest process RSS MB |",
             "|---|---:|---:|---:|---:|---:|"]
    lines += ["| %(run)s | %(wall_s).1f | %(cpu_s).1f | %(module_cpu_s).1f | %(module_rss_mb)d | %(largest_rss_mb)d |"
              % result for result in results]
    runs = list(steps)
    lines += ["", "| module step, CPU s (peak RSS MB after it) | %s |" % " | ".join(runs),
              "|---|" + "---:|" * len(runs)]
    for label in [label for owner, name, label in STEPS] + ["whole process"]:
        cells = ["%.2f (%d)" % (steps[run][label]["cpu_s"], steps[run][label]["peak_rss_mb_after"])
                 if label in steps[run] else "–" for run in runs]
        lines.append("| %s | %s |" % (label, " | ".join(cells)))
    return "\n".join(lines)


def main():
    if sys.argv[1:2] == ["--time-module"]:
        return time_module_steps(sys.argv[2])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", required=True)
    parser.add_argument("--skus", type=int, default=20000, help="SKUs, each at 5 sources (default 20000)")
    args = parser.parse_args()
    work = os.path.abspath(args.output_dir)
    if not os.path.isdir(os.path.join(work, "library")):
        os.makedirs(os.path.join(work, "library"))
    paths = write_data(work, args.skus)
    results, steps = measure_plays(work, paths)
    with open(os.path.join(work, "results.json"), "w") as handle:
        json.dump({"runs": results, "module_steps": steps}, handle, indent=1)
    print(tables(results, steps))
    return None


if __name__ == "__main__":
    main()
