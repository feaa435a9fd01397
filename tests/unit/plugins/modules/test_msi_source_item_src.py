# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""msi_source_item with src (items from a file) and return_items, against the emulator."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.commerceops.magento.plugins.modules import msi_source_item

EMULATOR_FIXTURE = "tutorial"  # sources default, uk_warehouse, uk_store, de_warehouse, us_warehouse
SAVE = "/rest/all/V1/inventory/source-items"
ITEMS = [
    {"sku": "24-MB01", "source_code": "uk_warehouse", "quantity": 100.0, "status": 1},
    {"sku": "24-MB01", "source_code": "de_warehouse", "quantity": 0.0, "status": 0},
    {"sku": "24-WB04", "source_code": "us_warehouse", "quantity": 12.5, "status": 1},
]
CSV = ("source_code,sku,status,quantity\r\n"
       "uk_warehouse,24-MB01,1,100\r\n"
       "de_warehouse,24-MB01,0,0\r\n"
       "us_warehouse,24-WB04,1,12.5\r\n")
YAML = ("- {sku: 24-MB01, source_code: uk_warehouse, quantity: 100, status: in_stock}\n"
        "- {sku: 24-MB01, source_code: de_warehouse, quantity: 0, status: out_of_stock}\n"
        "- {sku: 24-WB04, source_code: us_warehouse, quantity: 12.5, status: 1}\n")
COUNTS_FIRST = {"added": 3, "updated": 0, "removed": 0, "unchanged": 0}
COUNTS_RERUN = {"added": 0, "updated": 0, "removed": 0, "unchanged": 3}


def stored(emu):
    return sorted((item["sku"], item["source_code"], item["quantity"], item["status"])
                  for item in emu.state()["source_items"])


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content)
    return str(path)


@pytest.fixture(params=["csv", "json", "yaml"])
def src(request, tmp_path):
    content = {"csv": CSV, "json": json.dumps(ITEMS, indent=2), "yaml": YAML}[request.param]
    return write(tmp_path, "items." + {"yaml": "yml"}.get(request.param, request.param), content)


def test_src_converges_like_items_and_returns_counts_without_the_items(emu, run_module, rerun_is_quiet, src):
    first = run_module(msi_source_item, src=src)
    assert not first.failed, first.result
    assert first.result["changed"] is True and first.result["writes_sent"] == 1
    assert first.result["counts"] == COUNTS_FIRST
    assert "before" not in first.result and "after" not in first.result
    assert [(entry["path"], entry["body"]["sourceItems"]) for entry in emu.writes()] == [
        (SAVE, sorted(ITEMS, key=lambda item: (item["source_code"], item["sku"])))]
    assert stored(emu) == sorted((item["sku"], item["source_code"], item["quantity"], item["status"])
                                 for item in ITEMS)
    again = rerun_is_quiet(msi_source_item, src=src)
    assert again.result["counts"] == COUNTS_RERUN
    assert again.result["plan"] == {"added": [], "updated": [], "removed": []}


def test_src_and_items_plan_the_same(emu, run_module, tmp_path):
    src = write(tmp_path, "items.csv", CSV)
    from_file = run_module(msi_source_item, check_mode=True, src=src, return_items=True).result
    from_items = run_module(msi_source_item, check_mode=True, items=ITEMS).result
    assert from_file == from_items


def test_bad_rows_fail_naming_line_and_value_before_any_request(emu, run_module, tmp_path):
    src = write(tmp_path, "items.csv", CSV + "uk_store,24-MB01,1,lots\nuk_store,24-WB04,maybe,1\nuk_store,X,1,1,1\n")
    failed = run_module(msi_source_item, src=src)
    assert failed.failed and failed.result["changed"] is False and failed.result["writes_sent"] == 0
    assert failed.result["problems"] == [
        "src line 5 (sku '24-MB01' at source 'uk_store'): quantity must be a number, got 'lots'",
        "src line 6 (sku '24-WB04' at source 'uk_store'): status must be in_stock, out_of_stock, 1 or 0, got 'maybe'",
        "src line 7: 5 fields where the header has 4: uk_store,X,1,1,1",
    ]
    assert failed.result["msg"].startswith("Invalid source items, nothing was written: src line 5 ")
    assert emu.log() == [] and stored(emu) == []


def test_a_file_of_bad_rows_lists_them_all_in_problems_and_the_first_fifty_in_the_message(emu, run_module, tmp_path):
    rows = "".join("uk_store,SKU-%03d,1,n/a\n" % number for number in range(120))
    failed = run_module(msi_source_item, src=write(tmp_path, "items.csv", "source_code,sku,status,quantity\n" + rows))
    assert failed.failed and len(failed.result["problems"]) == 120
    assert failed.result["problems"][119] == ("src line 121 (sku 'SKU-119' at source 'uk_store'): quantity must be a "
                                              "number, got 'n/a'")
    assert failed.result["msg"].count("src line") == 50
    assert failed.result["msg"].endswith("src line 51 (sku 'SKU-049' at source 'uk_store'): quantity must be a number, "
                                         "got 'n/a'; and 70 more, every one in problems.")
    assert emu.log() == []


