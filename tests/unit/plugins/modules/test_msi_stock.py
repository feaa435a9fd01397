# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


import pytest


from ansible_collections.commerceops.magento.plugins.module_utils.client import MagentoApiError
from ansible_collections.commerceops.magento.plugins.modules import msi_stock, msi_stock_info


def website(code):
    return {"type": "website", "code": code}


class FakeStockClient(object):
    """Magento's stock semantics in memory, including the sales-channel replace on every save."""

    def __init__(self):
        self.stocks = {1: {"name": "Default Stock", "channels": ["base", "uk", "us"]}}
        self.writes = []
        self.requests_retried = 0

    def search(self, path, filter_groups=None, page_size=300, sort_orders=None):
        assert path == "inventory/stocks" and filter_groups is None
        return [{"stock_id": stock_id, "name": stock["name"], "extension_attributes": {
            "sales_channels": [website(code) for code in stock["channels"]]}}
            for stock_id, stock in sorted(self.stocks.items())]

    def _save(self, stock_id, stock):
        channels = [channel["code"] for channel in stock["extension_attributes"]["sales_channels"]]
        dropped = [code for code in self.stocks.get(stock_id, {}).get("channels", []) if code not in channels]
        for other in self.stocks.values():
            other["channels"] = [code for code in other["channels"] if code not in channels]
        self.stocks[stock_id] = {"name": stock["name"], "channels": channels}
        if stock_id != 1:
            self.stocks[1]["channels"].extend(dropped)
        return stock_id

    def post(self, path, body):
        assert path == "inventory/stocks"
        self.writes.append(("POST", path, body))
        stock_id = body["stock"].get("stock_id") or max(self.stocks) + 1
        return self._save(stock_id, body["stock"])

    def put(self, path, body):
        self.writes.append(("PUT", path, body))
        return self._save(int(path.rsplit("/", 1)[1]), body["stock"])

    def delete(self, path):
        self.writes.append(("DELETE", path, None))
        stock_id = int(path.rsplit("/", 1)[1])
        assert stock_id != 1 and not self.stocks[stock_id]["channels"]
        del self.stocks[stock_id]
        return []


class LostAnswerClient(FakeStockClient):
    """The first POST is stored but its answer is lost; the client's retry then meets the unique name."""

    def post(self, path, body):
        super(LostAnswerClient, self).post(path, body)
        self.requests_retried += 1
        raise MagentoApiError("POST /rest/all/V1/inventory/stocks answered 400: Could not save Stock",
                              method="POST", path="/rest/all/V1/inventory/stocks", status=400,
                              template="Could not save Stock")


def test_create_whose_answer_was_lost_reports_the_stock_the_first_attempt_made(run_module):
    client = LostAnswerClient()
    result = run_module(msi_stock, client, name="UK Stock", sales_channels=[{"code": "uk"}])
    assert not result.failed and result.result["changed"] is True
    assert result.result["stock_id"] == 2
    assert sorted(stock["name"] for stock in client.stocks.values()) == ["Default Stock", "UK Stock"]


def test_create_that_fails_without_a_retry_still_fails(run_module):
    client = FakeStockClient()

    def refuse(path, body):
        raise MagentoApiError("POST /rest/all/V1/inventory/stocks answered 400: Could not save Stock", method="POST",
                              path="/rest/all/V1/inventory/stocks", status=400, template="Could not save Stock")
    client.post = refuse
    result = run_module(msi_stock, client, name="UK Stock", sales_channels=[{"code": "uk"}])
    assert result.failed and "Could not save Stock" in result.result["msg"]


def test_create_by_name_returns_the_new_id_then_rerun_is_quiet(run_module):
    client = FakeStockClient()
    first = run_module(msi_stock, client, name="UK Stock", sales_channels=[{"code": "uk"}])
    assert not first.failed and first.result["changed"] is True
    assert first.result["stock_id"] == 2
    assert first.result["stock"] == {"stock_id": 2, "name": "UK Stock", "sales_channels": [website("uk")]}
    assert client.writes == [("POST", "inventory/stocks", {"stock": {
        "name": "UK Stock", "extension_attributes": {"sales_channels": [website("uk")]}}})]
    assert first.warnings == ["website 'uk' moves from stock 'Default Stock' (1) to stock 'UK Stock'"]
    client.writes = []
    second = run_module(msi_stock, client, name="UK Stock", sales_channels=[website("uk")])
    assert second.result["changed"] is False and client.writes == [] and second.warnings == []
    assert second.result["stock_id"] == 2


