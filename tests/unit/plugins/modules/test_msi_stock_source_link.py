# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import functools

import pytest


from ansible_collections.commerceops.magento.plugins.module_utils.client import MagentoApiError
from ansible_collections.commerceops.magento.tests.unit.plugins.modules.real_batching import RealBatching
from ansible_collections.commerceops.magento.plugins.modules import msi_stock_source_link

TUTORIAL_LINKS = [
    {"stock": "UK Stock", "source_code": "uk_warehouse", "priority": 1},
    {"stock": "UK Stock", "source_code": "uk_store", "priority": 2},
    {"stock": "UK Stock", "source_code": "de_warehouse", "priority": 3},
    {"stock_id": "3", "source_code": "us_warehouse", "priority": 1},
    {"stock_id": 3, "source_code": "uk_warehouse", "priority": 2},
]


class FakeClient(RealBatching):
    """Magento's link semantics over in-memory data: searches filter 'in', saves upsert."""

    def __init__(self, links=None, fail_on=None):
        self.stocks = [{"stock_id": 1, "name": "Default Stock"}, {"stock_id": 2, "name": "UK Stock"},
                       {"stock_id": 3, "name": "US Stock"}]
        self.sources = [{"source_code": code} for code in ("default", "uk_warehouse", "uk_store", "de_warehouse", "us_warehouse")]
        self.links = [dict(link) for link in (links or [{"stock_id": 1, "source_code": "default", "priority": 1}])]
        self.reads = []
        self.writes = []
        self.fail_on = fail_on

    def search(self, path, filter_groups=None, page_size=300, sort_orders=None):
        self.reads.append((path, filter_groups))
        items = {"inventory/stocks": self.stocks, "inventory/sources": self.sources,
                 "inventory/stock-source-links": self.links}[path]
        for group in filter_groups or []:
            field, value, condition = group[0]
            assert condition == "in"
            wanted = [str(v) for v in value]
            items = [item for item in items if str(item[field]) in wanted]
        return [dict(item) for item in items]

    def _write(self, path, body):
        if self.fail_on == path:
            raise api_error_for(path)
        self.writes.append((path, body))
        pairs = set((link["stock_id"], link["source_code"]) for link in body["links"])
        self.links = [link for link in self.links if (link["stock_id"], link["source_code"]) not in pairs]
        if path == "inventory/stock-source-links":
            self.links.extend(dict(link) for link in body["links"])
        return []


def api_error_for(path):
    return MagentoApiError("POST /rest/all/V1/%s answered 400: Could not save StockSourceLinks" % path,
                           method="POST", path="/rest/all/V1/" + path, status=400,
                           template="Could not save StockSourceLinks")


@pytest.fixture
def run_module(run_module):
    """This file's tests run one module: the shared runner, bound to it."""
    return functools.partial(run_module, msi_stock_source_link)


def test_merged_converges_then_rerun_sends_no_write(run_module):
    client = FakeClient()
    first = run_module(client, links=TUTORIAL_LINKS)
    assert not first.failed and first.result["changed"] is True
    assert [path for path, dummy in client.writes] == ["inventory/stock-source-links"]
    assert len(first.result["plan"]["added"]) == 5
    client.writes = []
    second = run_module(client, links=TUTORIAL_LINKS)
    assert second.result["changed"] is False and client.writes == []
    assert second.result["before"] == second.result["after"] == first.result["after"]


def test_check_mode_writes_nothing_and_predicts_the_real_run(run_module):
    client = FakeClient()
    checked = run_module(client, check_mode=True, links=TUTORIAL_LINKS)
    assert checked.result["changed"] is True and client.writes == []
    real = run_module(client, links=TUTORIAL_LINKS)
    assert real.result["plan"] == checked.result["plan"]
    assert real.result["after"] == checked.result["after"]
    held = sorted(client.links, key=lambda link: (link["stock_id"], link["priority"], link["source_code"]))
    assert held == [{"stock_id": 1, "source_code": "default", "priority": 1}] + real.result["after"]


TUTORIAL_LINKS_BY_ID = [
    {"stock_id": 2, "source_code": "uk_warehouse", "priority": 1},
    {"stock_id": 2, "source_code": "uk_store", "priority": 2},
    {"stock_id": 2, "source_code": "de_warehouse", "priority": 3},
    {"stock_id": 3, "source_code": "us_warehouse", "priority": 1},
    {"stock_id": 3, "source_code": "uk_warehouse", "priority": 2},
]


