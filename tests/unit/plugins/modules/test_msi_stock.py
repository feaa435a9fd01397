# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""msi_stock and msi_stock_info against the emulator, which replaces a stock's websites on every save."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.modules import msi_stock, msi_stock_info

STOCKS = "/rest/all/V1/inventory/stocks"


def website(code):
    return {"type": "website", "code": code}


# A fresh Magento with three websites, all selling from Default Stock.
EMULATOR_FIXTURE = {
    "websites": ["base", "uk", "us"],
    "sources": [{"source_code": "default", "name": "Default Source", "enabled": True, "country_id": "US",
                 "postcode": "00000"}],
    "stocks": [{"stock_id": 1, "name": "Default Stock", "sales_channels": [website("base"), website("uk"), website("us")]}],
    "links": [{"stock_id": 1, "source_code": "default", "priority": 1}],
    "source_items": [],
}


def stored_stocks(emu):
    """{stock_id: (name, [website codes])} as Magento holds them."""
    return dict((stock["stock_id"], (stock["name"], [channel["code"] for channel in stock["extension_attributes"]["sales_channels"]]))
                for stock in emu.state()["stocks"])


def writes(emu):
    return [(entry["method"], entry["path"], entry["body"]) for entry in emu.writes()]


def test_create_whose_answer_was_lost_reports_the_stock_the_first_attempt_made(emu, run_module):
    emu.faults(lose_answer_next=1)
    outcome = run_module(msi_stock, name="UK Stock", sales_channels=[{"code": "uk"}])
    assert not outcome.failed and outcome.result["changed"] is True
    [created] = [stock_id for stock_id, (name, dummy) in stored_stocks(emu).items() if name == "UK Stock"]
    assert outcome.result["stock_id"] == created
    # The first POST was carried out unanswered; its retry met the taken name.
    posts = [entry for entry in emu.writes() if entry["path"] == STOCKS]
    assert [(entry["status"], entry.get("answer_lost", False)) for entry in posts] == [(200, True), (400, False)]
    assert sorted(name for name, dummy in stored_stocks(emu).values()) == ["Default Stock", "UK Stock"]


def test_create_refused_by_magento_fails_with_its_message(emu, run_module):
    outcome = run_module(msi_stock, name="Mars Stock", sales_channels=[{"code": "mars"}])
    assert outcome.failed and outcome.result["changed"] is False
    assert outcome.result["status"] == 400
    assert 'The website with code "mars" does not exist.' in outcome.result["msg"]
    assert [entry["status"] for entry in emu.writes()] == [400]
    assert sorted(stored_stocks(emu)) == [1]


def test_create_retried_without_a_stock_to_show_for_it_still_fails(emu, run_failing):
    # The POST and its one retry answer 503; the module then looks for the name and finds nothing.
    outcome = run_failing(msi_stock, "xx.", status=503, name="UK Stock", retries=1)
    assert outcome.failed and outcome.result["changed"] is False
    assert outcome.result["msg"].startswith("POST %s answered 503" % STOCKS)
    assert [entry["status"] for entry in emu.writes()] == [503, 503]
    assert sorted(stored_stocks(emu)) == [1]


def test_create_by_name_returns_the_new_id_then_rerun_is_quiet(emu, run_module, rerun_is_quiet):
    first = run_module(msi_stock, name="UK Stock", sales_channels=[{"code": "uk"}])
    assert not first.failed and first.result["changed"] is True
    [stock_id] = [stock_id for stock_id in stored_stocks(emu) if stock_id != 1]
    assert first.result["stock_id"] == stock_id
    assert first.result["stock"] == {"stock_id": stock_id, "name": "UK Stock", "sales_channels": [website("uk")]}
    assert writes(emu) == [("POST", STOCKS, {"stock": {
        "name": "UK Stock", "extension_attributes": {"sales_channels": [website("uk")]}}})]
    assert first.warnings == ["website 'uk' moves from stock 'Default Stock' (1) to stock 'UK Stock'"]
    assert stored_stocks(emu) == {1: ("Default Stock", ["base", "us"]), stock_id: ("UK Stock", ["uk"])}
    second = rerun_is_quiet(msi_stock, name="UK Stock", sales_channels=[website("uk")])
    assert second.warnings == []
    assert second.result["stock_id"] == stock_id


