# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.commerceops.magento.plugins.module_utils import module as module_utils
from ansible_collections.commerceops.magento.plugins.module_utils.client import MagentoClient
from ansible_collections.commerceops.magento.plugins.module_utils.errors import (
    InvalidInput,
    MagentoApiError,
    MagentoSettingsError,
)
from ansible_collections.commerceops.magento.plugins.module_utils.module import (
    MagentoModule,
    client_from_params,
    connection_argument_spec,
)

TOKEN = "tok-3f9a-secret"
PASSWORD = "pw-very-secret"


class FailJson(Exception):
    def __init__(self, result):
        super(FailJson, self).__init__(result.get("msg"))
        self.result = result


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in module_utils.ENVIRONMENT_VARIABLES.values():
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def failures_raise(monkeypatch):
    def fail_json(self, **result):
        raise FailJson(result)
    monkeypatch.setattr(MagentoModule, "fail_json", fail_json)


def make_module(args, argument_spec=None, **kwargs):
    with patch_module_args(args):
        return MagentoModule(argument_spec=argument_spec or {}, **kwargs)


def test_spec_has_the_connection_options_with_env_fallbacks():
    spec = connection_argument_spec()
    assert sorted(spec) == sorted(["url", "store_code", "token", "username", "password", "validate_certs",
                                   "ca_path", "client_cert", "client_key", "consumer_key", "consumer_secret",
                                   "access_token", "access_token_secret", "timeout", "retries", "parallel_reads"])
    secret_options = ["token", "password", "consumer_key", "consumer_secret", "access_token", "access_token_secret"]
    assert [name for name in spec if spec[name].get("no_log")] == secret_options
    assert spec["consumer_secret"]["fallback"][1] == ["MAGENTO_CONSUMER_SECRET"]
    assert "required" not in spec["url"]  # an offline state needs no URL
    assert spec["url"]["fallback"][1] == ["MAGENTO_URL"]


def test_defaults_and_module_options_are_merged():
    module = make_module({"url": "https://shop.test", "token": TOKEN, "state": "merged"},
                         argument_spec={"state": {"type": "str"}})
    assert module.params["state"] == "merged"
    assert (module.params["store_code"], module.params["validate_certs"]) == ("all", True)
    assert (module.params["timeout"], module.params["retries"], module.params["parallel_reads"]) == (30, 3, 4)


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("MAGENTO_URL", "https://env.shop.test")
    monkeypatch.setenv("MAGENTO_STORE_CODE", "default")
    monkeypatch.setenv("MAGENTO_TOKEN", TOKEN)
    monkeypatch.setenv("MAGENTO_VALIDATE_CERTS", "false")
    module = make_module({})
    assert module.params["url"] == "https://env.shop.test"
    assert module.params["store_code"] == "default"
    assert module.params["token"] == TOKEN
    assert module.params["validate_certs"] is False
    assert TOKEN in module.no_log_values  # masked in output although it came from the environment
    assert isinstance(module.client, MagentoClient)


def test_login_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("MAGENTO_USERNAME", "admin")
    monkeypatch.setenv("MAGENTO_PASSWORD", PASSWORD)
    module = make_module({"url": "https://shop.test"})
    assert module.client.auth_method == "username+password"
    assert PASSWORD in module.no_log_values


def test_client_is_built_once(monkeypatch):
    built = []

    def counting_client(**kwargs):
        built.append(kwargs)
        return MagentoClient(**kwargs)

    monkeypatch.setattr(module_utils, "MagentoClient", counting_client)
    module = make_module({"url": "https://shop.test", "token": TOKEN, "timeout": 5})
    assert module.client is module.client
    assert len(built) == 1 and built[0]["timeout"] == 5 and built[0]["token"] == TOKEN


def test_no_credentials_fail_when_the_client_is_needed():
    module = make_module({"url": "https://shop.test"})  # an offline state may still run
    with pytest.raises(FailJson) as caught:
        module.client
    assert "no credentials" in caught.value.result["msg"]


def test_missing_url_fails_when_the_client_is_needed():
    module = make_module({"token": TOKEN})
    with pytest.raises(FailJson) as caught:
        module.client
    assert "url is required" in caught.value.result["msg"]