def read_paths(client):
    return [path for path, dummy in client.reads]


def test_first_run_reads_links_then_looks_up_only_unlinked_sources(run_module):
    client = FakeClient()
    run_module(client, links=TUTORIAL_LINKS)
    # Stock names need the stocks before the links can be read; no link proves any source yet.
    assert read_paths(client) == ["inventory/stocks", "inventory/stock-source-links", "inventory/sources"]
    assert client.reads[1][1] == [[("stock_id", [2, 3], "in")]]
    assert client.reads[2][1] == [[("source_code", ["de_warehouse", "uk_store", "uk_warehouse", "us_warehouse"], "in")]]


def test_rerun_by_name_reads_the_stocks_and_the_links_only(run_module):
    client = FakeClient()
    run_module(client, links=TUTORIAL_LINKS)
    client.reads = []
    rerun = run_module(client, links=TUTORIAL_LINKS)
    assert rerun.result["changed"] is False
    assert read_paths(client) == ["inventory/stocks", "inventory/stock-source-links"]


def test_rerun_by_id_reads_the_links_only(run_module):
    client = FakeClient()
    first = run_module(client, links=TUTORIAL_LINKS_BY_ID)
    assert read_paths(client) == ["inventory/stock-source-links", "inventory/stocks", "inventory/sources"]
    client.reads, client.writes = [], []
    rerun = run_module(client, links=TUTORIAL_LINKS_BY_ID)
    assert rerun.result["changed"] is False and client.writes == []
    assert read_paths(client) == ["inventory/stock-source-links"]
    assert rerun.result["before"] == rerun.result["after"] == first.result["after"]


def test_linked_sources_prove_themselves_and_an_unknown_one_is_still_refused(run_module):
    client = FakeClient()
    run_module(client, links=TUTORIAL_LINKS_BY_ID)
    client.reads, client.writes = [], []
    outcome = run_module(client, links=TUTORIAL_LINKS_BY_ID + [{"stock_id": 2, "source_code": "nowhere", "priority": 9}])
    assert outcome.failed and client.writes == []
    assert outcome.result["msg"] == "Invalid links, nothing was written: unknown source codes: nowhere."
    assert read_paths(client) == ["inventory/stock-source-links", "inventory/sources"]
    assert client.reads[1][1] == [[("source_code", ["nowhere"], "in")]]


def test_stock_without_links_is_looked_up_and_an_unknown_id_refused(run_module):
    client = FakeClient(links=[{"stock_id": 2, "source_code": "uk_store", "priority": 1}])
    outcome = run_module(client, links=[{"stock_id": 2, "source_code": "uk_store", "priority": 1},
                                        {"stock_id": 99, "source_code": "uk_store", "priority": 1}])
    assert outcome.failed and client.writes == []
    assert outcome.result["msg"] == "Invalid links, nothing was written: unknown stock ids: 99."
    assert read_paths(client) == ["inventory/stock-source-links", "inventory/stocks"]


def test_diff_of_a_rerun_by_id_looks_the_stock_names_up(run_module):
    client = FakeClient()
    run_module(client, links=TUTORIAL_LINKS_BY_ID)
    client.reads = []
    result = run_module(client, diff=True, links=TUTORIAL_LINKS_BY_ID).result
    assert read_paths(client) == ["inventory/stock-source-links", "inventory/stocks"]
    assert result["diff"]["before"] == result["diff"]["after"]
    assert result["diff"]["before"].startswith("UK Stock (2)\n  priority 1: uk_warehouse\n")


def test_replaced_sends_saves_before_deletes_in_batches(run_module):
    client = FakeClient(links=[{"stock_id": 2, "source_code": code, "priority": i + 1}
                               for i, code in enumerate(["uk_warehouse", "uk_store", "de_warehouse"])])
    result = run_module(client, state="replaced", batch_size=1, links=[
        {"stock_id": 2, "source_code": "us_warehouse", "priority": 1},
        {"stock_id": 2, "source_code": "uk_store", "priority": 2},
    ]).result
    paths = [path for path, dummy in client.writes]
    assert paths == ["inventory/stock-source-links", "inventory/stock-source-links-delete", "inventory/stock-source-links-delete"]
    assert [link["source_code"] for link in result["plan"]["removed"]] == ["uk_warehouse", "de_warehouse"]


