# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Peak memory of every process of an ansible-playbook run, not just of its module processes.

Two sources, because neither alone is enough:

- wait4() on ansible-playbook gives its rusage: ru_maxrss is the largest peak RSS of the process and of
  every descendant it (or they) reaped. Exact, but one number for the whole tree.
- A sampler thread walks /proc every SAMPLE_SECONDS and keeps, per role (controller, worker, module,
  other), the largest VmHWM (a process's own peak RSS, kept by the kernel) it saw. A process that ends
  between two samples is missed, but ansible-playbook and its workers live long enough; module processes
  are measured exactly by measure_python.sh.

Linux only (/proc, wait4).
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


def role(pid, root):
    """controller (ansible-playbook itself), worker (its forks), module (AnsiballZ) or other."""
    if pid == root:
        return "controller"
    cmdline = (_read("/proc/%d/cmdline" % pid) or b"").split(b"\0")
    if any(b"AnsiballZ" in part for part in cmdline):
        return "module"
    if any(os.path.basename(part) == b"ansible-playbook" for part in cmdline[:2]):
        return "worker"
    return "other"


class TreeSampler(threading.Thread):
    """Largest VmHWM per role over the process tree under root, until stop()."""

    def __init__(self, root):
        super(TreeSampler, self).__init__(daemon=True)
        self.root = root
        self.peaks_kib = {}
        self._stop_event = threading.Event()

    def sample(self):
        for pid in descendants(self.root, _parent_pids()):
            peak = high_water_kib(pid)
            if peak is not None:
                name = role(pid, self.root)
                self.peaks_kib[name] = max(peak, self.peaks_kib.get(name, 0))

    def run(self):
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(SAMPLE_SECONDS)

    def stop(self):
        self._stop_event.set()
        self.join()


def call(command, env, output):
    """Run command to completion: (exit status, rusage of it and its reaped descendants, peaks per role)."""
    process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    sampler = TreeSampler(process.pid)
    sampler.start()
    try:
        # Reaped here, not by Popen.wait(), which would drop the rusage.
        dummy, status, usage = os.wait4(process.pid, 0)
    except BaseException:
        # Interrupted (the bench's SIGTERM handler raises SystemExit): ansible-playbook must not outlive it.
        process.terminate()
        process.wait()
        raise
    finally:
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage, dict(sampler.peaks_kib)
