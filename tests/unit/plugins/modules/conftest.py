# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs a module's main() in-process against the Magento MSI emulator, over real HTTP.

The module builds its own client from url and token, so the tests see what Magento would see: the
emulator's state and its request log. A test module names its starting data in EMULATOR_FIXTURE (a
fixture name of the emulator, or a dict in the emulator's fixture format; default "default"). One
emulator serves a test module and is reset before every test. (ansible-test runs each test in a fork
of its own, so there the emulator is started in each test's process; plain pytest shares it.)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
import json
import os
import random
import re
import sys
from urllib.parse import parse_qsl
from urllib.request import ProxyHandler, Request, build_opener

import pytest

from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

EMULATOR_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "emulator"))
if EMULATOR_DIR not in sys.path:
    sys.path.insert(0, EMULATOR_DIR)
emulator_package = importlib.import_module("magento_msi_emulator")

TOKEN = "emulator-token"
API_ROOT = "/rest/all/V1/"
_FILTER_KEY = re.compile(r"^searchCriteria\[filter_groups\]\[(\d+)\]\[filters\]\[(\d+)\]\[(\w+)\]$")


class Exited(Exception):
    """What exit_json or fail_json received, plus the warnings the module gave before it."""

    def __init__(self, failed, result, warnings):
        super(Exited, self).__init__(result.get("msg", ""))
        self.failed = failed
        self.result = result
        self.warnings = warnings


def endpoint(entry):
    """A logged request's path without /rest/all/V1/, e.g. 'inventory/sources'."""
    return entry["path"][len(API_ROOT):] if entry["path"].startswith(API_ROOT) else entry["path"]


def filter_groups(entry):
    """The searchCriteria filter groups a logged GET sent, as Magento parses them:
    [[(field, value, condition_type), ...], ...]; value is the string on the wire."""
    groups = {}
    for key, value in parse_qsl(entry["query"] or "", keep_blank_values=True):
        match = _FILTER_KEY.match(key)
        if match:
            group, position, part = int(match.group(1)), int(match.group(2)), match.group(3)
            groups.setdefault(group, {}).setdefault(position, {})[part] = value
    return [[(found["field"], found["value"], found.get("condition_type", "eq"))
             for dummy, found in sorted(filters.items())]
            for dummy, filters in sorted(groups.items())]


class Emulator(object):
    """A test's handle on the emulator: its control endpoints, and Magento's API for seeding."""

    def __init__(self, server):
        self.server = server
        self.url = server.url
        # Control calls must not go through a proxy the environment names.
        self._opener = build_opener(ProxyHandler({}))

    def _call(self, method, path, body=None, headers=None):
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = Request(self.url + path, data=data, method=method,
                          headers=dict({"Content-Type": "application/json"}, **(headers or {})))
        with self._opener.open(request, timeout=10) as response:
            return json.loads(response.read().decode("utf-8") or "null")

    def control(self, method, name, body=None):
        return self._call(method, "/__emulator__/" + name, body)

    def reset(self):
        """State back to the test module's fixture; log, faults and config cleared."""
        self.control("POST", "reset", {})

    def state(self):
        return self.control("GET", "state")

    def log(self):
        """Every /rest request since the last clear, oldest first."""
        return self.control("GET", "log")["requests"]

    def clear_log(self):
        self.control("DELETE", "log")

    def writes(self):
        return [entry for entry in self.log() if entry["write"]]

    def reads(self):
        """(endpoint, filter groups) of every GET, in the order sent."""
        return [(endpoint(entry), filter_groups(entry)) for entry in self.log() if entry["method"] == "GET"]

    def faults(self, **settings):
        return self.control("POST", "faults", settings)

    def fail_requests(self, pattern, status=500):
        """Fail exactly the coming /rest requests marked 'x' in pattern ('.' passes) with status.

        Uses the emulator's seeded 'fraction' fault, which draws one number per /rest request: the seed is
        chosen so that the draws give this pattern. Tests check the logged statuses, so a change in how
        the emulator draws shows up as a failing test, not as a silently different fault.
        """
        assert set(pattern) <= set(".x") and "x" in pattern
        fraction = max(pattern.count("x") / float(len(pattern)), 0.05)
        wanted = [mark == "x" for mark in pattern]
        for seed in range(1000000):
            draws = random.Random(seed)
            if [draws.random() < fraction for dummy in wanted] == wanted:
                return self.faults(fraction=fraction, status=status, seed=seed)
        raise AssertionError("no seed gives the fault pattern %r" % pattern)

    def seed(self, path, body, method="POST"):
        """Write through Magento's REST API as an admin would, then clear the log for the module's requests."""
        answer = self._call(method, API_ROOT + path, body, headers={"Authorization": "Bearer " + TOKEN})
        self.clear_log()
        return answer


@pytest.fixture(scope="module")
def emulator_server(request, tmp_path_factory):
    fixture = getattr(request.module, "EMULATOR_FIXTURE", "default")
    if isinstance(fixture, dict):
        path = tmp_path_factory.mktemp("emulator") / "fixture.json"
        path.write_text(json.dumps(fixture))
        fixture = str(path)
    with emulator_package.EmulatorServer(fixture=fixture) as server:
        yield server


@pytest.fixture
def emu(emulator_server, monkeypatch):
    # The module's client must reach the emulator directly, with only the options the test gives.
    for name in list(os.environ):
        if name.startswith("MAGENTO_") or name.lower() in ("http_proxy", "https_proxy", "all_proxy"):
            monkeypatch.delenv(name)
    handle = Emulator(emulator_server)
    handle.reset()
    return handle


@pytest.fixture
def run_module(emu, monkeypatch):
    """run_module(module, check_mode=False, diff=False, **params) -> Exited, with url and token of the emulator."""
    warnings = []

    def exit_json(self, **result):
        raise Exited(False, result, list(warnings))

    def fail_json(self, **result):
        raise Exited(True, result, list(warnings))

    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", fail_json)
    monkeypatch.setattr(basic.AnsibleModule, "warn", lambda self, message: warnings.append(message))

    def run(module, check_mode=False, diff=False, **params):
        del warnings[:]
        args = dict({"url": emu.url, "token": TOKEN}, **params)
        args["_ansible_check_mode"] = check_mode
        args["_ansible_diff"] = diff
        with patch_module_args(args):
            with pytest.raises(Exited) as caught:
                module.main()
        return caught.value
    return run


@pytest.fixture
def run_failing(run_module, emu):
    """run_failing(module, pattern, status=500, **params): run the module with the requests it sends after
    its reads failing as pattern says ('.' passes, 'x' fails; '.x' = the second write fails).

    The reads are counted from a check-mode run of the same task, which sends exactly those, so no read
    budget is written into the tests."""
    def run(module, pattern, status=500, **params):
        rehearsal = run_module(module, check_mode=True, **params)
        assert not rehearsal.failed, rehearsal.result
        reads = emu.log()
        assert reads and [entry for entry in reads if entry["write"]] == []
        emu.clear_log()
        emu.fail_requests("." * len(reads) + pattern, status=status)
        return run_module(module, **params)
    return run


@pytest.fixture
def rerun_is_quiet(run_module, emu):
    """rerun_is_quiet(module, **params): run the task again on a cleared log; it must change and write
    nothing. Returns the rerun."""
    def rerun(module, **params):
        emu.clear_log()
        again = run_module(module, **params)
        assert not again.failed, again.result
        assert again.result["changed"] is False
        assert emu.writes() == []
        return again
    return rerun