def test_failed_save_removes_nothing(run_module):
    client = FakeClient(links=[{"stock_id": 2, "source_code": "uk_warehouse", "priority": 1}], fail_on="inventory/stock-source-links")
    outcome = run_module(client, state="replaced", links=[{"stock_id": 2, "source_code": "uk_store", "priority": 1}])
    assert outcome.failed and client.writes == []
    assert outcome.result["changed"] is False
    assert "Could not save StockSourceLinks" in outcome.result["msg"]
    assert "after" not in outcome.result


def test_failed_delete_after_accepted_saves_reports_changed(run_module):
    client = FakeClient(links=[{"stock_id": 2, "source_code": "uk_warehouse", "priority": 1}],
                        fail_on="inventory/stock-source-links-delete")
    outcome = run_module(client, state="replaced", batch_size=1, links=[
        {"stock_id": 2, "source_code": "uk_store", "priority": 1},
        {"stock_id": 2, "source_code": "de_warehouse", "priority": 2},
    ])
    assert outcome.failed and outcome.result["changed"] is True
    assert [path for path, dummy in client.writes] == ["inventory/stock-source-links"] * 2
    assert "stock-source-links-delete answered 400" in outcome.result["msg"]
    assert "after" not in outcome.result
    assert {"stock_id": 2, "source_code": "uk_warehouse", "priority": 1} in client.links


def test_bad_input_fails_with_every_value_named_and_nothing_written(run_module):
    client = FakeClient()
    outcome = run_module(client, links=[
        {"stock": "Moon Stock", "source_code": "uk_store", "priority": 1},
        {"stock_id": 2, "source_code": "nowhere", "priority": 1},
        {"stock_id": 2, "source_code": "default", "priority": 1},
    ])
    assert outcome.failed and client.writes == []
    for value in ("Moon Stock", "nowhere", "(2, default)"):
        assert value in outcome.result["msg"]
    assert len(outcome.result["problems"]) == 3


def test_deleted_by_stock_name_removes_all_its_links(run_module):
    client = FakeClient(links=[{"stock_id": 3, "source_code": "us_warehouse", "priority": 1},
                               {"stock_id": 2, "source_code": "uk_store", "priority": 1}])
    result = run_module(client, state="deleted", links=[{"stock": "US Stock"}]).result
    assert result["changed"] is True and result["after"] == []
    assert client.links == [{"stock_id": 2, "source_code": "uk_store", "priority": 1}]


def test_gathered_reads_all_links_without_writing(run_module):
    client = FakeClient()
    result = run_module(client, state="gathered").result
    assert result == {"changed": False, "gathered": [{"stock_id": 1, "source_code": "default", "priority": 1}]}
    assert client.writes == []


def test_rendered_never_touches_the_client(run_module):
    class NoClient(object):
        def __getattr__(self, name):
            raise AssertionError("rendered must work offline, used client.%s" % name)

    result = run_module(NoClient(), state="rendered", links=[{"stock_id": "2", "source_code": "uk_store", "priority": 1}]).result
    assert result["rendered"] == {"links": [{"stock_id": 2, "source_code": "uk_store", "priority": 1}]}
    assert result["changed"] is False


def test_diff_only_when_asked(run_module):
    client = FakeClient()
    plain = run_module(client, check_mode=True, links=TUTORIAL_LINKS).result
    assert "diff" not in plain
    with_diff = run_module(client, check_mode=True, diff=True, links=TUTORIAL_LINKS).result
    assert with_diff["diff"]["before"] == "UK Stock (2)\n  (no links)\nUS Stock (3)\n  (no links)\n"
    assert with_diff["diff"]["after"].startswith("UK Stock (2)\n  priority 1: uk_warehouse\n  priority 2: uk_store\n")


@pytest.mark.parametrize("params, fragment", [
    ({"links": [{"stock_id": 2, "source_code": "uk_store", "priority": 1}], "batch_size": 0}, "batch_size must be at least 1"),
    ({"links": [{"stock_id": 2, "source_code": "uk_store", "priority": 1}], "page_size": -3}, "page_size must be at least 1, got -3"),
    ({"links": [{"stock_id": 2, "source_code": "uk_store", "priority": 1}], "parallel_reads": 0},
     "parallel_reads must be at least 1, got 0"),
    ({"state": "replaced"}, "links"),
])
def test_argument_errors(run_module, params, fragment):
    client = FakeClient()
    outcome = run_module(client, **params)
    assert outcome.failed and fragment in outcome.result["msg"] and client.writes == []
