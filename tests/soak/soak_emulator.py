# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A throw-away emulator process per soak run, and its control endpoints."""

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


class EmulatorProcess(object):
    """`with EmulatorProcess(root, "fresh-install") as emu:` serves a fresh emulator on 127.0.0.1."""

    def __init__(self, collection_root, fixture):
        self.collection_root = collection_root
        self.fixture = fixture
        self.process = None
        self.url = None
        self._workdir = None

    def __enter__(self):
        self._workdir = tempfile.mkdtemp(prefix="soak-emulator-")
        port_file = os.path.join(self._workdir, "port")
        env = dict(os.environ, PYTHONPATH=os.path.join(self.collection_root, "tests", "emulator"))
        with open(os.path.join(self._workdir, "stderr"), "w") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "magento_msi_emulator", "--host", "127.0.0.1", "--port", "0",
                 "--port-file", port_file, "--fixture", self.fixture],
                env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.monotonic() + START_TIMEOUT
        while not (os.path.exists(port_file) and os.path.getsize(port_file)):
            if self.process.poll() is not None or time.monotonic() > deadline:
                with open(os.path.join(self._workdir, "stderr")) as handle:
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
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = Request(self.url + "/__emulator__/" + name, data=data, method=method,
                          headers={"Content-Type": "application/json"})
        with urlopen(request, timeout=30) as response:
            content = response.read()
        return json.loads(content.decode("utf-8")) if content else None