def test_token_and_login_in_the_task_are_refused():
    with pytest.raises(FailJson) as caught:
        make_module({"url": "https://shop.test", "token": TOKEN, "username": "admin", "password": PASSWORD}).client
    message = caught.value.result["msg"]
    assert "exactly one way to authenticate" in message
    assert "token (from the task) and username/password (from the task)" in message
    assert TOKEN not in message and PASSWORD not in message


def test_token_from_environment_and_login_in_the_task_are_refused_naming_the_variable(monkeypatch):
    monkeypatch.setenv("MAGENTO_TOKEN", TOKEN)
    with pytest.raises(FailJson) as caught:
        make_module({"url": "https://shop.test", "username": "admin", "password": PASSWORD}).client
    message = caught.value.result["msg"]
    assert "token (from environment variable MAGENTO_TOKEN on the managed host)" in message
    assert "username/password (from the task)" in message
    assert TOKEN not in message and PASSWORD not in message


def test_username_without_password_is_refused():
    with pytest.raises(FailJson) as caught:
        make_module({"url": "https://shop.test", "username": "admin"}).client
    assert "username and password must be given together; password is missing" in caught.value.result["msg"]
    assert "username" in caught.value.result["msg"] and "password" in caught.value.result["msg"]


def test_callers_required_together_is_kept():
    with pytest.raises(FailJson) as caught:
        make_module({"url": "https://shop.test", "token": TOKEN, "a": "x"},
                    argument_spec={"a": {"type": "str"}, "b": {"type": "str"}}, required_together=[["a", "b"]])
    assert "a, b" in caught.value.result["msg"]


def test_missing_requests_fails_with_the_library_hint(monkeypatch):
    monkeypatch.setattr(module_utils, "HAS_REQUESTS", False)
    monkeypatch.setattr(module_utils, "REQUESTS_IMPORT_ERROR", "Traceback: No module named 'requests'")
    module = make_module({"url": "https://shop.test", "token": TOKEN})
    with pytest.raises(FailJson) as caught:
        module.client
    assert "requests" in caught.value.result["msg"]
    assert caught.value.result["exception"] == "Traceback: No module named 'requests'"


class ExitJson(Exception):
    def __init__(self, result):
        super(ExitJson, self).__init__("exit")
        self.result = result


@pytest.fixture
def exits_raise(monkeypatch):
    def exit_json(self, **result):
        raise ExitJson(result)
    monkeypatch.setattr(MagentoModule, "exit_json", exit_json)


class FakePlan(object):
    def __init__(self, changed=True):
        self.summary = {"added": ["x"] if changed else []}
        self.changed = changed
        self.before = ["old"]
        self.after = ["new"] if changed else ["old"]
        self.warnings = ["watch out"]

    def diff(self, after):
        return {"before": "old\n", "after": "%s\n" % after[0]}


def test_bad_input_fails_naming_the_resource_with_its_details():
    module = make_module({"url": "https://shop.test", "token": TOKEN}, resource="source items")
    with pytest.raises(FailJson) as caught:
        with module.nothing_written_on_failure():
            raise InvalidInput(["a is bad", "b is bad"], unknown_source_codes=["b"])
    assert caught.value.result == {"msg": "Invalid source items, nothing was written: a is bad; b is bad.",
                                   "problems": ["a is bad", "b is bad"], "changed": False, "writes_sent": 0,
                                   "unknown_source_codes": ["b"]}


def test_a_failed_read_fails_saying_nothing_was_written():
    module = make_module({"url": "https://shop.test", "token": TOKEN})
    with pytest.raises(FailJson) as caught:
        with module.nothing_written_on_failure():
            raise MagentoApiError("GET /rest/all/V1/x answered 404: gone", method="GET", status=404)
    assert caught.value.result == {"msg": "GET /rest/all/V1/x answered 404: gone. Nothing was written.",
                                   "status": 404, "changed": False, "writes_sent": 0}


class CountingClient(object):
    writes_accepted = 0


def test_check_mode_reports_the_plan_and_never_applies(exits_raise):
    module = make_module({"url": "https://shop.test", "token": TOKEN, "_ansible_check_mode": True,
                          "_ansible_diff": True}, supports_check_mode=True)
    with pytest.raises(ExitJson) as caught:
        module.apply_and_exit(FakePlan(), lambda plan: pytest.fail("applied in check mode"))
    assert caught.value.result == {"changed": True, "plan": {"added": ["x"]}, "before": ["old"], "after": ["new"],
                                   "writes_sent": 0, "diff": {"before": "old\n", "after": "new\n"}}


