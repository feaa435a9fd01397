# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Peak memory of every process of an ansible-playbook run, not just of its module processes.

Two sources, because neither alone is enough:

- GNU time runs ansible-playbook and reports its ru_maxrss: the largest peak RSS of the process and of
  every descendant it (or they) reaped. Exact, but one number for the whole tree. It is not taken from
  this process's own wait4(): Linux carries a process's peak across exec(), so a child forked from the
  bench, which holds the items, would report the bench's RSS. GNU time is small, and it forks
  ansible-playbook itself.
- A sampler thread walks /proc every SAMPLE_SECONDS and keeps, per role (controller, worker, module,
  other), the largest VmHWM (a process's own peak RSS, kept by the kernel for its current image) it saw.
  A process that ends between two samples is missed, but ansible-playbook and its workers live long
  enough; module processes are measured exactly by measure_python.sh.

Linux only (/proc).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import subprocess
import threading

SAMPLE_SECONDS = 0.2


def _read(path):
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except (IOError, OSError):
        # The process ended between listing /proc and reading it.
        return None


def _parent_pids():
    """{pid: parent pid} of every process visible now."""
    parents = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        stat = _read("/proc/%s/stat" % name)
        if stat:
            # Fields after the ")" that ends the command name: state, ppid, ...
            parents[int(name)] = int(stat.rsplit(b")", 1)[1].split()[1])
    return parents


def descendants(root, parents):
    children = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def high_water_kib(pid):
    """VmHWM of pid in KiB; None when it is gone or is a zombie."""
    status = _read("/proc/%d/status" % pid)
    for line in (status or b"").splitlines():
        if line.startswith(b"VmHWM:"):
            return int(line.split()[1])
    return None


def _is_ansible_playbook(pid):
    cmdline = (_read("/proc/%d/cmdline" % pid) or b"").split(b"\0")
    return any(os.path.basename(part) == b"ansible-playbook" for part in cmdline[:2])


def role(pid, parents):
    """controller (ansible-playbook), worker (its forks, which keep its command line), module (AnsiballZ) or
    other (GNU time, shells)."""
    cmdline = (_read("/proc/%d/cmdline" % pid) or b"").split(b"\0")
    if any(b"AnsiballZ" in part for part in cmdline):
        return "module"
    if _is_ansible_playbook(pid):
        return "worker" if _is_ansible_playbook(parents.get(pid, 0)) else "controller"
    return "other"


class TreeSampler(threading.Thread):
    """Largest VmHWM per role over the process tree under root, until stop()."""

    def __init__(self, root):
        super(TreeSampler, self).__init__(daemon=True)
        self.root = root
        self.peaks_kib = {}
        self._stop_event = threading.Event()

    def sample(self):
        parents = _parent_pids()
        for pid in descendants(self.root, parents):
            peak = high_water_kib(pid)
            if peak is not None:
                name = role(pid, parents)
                self.peaks_kib[name] = max(peak, self.peaks_kib.get(name, 0))

    def run(self):
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(SAMPLE_SECONDS)

    def stop(self):
        self._stop_event.set()
        self.join()


GNU_TIME = "/usr/bin/time"


def call(command, env, output, tree_peak_file):
    """Run command to completion: (exit status, the tree's peak RSS in KiB or None, peaks per role in KiB).

    Without GNU time the tree's peak is unknown and only the samples remain.
    """
    timed = os.path.exists(GNU_TIME)
    if timed:
        if os.path.exists(tree_peak_file):
            os.remove(tree_peak_file)
        command = [GNU_TIME, "--format", "%M", "--output", tree_peak_file] + list(command)
    process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    sampler = TreeSampler(process.pid)
    sampler.start()
    try:
        status = process.wait()
    except BaseException:
        # Interrupted (the bench's SIGTERM handler raises SystemExit): ansible-playbook must not outlive it.
        process.terminate()
        process.wait()
        raise
    finally:
        sampler.stop()
    return status, _tree_peak(tree_peak_file) if timed else None, dict(sampler.peaks_kib)


def _tree_peak(path):
    # GNU time adds a "Command exited with non-zero status" line when the command fails.
    with open(path) as handle:
        numbers = [line.strip() for line in handle if line.strip().isdigit()]
    return int(numbers[-1]) if numbers else None