@pytest.mark.parametrize("content, name, expected", [
    ("sku,quantity\nA,1\n", "items.csv", "the header sku,quantity has no source_code column"),
    ("[{]", "items.json", "src line 1 column 3: not valid JSON"),
    ("", "items.txt", "cannot tell the format of src"),
])
def test_unusable_files_fail_before_any_request(emu, run_module, tmp_path, content, name, expected):
    failed = run_module(msi_source_item, src=write(tmp_path, name, content))
    assert failed.failed and expected in failed.result["msg"] and emu.log() == []


def test_missing_file_fails_before_any_request(emu, run_module, tmp_path):
    failed = run_module(msi_source_item, src=str(tmp_path / "nowhere.csv"))
    assert failed.failed and "nowhere.csv cannot be read: No such file or directory" in failed.result["msg"]
    assert emu.log() == []


def test_src_format_overrides_the_extension(emu, run_module, tmp_path):
    result = run_module(msi_source_item, check_mode=True, src=write(tmp_path, "export.txt", CSV),
                        src_format="csv").result
    assert result["counts"] == COUNTS_FIRST


def test_items_and_src_are_mutually_exclusive_and_one_is_required(emu, run_module, tmp_path):
    both = run_module(msi_source_item, items=ITEMS, src=write(tmp_path, "items.csv", CSV))
    assert both.failed and "mutually exclusive" in both.result["msg"]
    neither = run_module(msi_source_item, state="merged")
    assert neither.failed and "items, src" in neither.result["msg"]
    assert emu.log() == []


def test_deleted_from_a_file_needs_no_quantity_column(emu, run_module, tmp_path):
    run_module(msi_source_item, items=ITEMS)
    removed = run_module(msi_source_item, state="deleted",
                         src=write(tmp_path, "gone.csv", "sku,source_code\n24-MB01,de_warehouse\n")).result
    assert removed["counts"] == {"added": 0, "updated": 0, "removed": 1, "unchanged": 0}
    assert ("24-MB01", "de_warehouse", 0.0, 0) not in stored(emu)


def test_gathered_reads_the_skus_of_a_file(emu, run_module, tmp_path):
    run_module(msi_source_item, items=ITEMS)
    gathered = run_module(msi_source_item, state="gathered", src=write(tmp_path, "skus.csv", "sku\n24-WB04\n")).result
    assert gathered["gathered"] == [ITEMS[2]]


# --- return_items --------------------------------------------------------------------------------

@pytest.mark.parametrize("given, diff, returned", [
    pytest.param({"src": True}, False, False, id="src-default-lean"),
    pytest.param({"src": True}, True, True, id="src-diff-returns-them"),
    pytest.param({"src": True, "return_items": True}, False, True, id="src-asked"),
    pytest.param({}, False, True, id="items-default-as-1.0.0"),
    pytest.param({"return_items": False}, False, False, id="items-declined"),
    pytest.param({"return_items": False}, True, False, id="declined-even-in-diff-mode"),
])
def test_return_items(emu, run_module, tmp_path, given, diff, returned):
    params = dict(given)
    if params.pop("src", False):
        params["src"] = write(tmp_path, "items.csv", CSV)
    else:
        params["items"] = ITEMS
    result = run_module(msi_source_item, check_mode=True, diff=diff, **params).result
    assert ("before" in result, "after" in result) == (returned, returned)
    if returned:
        assert result["before"] == [] and len(result["after"]) == 3
    assert result["counts"] == COUNTS_FIRST and len(result["plan"]["added"]) == 3
    if diff:
        assert result["diff"]["after"].count("\n") == 3


def test_many_items_returned_by_default_warn_how_to_leave_them_out(emu, run_module):
    many = [{"sku": "SKU-%04d" % number, "source_code": "uk_store", "quantity": 1} for number in range(1001)]
    warned = run_module(msi_source_item, check_mode=True, items=many)
    assert len(warned.result["after"]) == 1001
    assert [message for message in warned.warnings if "return_items" in message] == [
        "the result carries before and after with 1001 items, as version 1.0.0 did; set return_items: false to "
        "leave them out (plan and counts still say what changed), and pass big sets with src rather than items, "
        "which spares the controller memory and time"]
    for asked in (True, False):
        quiet = run_module(msi_source_item, check_mode=True, items=many, return_items=asked)
        assert not [message for message in quiet.warnings if "return_items" in message]
    few = run_module(msi_source_item, check_mode=True, items=many[:1000])
    assert not [message for message in few.warnings if "return_items" in message]