def test_apply_reports_magentos_after_and_the_writes_it_accepted(exits_raise, monkeypatch):
    module = make_module({"url": "https://shop.test", "token": TOKEN})
    client = CountingClient()
    module._client = client

    def apply(plan):
        client.writes_accepted = 2
        return ["read back"]
    with pytest.raises(ExitJson) as caught:
        module.apply_and_exit(FakePlan(), apply, lambda after: {"record": after})
    result = caught.value.result
    assert (result["after"], result["record"], result["writes_sent"], result["changed"]) == (
        ["read back"], ["read back"], 2, True)


def test_an_unchanged_plan_is_not_applied(exits_raise):
    module = make_module({"url": "https://shop.test", "token": TOKEN})
    with pytest.raises(ExitJson) as caught:
        module.apply_and_exit(FakePlan(changed=False), lambda plan: pytest.fail("applied without a change"))
    assert caught.value.result["changed"] is False and caught.value.result["after"] == ["old"]


@pytest.mark.parametrize("return_states, before", [(True, {"before": ["old"]}), (False, {})])
def test_a_failed_write_drops_after_and_counts_what_magento_accepted_before_it(return_states, before):
    module = make_module({"url": "https://shop.test", "token": TOKEN})
    client = CountingClient()
    module._client = client

    def apply(plan):
        client.writes_accepted = 1
        raise MagentoApiError("POST /x answered 400: no", method="POST", status=400)
    with pytest.raises(FailJson) as caught:
        module.apply_and_exit(FakePlan(), apply, return_states=return_states)
    assert caught.value.result == dict({"msg": "POST /x answered 400: no", "status": 400, "changed": True,
                                        "plan": {"added": ["x"]}, "writes_sent": 1}, **before)


def test_without_return_states_the_result_has_no_before_or_after_but_the_diff_still_shows_them(exits_raise):
    module = make_module({"url": "https://shop.test", "token": TOKEN, "_ansible_check_mode": True,
                          "_ansible_diff": True}, supports_check_mode=True)
    with pytest.raises(ExitJson) as caught:
        module.apply_and_exit(FakePlan(), lambda plan: pytest.fail("applied in check mode"),
                              lambda after: {"record": after}, return_states=False)
    assert caught.value.result == {"changed": True, "plan": {"added": ["x"]}, "writes_sent": 0,
                                   "diff": {"before": "old\n", "after": "new\n"}, "record": ["new"]}


def test_without_return_states_magentos_after_still_reaches_describe_and_diff(exits_raise):
    module = make_module({"url": "https://shop.test", "token": TOKEN, "_ansible_diff": True})
    module._client = CountingClient()
    with pytest.raises(ExitJson) as caught:
        module.apply_and_exit(FakePlan(), lambda plan: ["read back"], lambda after: {"record": after},
                              return_states=False)
    result = caught.value.result
    assert "before" not in result and "after" not in result
    assert (result["record"], result["diff"]["after"]) == (["read back"], "read back\n")


def test_empty_environment_variables_count_as_unset(monkeypatch):
    # AWX/AAP credential injectors set every variable of the credential type, the unused ones to "".
    for name in ("MAGENTO_STORE_CODE", "MAGENTO_USERNAME", "MAGENTO_PASSWORD", "MAGENTO_CONSUMER_KEY", "MAGENTO_CA_PATH"):
        monkeypatch.setenv(name, "")
    monkeypatch.setenv("MAGENTO_URL", "https://shop.test")
    monkeypatch.setenv("MAGENTO_TOKEN", TOKEN)
    client = make_module({}).client
    assert client.auth_method == "token" and "/rest/all/V1/" in repr(client)


def test_client_from_params_serves_companion_code():
    client = client_from_params({"url": "http://shop.test", "token": TOKEN, "store_code": "default",
                                 "validate_certs": True, "ca_path": None, "timeout": 30, "retries": 0})
    assert "/rest/default/V1/" in repr(client) and TOKEN not in repr(client)


def test_client_from_params_hands_parallel_reads_to_the_client():
    # The client checks the value, so a refusal proves it arrived.
    with pytest.raises(MagentoSettingsError) as caught:
        client_from_params({"url": "http://shop.test", "token": TOKEN, "parallel_reads": 0})
    assert "parallel_reads must be at least 1, got 0" in str(caught.value)
