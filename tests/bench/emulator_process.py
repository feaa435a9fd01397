# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulator as a separate process, so its CPU time can be read apart from Ansible's."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import subprocess
import sys
import tempfile
import time
from urllib.request import Request, urlopen

TOKEN = "emulator-token"


class EmulatorProcess(object):
    """`with EmulatorProcess(root, fixture_path) as emu:` starts a fresh emulator on 127.0.0.1."""

    def __init__(self, collection_root, fixture_path, python=None):
        self.collection_root = collection_root
        self.fixture_path = fixture_path
        self.python = python or sys.executable
        self.process = None
        self.url = None
        self._workdir = None

    def __enter__(self):
        self._workdir = tempfile.mkdtemp(prefix="bench-emulator-")
        port_file = os.path.join(self._workdir, "port")
        env = dict(os.environ, PYTHONPATH=os.path.join(self.collection_root, "tests", "emulator"))
        self._stderr = open(os.path.join(self._workdir, "stderr"), "w")
        self.process = subprocess.Popen(
            [self.python, "-m", "magento_msi_emulator", "--host", "127.0.0.1", "--port", "0",
             "--port-file", port_file, "--fixture", self.fixture_path],
            env=env, stdout=subprocess.DEVNULL, stderr=self._stderr)
        deadline = time.monotonic() + 60
        while not (os.path.exists(port_file) and os.path.getsize(port_file)):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("the emulator did not start (fixture %s)" % self.fixture_path)
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
        self._stderr.close()

    def control(self, method, name, body=None):
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = Request(self.url + "/__emulator__/" + name, data=data, method=method,
                          headers={"Content-Type": "application/json"})
        with urlopen(request, timeout=300) as response:
            return json.loads(response.read().decode("utf-8"))

    def reset(self, latency_ms):
        """Fixture state back, log cleared, then the per-request latency (a reset clears faults)."""
        self.control("POST", "reset", {"fixture": self.fixture_path})
        if latency_ms:
            self.control("POST", "faults", {"latency_ms": latency_ms})

    def cpu_seconds(self):
        """User + system CPU time the emulator has used so far (Linux /proc)."""
        with open("/proc/%d/stat" % self.process.pid) as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        # Fields 14 and 15 of proc(5) (utime, stime), counted after the ")" that ends the name.
        return (int(fields[11]) + int(fields[12])) / float(os.sysconf("SC_CLK_TCK"))
