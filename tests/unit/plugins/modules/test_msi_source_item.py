# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import functools

import pytest


from ansible_collections.commerceops.magento.plugins.module_utils.client import MagentoApiError
from ansible_collections.commerceops.magento.tests.unit.plugins.modules.real_batching import RealBatching
from ansible_collections.commerceops.magento.plugins.modules import msi_source_item

SOURCES = ("default", "uk_warehouse", "uk_store", "de_warehouse", "us_warehouse")
ITEMS = [
    {"sku": "24-MB01", "source_code": "uk_warehouse", "quantity": 100, "status": "in_stock"},
    {"sku": "24-MB01", "source_code": "de_warehouse", "quantity": 0, "status": "out_of_stock"},
    {"sku": "24-WB04", "source_code": "us_warehouse", "quantity": 12.5},
]


def _matches(item, group):
    """OR of the group's filters, with Magento's comma-split `in` and plain `eq`."""
    for field, value, condition in group:
        wanted = value.split(",") if condition == "in" else [value]
        assert condition in ("in", "eq")
        if str(item[field]) in wanted:
            return True
    return False


class FakeClient(RealBatching):
    """Source items in memory with Magento's semantics: saves upsert by (sku, source), deletes by pair."""

    def __init__(self, items=None, fail_on_write=None):
        self.sources = [{"source_code": code} for code in SOURCES]
        self.items = [dict(item) for item in (items or [])]
        self.reads = []
        self.writes = []
        self.fail_on_write = fail_on_write

    def search(self, path, filter_groups=None, page_size=300, sort_orders=None):
        self.reads.append((path, filter_groups))
        rows = {"inventory/sources": self.sources, "inventory/source-items": self.items}[path]
        return [dict(row) for row in rows if all(_matches(row, group) for group in filter_groups or [])]

    def _write(self, path, body):
        if self.fail_on_write is not None and len(self.writes) == self.fail_on_write:
            raise MagentoApiError("POST /rest/all/V1/%s answered 400: Could not save Source Item" % path,
                                  method="POST", path="/rest/all/V1/" + path, status=400,
                                  template="Could not save Source Item")
        self.writes.append((path, body))
        pairs = set((item["sku"], item["source_code"]) for item in body["sourceItems"])
        self.items = [item for item in self.items if (item["sku"], item["source_code"]) not in pairs]
        if path == "inventory/source-items":
            self.items.extend(dict(item) for item in body["sourceItems"])
        return []


@pytest.fixture
def run_module(run_module):
    """This file's tests run one module: the shared runner, bound to it."""
    return functools.partial(run_module, msi_source_item)


def stored(client):
    return sorted((item["sku"], item["source_code"], float(item["quantity"]), item["status"]) for item in client.items)


def test_present_converges_in_batches_then_rerun_writes_nothing(run_module):
    client = FakeClient()
    first = run_module(client, items=ITEMS, batch_size=2)
    assert not first.failed and first.result["changed"] is True
    assert [path for path, _body in client.writes] == ["inventory/source-items"] * 2
    assert first.result["writes_sent"] == 2
    assert stored(client) == [("24-MB01", "de_warehouse", 0.0, 0), ("24-MB01", "uk_warehouse", 100.0, 1),
                              ("24-WB04", "us_warehouse", 12.5, 1)]
    client.writes = []
    second = run_module(client, items=ITEMS)
    assert second.result["changed"] is False and client.writes == []
    assert second.result["before"] == second.result["after"] == first.result["after"]


def test_reads_once_filtered_by_sku_and_source(run_module):
    client = FakeClient()
    run_module(client, items=ITEMS)
    assert client.reads == [
        ("inventory/sources", [[("source_code", "de_warehouse,uk_warehouse,us_warehouse", "in")]]),
        ("inventory/source-items", [[("sku", "24-MB01,24-WB04", "in")],
                                    [("source_code", "de_warehouse,uk_warehouse,us_warehouse", "in")]]),
    ]


