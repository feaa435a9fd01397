# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One ansible-playbook run against the emulator, and what it cost: time, requests, bytes, memory."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import resource
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
PLAYBOOKS = {
    "seed_post": os.path.join(BENCH_DIR, "playbooks", "seed_post.yml"),
    "uri_loop": os.path.join(BENCH_DIR, "playbooks", "uri_loop.yml"),
    "module": os.path.join(BENCH_DIR, "playbooks", "module.yml"),
    # role_bench.py: a whole MSI state through the msi role, and one module run per record.
    "role": os.path.join(BENCH_DIR, "playbooks", "role.yml"),
    "record_loop": os.path.join(BENCH_DIR, "playbooks", "record_loop.yml"),
    # items_bench.py: source items through the module, batched uri POSTs, and the module's reads via uri.
    "items_module": os.path.join(BENCH_DIR, "playbooks", "items_module.yml"),
    "items_module_async": os.path.join(BENCH_DIR, "playbooks", "items_module_async.yml"),
    "items_uri_post": os.path.join(BENCH_DIR, "playbooks", "items_uri_post.yml"),
    "items_uri_reads": os.path.join(BENCH_DIR, "playbooks", "items_uri_reads.yml"),
}
MEASURE_PYTHON = os.path.join(BENCH_DIR, "measure_python.sh")


class PlaybookFailed(Exception):
    pass


def collections_path(collection_root, scratch_dir):
    """A folder where ansible finds this collection as commerceops.magento.

    Under ansible-test the tree already sits in .../ansible_collections/commerceops/magento; a work
    tree gets a symlink, which ansible-playbook (unlike ansible-test) follows.
    """
    parts = os.path.abspath(collection_root).split(os.sep)
    if parts[-3:-2] == ["ansible_collections"] and parts[-2:] == ["commerceops", "magento"]:
        return os.sep.join(parts[:-3])
    namespace_dir = os.path.join(scratch_dir, "collections", "ansible_collections", "commerceops")
    if not os.path.isdir(namespace_dir):
        os.makedirs(namespace_dir)
    link = os.path.join(namespace_dir, "magento")
    if not os.path.islink(link):
        os.symlink(os.path.abspath(collection_root), link)
    return os.path.join(scratch_dir, "collections")


def bench_dirs(collection_root, output_dir):
    """(work_dir, log_dir, collections path) of a measurement under output_dir; the log folder exists."""
    work_dir = os.path.abspath(output_dir)
    log_dir = os.path.join(work_dir, "logs")
    if not os.path.isdir(log_dir):
        os.makedirs(log_dir)
    return work_dir, log_dir, collections_path(collection_root, work_dir)


def payload_bytes(entry):
    """Request target plus compact JSON body: what the request carries, without HTTP headers."""
    size = len(entry["path"]) + (len(entry["query"]) + 1 if entry.get("query") else 0)
    if entry.get("body") is not None:
        size += len(json.dumps(entry["body"], separators=(",", ":")))
    return size


def summarise_log(entries):
    return {
        "requests": len(entries),
        "writes": sum(1 for entry in entries if entry["write"]),
        "reads": sum(1 for entry in entries if not entry["write"]),
        "bytes": sum(payload_bytes(entry) for entry in entries),
        "failed": sum(1 for entry in entries if entry["status"] is None or entry["status"] >= 400),
    }


def module_process_usage(rss_file):
    """(largest peak RSS in KiB, CPU seconds summed) over the module processes of a run; None when unknown."""
    if not os.path.exists(rss_file):
        return None, None
    with open(rss_file) as handle:
        # GNU time adds a "Command exited with non-zero status" line when a module fails.
        usages = [line.split() for line in handle if len(line.split()) == 3 and line.split()[0].isdigit()]
    if not usages:
        return None, None
    return max(int(usage[0]) for usage in usages), sum(float(usage[1]) + float(usage[2]) for usage in usages)


def _children_cpu_seconds():
    # ansible-playbook and everything it started (workers, module processes), once they have exited:
    # unlike wall time, this hardly moves when other work shares the machine.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class PlaybookRunner(object):
    """Runs the benchmark playbooks with a fixed environment; logs go to log_dir."""

    def __init__(self, collections_dir, log_dir, module_python):
        self.collections_dir = collections_dir
        self.log_dir = log_dir
        self.module_python = module_python
        self.runs = 0

    def run(self, emulator, way, vars_file, check=False, extra_vars=None):
        self.runs += 1
        label = "%04d-%s" % (self.runs, way)
        rss_file = os.path.join(self.log_dir, label + ".rss")
        # GNU time appends, and labels repeat from one bench run to the next.
        if os.path.exists(rss_file):
            os.remove(rss_file)
        command = ["ansible-playbook", PLAYBOOKS[way], "-e", "@" + vars_file,
                   "-e", "ansible_python_interpreter=" + MEASURE_PYTHON]
        for name, value in sorted((extra_vars or {}).items()):
            command += ["-e", "%s=%s" % (name, value)]
        if check:
            command.append("--check")
        env = dict(os.environ, MAGENTO_URL=emulator.url, MAGENTO_TOKEN="emulator-token",
                   ANSIBLE_COLLECTIONS_PATH=self.collections_dir, ANSIBLE_NOCOLOR="1",
                   ANSIBLE_RETRY_FILES_ENABLED="0", BENCH_RSS_FILE=rss_file,
                   BENCH_MODULE_PYTHON=self.module_python)
        emulator.control("DELETE", "log")
        cpu_before = emulator.cpu_seconds()
        ansible_cpu_before = _children_cpu_seconds()
        with open(os.path.join(self.log_dir, label + ".log"), "w") as output:
            started = time.perf_counter()
            status, extra = self.call(command, env, output)
            wall = time.perf_counter() - started
        cpu = emulator.cpu_seconds() - cpu_before
        ansible_cpu = _children_cpu_seconds() - ansible_cpu_before
        if status != 0:
            raise PlaybookFailed("%s failed (exit %d), see %s.log" % (way, status, label))
        result = summarise_log(emulator.control("GET", "log")["requests"])
        peak_rss_kib, module_cpu = module_process_usage(rss_file)
        result.update(wall_s=wall, emulator_cpu_s=cpu, ansible_cpu_s=ansible_cpu, module_cpu_s=module_cpu,
                      peak_rss_kib=peak_rss_kib, log=label)
        result.update(extra)
        return result

    def call(self, command, env, output):
        """Runs one ansible-playbook to completion: (exit status, extra figures for the result)."""
        return subprocess.call(command, env=env, stdout=output, stderr=subprocess.STDOUT), {}


def high_water_mib():
    # VmHWM belongs to this process image; ru_maxrss would carry the parent's peak across fork+exec.
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmHWM in /proc/self/status")


def exit_on_sigterm(signum, frame):
    # SystemExit unwinds the with-blocks, so the emulator of the current measurement is stopped too.
    sys.exit(128 + signum)