def test_check_mode_writes_nothing(run_module):
    client = FakeStockClient()
    checked = run_module(msi_stock, client, check_mode=True, diff=True, name="US Stock", sales_channels=[{"code": "us"}])
    assert checked.result["changed"] is True and client.writes == []
    assert checked.result["stock_id"] is None
    assert checked.result["diff"]["before"] == ""
    assert 'name: "US Stock"' in checked.result["diff"]["after"]
    assert len(checked.warnings) == 1


def test_create_with_given_id(run_module):
    client = FakeStockClient()
    result = run_module(msi_stock, client, stock_id=20, name="US Stock").result
    assert result["stock_id"] == 20 and client.writes[0][2]["stock"]["stock_id"] == 20


def test_rename_sends_current_channels_back(run_module):
    client = FakeStockClient()
    run_module(msi_stock, client, name="UK Stock", sales_channels=[{"code": "uk"}])
    client.writes = []
    result = run_module(msi_stock, client, stock_id=2, name="United Kingdom").result
    assert result["changed"] is True
    assert client.writes == [("PUT", "inventory/stocks/2", {"stock": {
        "stock_id": 2, "name": "United Kingdom", "extension_attributes": {"sales_channels": [website("uk")]}}})]
    assert client.stocks[2]["channels"] == ["uk"]


def test_delete_needs_websites_moved_first(run_module):
    client = FakeStockClient()
    run_module(msi_stock, client, name="UK Stock", sales_channels=[{"code": "uk"}])
    client.writes = []
    refused = run_module(msi_stock, client, name="UK Stock", state="absent")
    assert refused.failed and client.writes == []
    assert "still has sales channels (uk)" in refused.result["msg"]
    emptied = run_module(msi_stock, client, name="UK Stock", sales_channels=[])
    assert emptied.warnings == ["website 'uk' leaves stock 'UK Stock' (2) and Magento assigns it to Default Stock (1)"]
    deleted = run_module(msi_stock, client, name="UK Stock", state="absent").result
    assert deleted["changed"] is True and deleted["stock_id"] is None and 2 not in client.stocks
    again = run_module(msi_stock, client, name="UK Stock", state="absent").result
    assert again["changed"] is False


@pytest.mark.parametrize("params, fragment", [
    ({"stock_id": 1, "state": "absent"}, "refuses to delete Default Stock"),
    ({"stock_id": 1, "sales_channels": [{"code": "base"}]}, "cannot be taken off Default Stock (uk, us)"),
    ({"stock_id": 9}, "stock_id 9 does not exist; creating it needs a name"),
    ({"name": "Other", "sales_channels": [{"code": ""}]}, "sales_channels[0].code must name a website"),
    ({"stock_id": 5, "name": "default stock"}, "already used by stock 'Default Stock' (1)"),
])
def test_bad_input_fails_naming_the_value_and_writes_nothing(run_module, params, fragment):
    client = FakeStockClient()
    outcome = run_module(msi_stock, client, **params)
    assert outcome.failed and client.writes == []
    assert fragment in outcome.result["msg"]


def test_identity_is_required(run_module):
    outcome = run_module(msi_stock, FakeStockClient(), sales_channels=[])
    assert outcome.failed and "stock_id, name" in outcome.result["msg"]


def test_info_selects_by_id_and_name(run_module):
    client = FakeStockClient()
    run_module(msi_stock, client, name="UK Stock", sales_channels=[{"code": "uk"}])
    result = run_module(msi_stock_info, client, stock_ids=[1, 7], names=["uk stock", "Moon"]).result
    assert [stock["stock_id"] for stock in result["stocks"]] == [1, 2]
    assert result["stocks"][1]["sales_channels"] == [website("uk")]
    assert result["missing"] == [7, "Moon"]
    everything = run_module(msi_stock_info, client).result
    assert len(everything["stocks"]) == 2 and everything["missing"] == []
