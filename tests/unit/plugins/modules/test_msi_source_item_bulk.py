# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""msi_source_item with write_mode async_bulk/auto against the emulator's bulk API and its consumer."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.commerceops.magento.plugins.modules import msi_source_item

EMULATOR_FIXTURE = "tutorial"  # sources default, uk_warehouse, uk_store, de_warehouse, us_warehouse
BULK_SAVE = "/rest/all/async/bulk/V1/inventory/source-items"
BULK_DELETE = "/rest/all/async/bulk/V1/inventory/source-items-delete"
ITEMS = [{"sku": "SKU-%d" % index, "source_code": "uk_warehouse", "quantity": index} for index in range(1, 6)]


def stored(emu):
    return dict(((item["sku"], item["source_code"]), item["quantity"]) for item in emu.state()["source_items"])


def bulk_posts(emu):
    return [(entry["path"], entry["status"], [len(body["sourceItems"]) for body in entry["body"]])
            for entry in emu.log() if "/async/bulk/" in entry["path"]]


def configure(emu, **settings):
    emu.control("POST", "config", settings)


def test_first_run_queues_one_bulk_and_waits_for_it_then_a_rerun_queues_nothing(emu, run_module, rerun_is_quiet):
    first = run_module(msi_source_item, items=ITEMS, batch_size=2, write_mode="async_bulk")
    assert not first.failed, first.result
    assert first.result["changed"] is True and first.result["write_mode"] == "async_bulk"
    assert bulk_posts(emu) == [(BULK_SAVE, 202, [2, 2, 1])]
    assert [entry["path"] for entry in emu.writes() if "/async/bulk/" not in entry["path"]] == []
    assert first.result["writes_sent"] == 3
    bulk = first.result["bulk"]
    assert bulk["operations"] == {"complete": 3, "failed_retriably": 0, "failed": 0, "open": 0, "rejected": 0}
    assert len(bulk["uuids"]) == 1 and bulk["requests"] == 1
    assert stored(emu)[("SKU-5", "uk_warehouse")] == 5.0
    again = rerun_is_quiet(msi_source_item, items=ITEMS, write_mode="async_bulk")
    assert "bulk" not in again.result and again.result["writes_sent"] == 0


def test_check_mode_queues_nothing_and_reports_the_plan_as_sync_mode_does(emu, run_module):
    checked = run_module(msi_source_item, check_mode=True, items=ITEMS, write_mode="async_bulk")
    synced = run_module(msi_source_item, check_mode=True, items=ITEMS)
    assert emu.writes() == [] and "bulk" not in checked.result
    assert [entry for entry in emu.log() if "/bulk/" in entry["path"]] == []
    assert checked.result["write_mode"] == "async_bulk" and synced.result["write_mode"] == "sync"
    for key in ("changed", "plan", "before", "after", "writes_sent"):
        assert checked.result[key] == synced.result[key]


def test_a_failed_operation_fails_the_task_by_item_and_no_removal_is_queued(emu, run_module):
    emu.seed("inventory/source-items", {"sourceItems": [
        {"sku": "OLD", "source_code": "uk_warehouse", "quantity": 1, "status": 1}]})
    configure(emu, bulk_failing_skus=["SKU-3"])
    failed = run_module(msi_source_item, state="overridden", sources=["uk_warehouse"], items=ITEMS, batch_size=2,
                        write_mode="async_bulk")
    assert failed.failed and failed.result["changed"] is True
    assert failed.result["writes_sent"] == 2
    [operation] = failed.result["failed_operations"]
    assert (operation["operation"], operation["status"], operation["action"]) == (1, 3, "save")
    assert operation["source_items"] == [{"sku": "SKU-3", "source_code": "uk_warehouse"},
                                         {"sku": "SKU-4", "source_code": "uk_warehouse"}]
    assert operation["message"] == "Could not save Source Item"
    assert "SKU-3 @ uk_warehouse, SKU-4 @ uk_warehouse" in failed.result["msg"]
    assert "failed (not retriable): Could not save Source Item" in failed.result["msg"]
    assert "The 1 removals were not sent" in failed.result["msg"]
    assert [path for path, dummy, dummy in bulk_posts(emu)] == [BULK_SAVE]
    assert ("OLD", "uk_warehouse") in stored(emu) and ("SKU-3", "uk_warehouse") not in stored(emu)
    assert stored(emu)[("SKU-5", "uk_warehouse")] == 5.0
    assert "after" not in failed.result


