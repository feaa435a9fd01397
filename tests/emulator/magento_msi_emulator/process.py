# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulator in a process of its own, for drivers that measure or stress it (bench, soak).

A separate process keeps its CPU time apart from Ansible's and lets several runs go on at once.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from urllib.request import Request, urlopen

START_TIMEOUT = 60
PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class EmulatorProcess(object):
    """`with EmulatorProcess("fresh-install") as emu:` serves a fresh emulator on 127.0.0.1 at `emu.url`."""

    def __init__(self, fixture, python=None, control_timeout=30):
        self.fixture = fixture
        self.python = python or sys.executable
        self.control_timeout = control_timeout
        self.process = None
        self.url = None
        self._workdir = None

    def __enter__(self):
        self._workdir = tempfile.mkdtemp(prefix="magento-emulator-")
        port_file = os.path.join(self._workdir, "port")
        stderr_path = os.path.join(self._workdir, "stderr")
        env = dict(os.environ, PYTHONPATH=PACKAGE_PARENT)
        with open(stderr_path, "w") as stderr:
            self.process = subprocess.Popen(
                [self.python, "-m", "magento_msi_emulator", "--host", "127.0.0.1", "--port", "0",
                 "--port-file", port_file, "--fixture", self.fixture],
                env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.monotonic() + START_TIMEOUT
        while not (os.path.exists(port_file) and os.path.getsize(port_file)):
            if self.process.poll() is not None or time.monotonic() > deadline:
                with open(stderr_path) as handle:
                    details = handle.read()
                self.__exit__()
                raise RuntimeError("the emulator did not start (fixture %s): %s" % (self.fixture, details))
            time.sleep(0.05)
        with open(port_file) as handle:
            self.url = "http://127.0.0.1:%d" % int(handle.read().strip())
        return self

    def __exit__(self, *exc_info):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self._workdir:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def control(self, method, name, body=None):
        """Call a control endpoint (/__emulator__/<name>); its JSON answer, or None when empty."""
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = Request(self.url + "/__emulator__/" + name, data=data, method=method,
                          headers={"Content-Type": "application/json"})
        with urlopen(request, timeout=self.control_timeout) as response:
            content = response.read()
        return json.loads(content.decode("utf-8")) if content else None

    def cpu_seconds(self):
        """User + system CPU time the emulator has used so far (Linux /proc)."""
        with open("/proc/%d/stat" % self.process.pid) as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        # Fields 14 and 15 of proc(5) (utime, stime), counted after the ")" that ends the name.
        return (int(fields[11]) + int(fields[12])) / float(os.sysconf("SC_CLK_TCK"))