def test_check_mode_writes_nothing_and_predicts_the_real_run(run_module):
    client = FakeClient(items=[{"sku": "24-MB01", "source_code": "uk_warehouse", "quantity": 7.0, "status": 1}])
    checked = run_module(client, check_mode=True, diff=True, items=ITEMS)
    assert checked.result["changed"] is True and client.writes == []
    assert checked.result["diff"]["before"] == "24-MB01 @ uk_warehouse: quantity 7, in_stock\n"
    real = run_module(client, items=ITEMS)
    assert real.result["plan"] == checked.result["plan"]
    assert real.result["after"] == checked.result["after"]
    assert [item["sku"] for item in real.result["plan"]["updated"]] == ["24-MB01"]
    assert len(real.result["plan"]["added"]) == 2


def test_only_changed_items_are_sent(run_module):
    client = FakeClient()
    run_module(client, items=ITEMS)
    client.writes = []
    changed = [dict(ITEMS[0], quantity=90)] + ITEMS[1:]
    result = run_module(client, items=changed).result
    assert result["changed"] is True
    assert client.writes == [("inventory/source-items", {"sourceItems": [
        {"sku": "24-MB01", "source_code": "uk_warehouse", "quantity": 90.0, "status": 1}]})]
    assert result["plan"]["updated"][0]["previous_quantity"] == 100.0


def test_absent_deletes_existing_items_only_once(run_module):
    client = FakeClient()
    run_module(client, items=ITEMS)
    client.writes = []
    gone = [{"sku": "24-MB01", "source_code": "de_warehouse"}, {"sku": "NEVER", "source_code": "de_warehouse"}]
    first = run_module(client, state="absent", items=gone)
    assert first.result["changed"] is True
    assert client.writes == [("inventory/source-items-delete",
                              {"sourceItems": [{"sku": "24-MB01", "source_code": "de_warehouse"}]})]
    assert first.result["after"] == []
    second = run_module(client, state="absent", items=gone)
    assert second.result["changed"] is False and len(client.writes) == 1


def test_unknown_source_fails_before_any_write_or_item_read(run_module):
    client = FakeClient()
    failed = run_module(client, items=ITEMS + [{"sku": "X", "source_code": "mars_base", "quantity": 1}])
    assert failed.failed
    assert failed.result["unknown_source_codes"] == ["mars_base"]
    assert "mars_base" in failed.result["msg"]
    assert client.writes == [] and [path for path, _body in client.reads] == ["inventory/sources"]


@pytest.mark.parametrize("items, expected", [
    ([{"sku": "A", "source_code": "uk_store", "quantity": 1}, {"sku": "a", "source_code": "uk_store", "quantity": 2}],
     "different values"),
    ([{"sku": "A", "source_code": "uk_store"}], "needs a quantity"),
    ([{"sku": "A", "source_code": "uk_store", "quantity": 1, "status": True}], "status must be"),
])
def test_bad_items_fail_without_touching_magento(run_module, items, expected):
    client = FakeClient()
    failed = run_module(client, items=items)
    assert failed.failed and expected in failed.result["msg"]
    assert client.reads == [] and client.writes == []


def test_batch_size_below_one_fails(run_module):
    failed = run_module(FakeClient(), items=ITEMS, batch_size=0)
    assert failed.failed and "batch_size" in failed.result["msg"]


def test_failed_batch_reports_progress_and_drops_after(run_module):
    client = FakeClient(fail_on_write=1)
    failed = run_module(client, items=ITEMS, batch_size=2)
    assert failed.failed
    assert failed.result["status"] == 400
    assert failed.result["changed"] is True and failed.result["writes_sent"] == 1
    assert "after" not in failed.result
    assert len(client.items) == 2


def test_failure_on_first_batch_is_not_changed(run_module):
    failed = run_module(FakeClient(fail_on_write=0), items=ITEMS)
    assert failed.failed and failed.result["changed"] is False and failed.result["writes_sent"] == 0


def test_empty_items_send_nothing(run_module):
    client = FakeClient()
    result = run_module(client, items=[]).result
    assert result["changed"] is False and client.reads == [] and client.writes == []
