# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs a module's main() in-process with a fake client, catching what it would print and exit with."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

from ansible_collections.commerceops.magento.plugins.module_utils.module import MagentoModule

CONNECTION = {"url": "https://shop.example.com", "token": "unit-token"}


class Exited(Exception):
    """What exit_json or fail_json received, plus the warnings the module gave before it."""

    def __init__(self, failed, result, warnings):
        super(Exited, self).__init__(result.get("msg", ""))
        self.failed = failed
        self.result = result
        self.warnings = warnings


@pytest.fixture
def run_module(monkeypatch):
    warnings = []

    def exit_json(self, **result):
        raise Exited(False, result, list(warnings))

    def fail_json(self, **result):
        raise Exited(True, result, list(warnings))

    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", fail_json)
    monkeypatch.setattr(basic.AnsibleModule, "warn", lambda self, message: warnings.append(message))

    def run(module, client, check_mode=False, diff=False, **params):
        del warnings[:]
        args = dict(CONNECTION, **params)
        args["_ansible_check_mode"] = check_mode
        args["_ansible_diff"] = diff
        monkeypatch.setattr(MagentoModule, "client", property(lambda self: client))
        with patch_module_args(args):
            with pytest.raises(Exited) as caught:
                module.main()
        return caught.value
    return run