def test_a_stopped_consumer_fails_within_the_wait_naming_and_returning_the_uuid(emu, run_module):
    configure(emu, bulk_consumer_running=False)
    started = time.monotonic()
    stopped = run_module(msi_source_item, items=ITEMS, write_mode="async_bulk", bulk_wait_timeout=1)
    assert time.monotonic() - started < 5
    assert stopped.failed and stopped.result["changed"] is False and stopped.result["writes_sent"] == 0
    [uuid] = stopped.result["bulk"]["uuids"]
    assert uuid in stopped.result["msg"]
    assert "bin/magento queue:consumers:start async.operations.all" in stopped.result["msg"]
    assert stopped.result["bulk"]["operations"]["open"] == 1
    assert stopped.result["failed_operations"] == []
    assert stored(emu) == {}
    # the operation stays queued and lands when the consumer runs; then nothing is left to do
    emu.control("POST", "bulk/consume", {})
    assert stored(emu)[("SKU-1", "uk_warehouse")] == 1.0
    emu.clear_log()
    assert run_module(msi_source_item, items=ITEMS, write_mode="async_bulk").result["changed"] is False


def test_zero_wait_queues_and_returns_with_the_operations_open(emu, run_module):
    configure(emu, bulk_consumer_running=False)
    queued = run_module(msi_source_item, items=ITEMS, write_mode="async_bulk", bulk_wait_timeout=0, batch_size=2)
    assert not queued.failed and queued.result["changed"] is True and queued.result["writes_sent"] == 0
    assert queued.result["bulk"]["operations"]["open"] == 3
    # no status read at all, not even the access check
    assert [entry["method"] for entry in emu.log()] == ["GET", "GET", "POST"]


def test_zero_wait_refuses_a_plan_that_saves_and_removes_in_check_mode_too(emu, run_module):
    emu.seed("inventory/source-items", {"sourceItems": [
        {"sku": "OLD", "source_code": "uk_warehouse", "quantity": 1, "status": 1}]})
    for check_mode in (True, False):
        refused = run_module(msi_source_item, check_mode=check_mode, state="overridden", sources=["uk_warehouse"],
                             items=ITEMS, write_mode="async_bulk", bulk_wait_timeout=0)
        assert refused.failed and refused.result["changed"] is False
        assert "both saves and removes" in refused.result["msg"] and "Nothing was written" in refused.result["msg"]
    assert emu.writes() == []


def test_auto_uses_the_bulk_api_only_above_the_threshold(emu, run_module):
    below = run_module(msi_source_item, items=ITEMS, write_mode="auto", bulk_threshold=5)
    assert below.result["write_mode"] == "sync" and bulk_posts(emu) == [] and "bulk" not in below.result
    emu.clear_log()
    changed = [dict(item, quantity=50) for item in ITEMS]
    above = run_module(msi_source_item, items=changed, write_mode="auto", bulk_threshold=4)
    assert above.result["write_mode"] == "async_bulk" and len(bulk_posts(emu)) == 1
    assert above.result["bulk"]["operations"]["complete"] == 1


def test_negative_bulk_settings_are_refused_before_anything_is_sent(emu, run_module):
    for name in ("bulk_threshold", "bulk_wait_timeout"):
        refused = run_module(msi_source_item, items=ITEMS, write_mode="auto", **{name: -1})
        assert refused.failed and "%s must be 0 or more, got -1" % name in refused.result["msg"]
    assert emu.log() == []


def test_bodies_refused_by_magentos_input_limits_are_cut_to_its_maximum(emu, run_module):
    configure(emu, input_limits=True)
    many = [{"sku": "SKU-%02d" % index, "source_code": "uk_warehouse", "quantity": 1} for index in range(45)]
    loaded = run_module(msi_source_item, items=many, write_mode="async_bulk")
    assert not loaded.failed, loaded.result
    assert bulk_posts(emu) == [(BULK_SAVE, 400, [45]), (BULK_SAVE, 202, [20, 20, 5])]
    assert loaded.result["writes_sent"] == 3 and loaded.result["bulk"]["requests"] == 2
    assert any("batch_size to 20 or less" in warning for warning in loaded.warnings)
    assert len([key for key in stored(emu) if key[0].startswith("SKU-")]) == 45
