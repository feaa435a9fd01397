# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""msi_source_item against the emulator: reads, batched saves and deletes, partial failure."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.modules import msi_source_item

EMULATOR_FIXTURE = "tutorial"  # sources default, uk_warehouse, uk_store, de_warehouse, us_warehouse
SAVE = "/rest/all/V1/inventory/source-items"
DELETE = "/rest/all/V1/inventory/source-items-delete"
ITEMS = [
    {"sku": "24-MB01", "source_code": "uk_warehouse", "quantity": 100, "status": "in_stock"},
    {"sku": "24-MB01", "source_code": "de_warehouse", "quantity": 0, "status": "out_of_stock"},
    {"sku": "24-WB04", "source_code": "us_warehouse", "quantity": 12.5},
]
STORED_ITEMS = [("24-MB01", "de_warehouse", 0.0, 0), ("24-MB01", "uk_warehouse", 100.0, 1),
                ("24-WB04", "us_warehouse", 12.5, 1)]


def stored(emu):
    return sorted((item["sku"], item["source_code"], item["quantity"], item["status"])
                  for item in emu.state()["source_items"])


def test_present_converges_in_batches_then_rerun_writes_nothing(emu, run_module, rerun_is_quiet):
    first = run_module(msi_source_item, items=ITEMS, batch_size=2)
    assert not first.failed and first.result["changed"] is True
    assert [(entry["path"], len(entry["body"]["sourceItems"])) for entry in emu.writes()] == [(SAVE, 2), (SAVE, 1)]
    assert first.result["writes_sent"] == 2
    assert stored(emu) == STORED_ITEMS
    second = rerun_is_quiet(msi_source_item, items=ITEMS)
    assert second.result["before"] == second.result["after"] == first.result["after"]


def test_reads_once_filtered_by_sku_and_source(emu, run_module):
    run_module(msi_source_item, items=ITEMS)
    # Magento's `in` takes one comma-separated string; the two groups are AND'ed.
    assert emu.reads() == [
        ("inventory/sources", [[("source_code", "de_warehouse,uk_warehouse,us_warehouse", "in")]]),
        ("inventory/source-items", [[("sku", "24-MB01,24-WB04", "in")],
                                    [("source_code", "de_warehouse,uk_warehouse,us_warehouse", "in")]]),
    ]


def test_check_mode_writes_nothing_and_predicts_the_real_run(emu, run_module):
    emu.seed("inventory/source-items", {"sourceItems": [
        {"sku": "24-MB01", "source_code": "uk_warehouse", "quantity": 7.0, "status": 1}]})
    checked = run_module(msi_source_item, check_mode=True, diff=True, items=ITEMS)
    assert checked.result["changed"] is True and emu.writes() == []
    assert stored(emu) == [("24-MB01", "uk_warehouse", 7.0, 1)]
    assert checked.result["diff"]["before"] == "24-MB01 @ uk_warehouse: quantity 7, in_stock\n"
    real = run_module(msi_source_item, items=ITEMS)
    assert real.result["plan"] == checked.result["plan"]
    assert real.result["after"] == checked.result["after"]
    assert [item["sku"] for item in real.result["plan"]["updated"]] == ["24-MB01"]
    assert len(real.result["plan"]["added"]) == 2
    assert stored(emu) == STORED_ITEMS


def test_only_changed_items_are_sent(emu, run_module):
    run_module(msi_source_item, items=ITEMS)
    emu.clear_log()
    changed = [dict(ITEMS[0], quantity=90)] + ITEMS[1:]
    result = run_module(msi_source_item, items=changed).result
    assert result["changed"] is True
    assert [(entry["path"], entry["body"]) for entry in emu.writes()] == [(SAVE, {"sourceItems": [
        {"sku": "24-MB01", "source_code": "uk_warehouse", "quantity": 90.0, "status": 1}]})]
    assert result["plan"]["updated"][0]["previous_quantity"] == 100.0
    assert ("24-MB01", "uk_warehouse", 90.0, 1) in stored(emu)


def test_absent_deletes_existing_items_only_once(emu, run_module, rerun_is_quiet):
    run_module(msi_source_item, items=ITEMS)
    emu.clear_log()
    gone = [{"sku": "24-MB01", "source_code": "de_warehouse"}, {"sku": "NEVER", "source_code": "de_warehouse"}]
    first = run_module(msi_source_item, state="absent", items=gone)
    assert first.result["changed"] is True
    assert [(entry["path"], entry["body"]) for entry in emu.writes()] == [
        (DELETE, {"sourceItems": [{"sku": "24-MB01", "source_code": "de_warehouse"}]})]
    assert first.result["after"] == []
    assert stored(emu) == [item for item in STORED_ITEMS if item[1] != "de_warehouse"]
    rerun_is_quiet(msi_source_item, state="absent", items=gone)


def test_unknown_source_fails_before_any_write_or_item_read(emu, run_module):
    failed = run_module(msi_source_item, items=ITEMS + [{"sku": "X", "source_code": "mars_base", "quantity": 1}])
    assert failed.failed
    assert failed.result["unknown_source_codes"] == ["mars_base"]
    assert "mars_base" in failed.result["msg"]
    assert emu.writes() == [] and [path for path, dummy in emu.reads()] == ["inventory/sources"]


@pytest.mark.parametrize("items, expected", [
    ([{"sku": "A", "source_code": "uk_store", "quantity": 1}, {"sku": "a", "source_code": "uk_store", "quantity": 2}],
     "different values"),
    ([{"sku": "A", "source_code": "uk_store"}], "needs a quantity"),
    ([{"sku": "A", "source_code": "uk_store", "quantity": 1, "status": True}], "status must be"),
])
def test_bad_items_fail_without_touching_magento(emu, run_module, items, expected):
    failed = run_module(msi_source_item, items=items)
    assert failed.failed and expected in failed.result["msg"]
    assert emu.log() == []


def test_batch_size_below_one_fails(emu, run_module):
    failed = run_module(msi_source_item, items=ITEMS, batch_size=0)
    assert failed.failed and "batch_size" in failed.result["msg"]
    assert emu.writes() == [] and stored(emu) == []


def test_failed_batch_reports_progress_and_drops_after(emu, run_failing):
    failed = run_failing(msi_source_item, ".x", items=ITEMS, batch_size=2)
    assert failed.failed
    assert failed.result["status"] == 500
    assert failed.result["changed"] is True and failed.result["writes_sent"] == 1
    assert "after" not in failed.result
    assert [entry["status"] for entry in emu.writes()] == [200, 500]
    # The first batch is stored, the refused one is not.
    assert stored(emu) == STORED_ITEMS[:2]


def test_failure_on_first_batch_is_not_changed(emu, run_failing):
    failed = run_failing(msi_source_item, "x", items=ITEMS)
    assert failed.failed and failed.result["changed"] is False and failed.result["writes_sent"] == 0
    assert [entry["status"] for entry in emu.writes()] == [500]
    assert stored(emu) == []


def test_empty_items_send_nothing(emu, run_module):
    result = run_module(msi_source_item, items=[]).result
    assert result["changed"] is False and emu.log() == []
