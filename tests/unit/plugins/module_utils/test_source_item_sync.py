# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""source_item_sync against the emulator over real HTTP: which requests a run reads with, and what it finds."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys
import threading
import time
from urllib.parse import parse_qsl

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils import source_item_plan, source_item_sync
from ansible_collections.commerceops.magento.plugins.module_utils.client import MAX_URL_LENGTH, MagentoClient

EMULATOR_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "emulator")
sys.path.insert(0, os.path.normpath(EMULATOR_DIR))
pytest.importorskip("magento_msi_emulator")

ITEMS = "/rest/all/V1/inventory/source-items"
SOURCES = "/rest/all/V1/inventory/sources"
# 40 characters: 600 of them need four chunks of SKUs, and fill two pages of 300
LONG = "LONG-SKU-NAME-TO-FILL-THE-URL-BUDGET-%03d"


EMULATOR_FIXTURE = "tutorial"


def client_of(emu, **settings):
    return MagentoClient(url=emu.url, token="emulator-token", **settings)


def seed(emu, items):
    with emu.app.lock:
        for entry in items:
            emu.app.inventory.upsert_source_item(dict(entry, status=entry.get("status", 1)))
    emu.app.log.clear()


def stored(emu):
    with emu.app.lock:
        return sorted((row["sku"], row["source_code"], float(row["quantity"])) for row in emu.app.inventory.source_items)


def reads(emu):
    return [entry for entry in emu.app.log.entries() if entry["method"] == "GET"]


def criteria(entry):
    return dict(parse_qsl(entry["query"] or ""))


def filtered_fields(entry):
    return sorted(value for name, value in criteria(entry).items() if name.endswith("[field]"))


def page_size_of(entry):
    return int(criteria(entry)["searchCriteria[page_size]"])


def run(client, state, items, sources=None):
    desired, sources = source_item_plan.normalize_input(state, items, sources)
    if state == "gathered":
        return source_item_sync.gather(client, desired, sources)
    plan = source_item_sync.plan(client, state, desired, sources)
    if plan.changed:
        source_item_sync.apply(client, plan)
    return plan


def test_a_started_search_gives_its_total_after_one_page_and_reads_the_rest_on_demand(emu):
    seed(emu, [{"sku": "SKU-%02d" % n, "source_code": "uk_store", "quantity": 1} for n in range(25)])
    client = client_of(emu, page_size=10)
    started = client.start_search(source_item_sync.ITEMS_PATH, [[("source_code", ["UK_Store"], "in")]])
    assert started.total == 25
    assert [criteria(entry)["searchCriteria[current_page]"] for entry in reads(emu)] == ["1"]
    assert sorted(item["sku"] for item in started.items()) == ["SKU-%02d" % n for n in range(25)]
    assert sorted(criteria(entry)["searchCriteria[current_page]"] for entry in reads(emu)) == ["1", "2", "3"]


def test_a_few_items_take_one_lookup_and_one_filtered_read(emu):
    items = [{"sku": "24-MB01", "source_code": "uk_warehouse", "quantity": 1},
             {"sku": "24-WB04", "source_code": "us_warehouse", "quantity": 2}]
    run(client_of(emu), "merged", items)
    assert [entry["path"] for entry in reads(emu)] == [SOURCES, ITEMS]
    assert filtered_fields(reads(emu)[1]) == ["sku", "source_code"]


def test_every_sku_read_fits_the_url_limit_and_filters_on_the_server(emu):
    skus = ["LONG-%04d-%s" % (n, "x" * 30) for n in range(1500)]
    skus += ["COMMA,%d,SKU" % n for n in range(20)] + ["CAF\u00c9-%d" % n for n in range(100)]
    seed(emu, [{"sku": sku, "source_code": "uk_store", "quantity": 3} for sku in skus[::2]])
    # another 30,000 items at the source, so that reading it whole would cost far more
    seed(emu, [{"sku": "OTHER-%05d" % n, "source_code": "uk_store", "quantity": 1} for n in range(30000)])
    gathered = run(client_of(emu), "gathered", [{"sku": sku, "source_code": "uk_store"} for sku in skus])
    assert sorted(item["sku"] for item in gathered) == sorted(skus[::2])
    item_reads = [entry for entry in reads(emu) if entry["path"] == ITEMS]
    # the first page of the whole source, whose total says reading it whole would cost more
    assert filtered_fields(item_reads[0]) == ["source_code"]
    chunk_reads = item_reads[1:]
    assert len(chunk_reads) >= 8
    for entry in chunk_reads:
        assert "sku" in filtered_fields(entry)
        assert len(emu.url + entry["path"] + "?" + entry["query"]) <= MAX_URL_LENGTH - 500