def test_check_mode_writes_nothing(emu, run_module):
    before = stored_stocks(emu)
    checked = run_module(msi_stock, check_mode=True, diff=True, name="US Stock", sales_channels=[{"code": "us"}])
    assert checked.result["changed"] is True and emu.writes() == []
    assert stored_stocks(emu) == before
    assert checked.result["stock_id"] is None
    assert checked.result["diff"]["before"] == ""
    assert 'name: "US Stock"' in checked.result["diff"]["after"]
    assert checked.warnings == ["website 'us' moves from stock 'Default Stock' (1) to stock 'US Stock'"]


def test_create_with_given_id(emu, run_module):
    result = run_module(msi_stock, stock_id=20, name="US Stock").result
    assert result["stock_id"] == 20
    [(method, path, body)] = writes(emu)
    assert (method, path, body["stock"]["stock_id"]) == ("POST", STOCKS, 20)
    assert stored_stocks(emu)[20] == ("US Stock", [])


def test_rename_sends_current_channels_back(emu, run_module):
    stock_id = run_module(msi_stock, name="UK Stock", sales_channels=[{"code": "uk"}]).result["stock_id"]
    emu.clear_log()
    result = run_module(msi_stock, stock_id=stock_id, name="United Kingdom").result
    assert result["changed"] is True
    assert writes(emu) == [("PUT", "%s/%d" % (STOCKS, stock_id), {"stock": {
        "stock_id": stock_id, "name": "United Kingdom", "extension_attributes": {"sales_channels": [website("uk")]}}})]
    assert stored_stocks(emu)[stock_id] == ("United Kingdom", ["uk"])


def test_delete_needs_websites_moved_first(emu, run_module, rerun_is_quiet):
    stock_id = run_module(msi_stock, name="UK Stock", sales_channels=[{"code": "uk"}]).result["stock_id"]
    emu.clear_log()
    refused = run_module(msi_stock, name="UK Stock", state="absent")
    assert refused.failed and emu.writes() == []
    assert "still has sales channels (uk)" in refused.result["msg"]
    emptied = run_module(msi_stock, name="UK Stock", sales_channels=[])
    assert emptied.warnings == ["website 'uk' leaves stock 'UK Stock' (%d) and Magento assigns it to Default Stock (1)" % stock_id]
    assert stored_stocks(emu)[1] == ("Default Stock", ["base", "uk", "us"])
    deleted = run_module(msi_stock, name="UK Stock", state="absent").result
    assert deleted["changed"] is True and deleted["stock_id"] is None
    assert sorted(stored_stocks(emu)) == [1]
    assert [(method, path) for method, path, dummy in writes(emu)] == [
        ("PUT", "%s/%d" % (STOCKS, stock_id)), ("DELETE", "%s/%d" % (STOCKS, stock_id))]
    rerun_is_quiet(msi_stock, name="UK Stock", state="absent")


@pytest.mark.parametrize("params, fragment", [
    ({"stock_id": 1, "state": "absent"}, "refuses to delete Default Stock"),
    ({"stock_id": 1, "sales_channels": [{"code": "base"}]}, "cannot be taken off Default Stock (uk, us)"),
    ({"stock_id": 9}, "stock_id 9 does not exist; creating it needs a name"),
    ({"name": "Other", "sales_channels": [{"code": ""}]}, "sales_channels[0].code must name a website"),
    ({"stock_id": 5, "name": "default stock"}, "already used by stock 'Default Stock' (1)"),
])
def test_bad_input_fails_naming_the_value_and_writes_nothing(emu, run_module, params, fragment):
    before = stored_stocks(emu)
    outcome = run_module(msi_stock, **params)
    assert outcome.failed and emu.writes() == []
    assert fragment in outcome.result["msg"]
    assert stored_stocks(emu) == before


def test_identity_is_required(emu, run_module):
    outcome = run_module(msi_stock, sales_channels=[])
    assert outcome.failed and "stock_id, name" in outcome.result["msg"]
    assert emu.log() == []


def test_info_selects_by_id_and_name(emu, run_module):
    stock_id = run_module(msi_stock, name="UK Stock", sales_channels=[{"code": "uk"}]).result["stock_id"]
    emu.clear_log()
    result = run_module(msi_stock_info, stock_ids=[1, 7], names=["uk stock", "Moon"]).result
    assert [stock["stock_id"] for stock in result["stocks"]] == [1, stock_id]
    assert result["stocks"][1]["sales_channels"] == [website("uk")]
    assert result["missing"] == [7, "Moon"]
    everything = run_module(msi_stock_info).result
    assert [stock["stock_id"] for stock in everything["stocks"]] == sorted(stored_stocks(emu))
    assert everything["missing"] == [] and everything["changed"] is False
    assert emu.writes() == []