def test_a_run_covering_a_source_reads_it_whole_from_its_first_page(emu):
    items = [{"sku": LONG % n, "source_code": "uk_store", "quantity": n} for n in range(600)]
    client = client_of(emu)
    first = run(client, "merged", items)
    # the first page finds the source empty: nothing else to read
    assert len(first.summary["added"]) == 600
    assert [(entry["path"], page_size_of(entry)) for entry in reads(emu)] == [(SOURCES, 300), (ITEMS, 300)]
    emu.app.log.clear()
    rerun = run(client_of(emu), "merged", items)
    assert not rerun.changed and len(rerun.before) == 600
    item_reads = [entry for entry in reads(emu) if entry["path"] == ITEMS]
    # two pages, the first of which decided the plan: no request besides the source's own pages
    assert [page_size_of(entry) for entry in item_reads] == [300, 300]
    assert all(filtered_fields(entry) == ["source_code"] for entry in item_reads)
    # the SKU plan would have needed four chunks
    budget = source_item_sync.query_budget(["uk_store"], 300)
    assert len(source_item_sync.chunk_skus([item["sku"] for item in items], budget)) == 4


def test_a_small_share_of_a_big_source_is_read_by_sku(emu):
    seed(emu, [{"sku": "OTHER-%05d" % n, "source_code": "uk_store", "quantity": 1} for n in range(3000)])
    items = [{"sku": LONG % n, "source_code": "uk_store", "quantity": n} for n in range(600)]
    plan = run(client_of(emu), "merged", items)
    assert len(plan.summary["added"]) == 600 and plan.summary["removed"] == []
    item_reads = [entry for entry in reads(emu) if entry["path"] == ITEMS]
    assert [page_size_of(entry) for entry in item_reads] == [300] * 5
    assert filtered_fields(item_reads[0]) == ["source_code"]
    assert all(filtered_fields(entry) == ["sku", "source_code"] for entry in item_reads[1:])


def test_replaced_reads_the_skus_at_every_source_without_a_source_filter(emu):
    seed(emu, [{"sku": "A", "source_code": code, "quantity": 1} for code in ("default", "uk_store", "us_warehouse")]
         + [{"sku": "B", "source_code": "uk_store", "quantity": 1}])
    plan = run(client_of(emu), "replaced", [{"sku": "a", "source_code": "UK_STORE", "quantity": 4}])
    assert [(item["sku"], item["source_code"]) for item in plan.summary["removed"]] == [
        ("A", "default"), ("A", "us_warehouse")]
    assert filtered_fields([entry for entry in reads(emu) if entry["path"] == ITEMS][0]) == ["sku"]
    assert stored(emu) == [("A", "uk_store", 4.0), ("B", "uk_store", 1.0)]
    writes = [entry["path"] for entry in emu.app.log.entries() if entry["write"]]
    assert writes == [ITEMS, ITEMS + "-delete"]


def test_overridden_reads_its_sources_whole_and_empties_them(emu):
    seed(emu, [{"sku": "S-%d" % n, "source_code": code, "quantity": 1}
               for n in range(5) for code in ("uk_store", "de_warehouse", "default")])
    client = client_of(emu)
    plan = run(client, "overridden", [], ["uk_store", "DE_WAREHOUSE"])
    assert len(plan.summary["removed"]) == 10
    item_reads = [entry for entry in reads(emu) if entry["path"] == ITEMS]
    assert len(item_reads) == 1 and filtered_fields(item_reads[0]) == ["source_code"]
    assert sorted(set(code for _sku, code, _qty in stored(emu))) == ["default"]


def test_reads_run_parallel_reads_at_a_time(emu, monkeypatch):
    skus = ["PARALLEL-%04d-%s" % (n, "y" * 40) for n in range(1200)]
    seed(emu, [{"sku": "OTHER-%05d" % n, "source_code": "uk_store", "quantity": 1} for n in range(20000)])
    client = client_of(emu, parallel_reads=3)
    lock, state = threading.Lock(), {"now": 0, "most": 0, "reads": 0}
    real_get = client.get

    def slow_get(path, params=None):
        with lock:
            state["now"] += 1
            state["reads"] += 1
            state["most"] = max(state["most"], state["now"])
        try:
            time.sleep(0.05)
            return real_get(path, params=params)
        finally:
            with lock:
                state["now"] -= 1

    monkeypatch.setattr(client, "get", slow_get)
    run(client, "gathered", [{"sku": sku, "source_code": "uk_store"} for sku in skus])
    assert state["reads"] > 10
    assert 1 < state["most"] <= 3


def test_chunks_are_cut_by_their_encoded_length():
    assert source_item_sync.chunk_skus([], 100) == []
    assert source_item_sync.sku_cost("AB") == 5
    assert source_item_sync.sku_cost("\u00c9") == 9
    assert source_item_sync.sku_cost("A,B") > 200
    assert source_item_sync.chunk_skus(["AB", "CD", "EF"], 10) == [["AB", "CD"], ["EF"]]
    assert source_item_sync.chunk_skus(["X" * 50, "AB"], 10) == [["X" * 50], ["AB"]]
