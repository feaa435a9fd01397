# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""msi_stock_source_link against the emulator: every state, its reads, batched writes, partial failure."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.modules import msi_stock_source_link

# Stocks 1 Default Stock, 2 UK Stock, 3 US Stock; the tutorial's sources; only the default link.
EMULATOR_FIXTURE = "tutorial"
SAVE = "/rest/all/V1/inventory/stock-source-links"
DELETE = "/rest/all/V1/inventory/stock-source-links-delete"
DEFAULT_LINK = {"stock_id": 1, "source_code": "default", "priority": 1}

TUTORIAL_LINKS = [
    {"stock": "UK Stock", "source_code": "uk_warehouse", "priority": 1},
    {"stock": "UK Stock", "source_code": "uk_store", "priority": 2},
    {"stock": "UK Stock", "source_code": "de_warehouse", "priority": 3},
    {"stock_id": "3", "source_code": "us_warehouse", "priority": 1},
    {"stock_id": 3, "source_code": "uk_warehouse", "priority": 2},
]
TUTORIAL_LINKS_BY_ID = [
    {"stock_id": 2, "source_code": "uk_warehouse", "priority": 1},
    {"stock_id": 2, "source_code": "uk_store", "priority": 2},
    {"stock_id": 2, "source_code": "de_warehouse", "priority": 3},
    {"stock_id": 3, "source_code": "us_warehouse", "priority": 1},
    {"stock_id": 3, "source_code": "uk_warehouse", "priority": 2},
]


def stored_links(emu):
    """Magento's links, ordered like the module's results (stock, priority, source)."""
    return sorted(emu.state()["links"], key=lambda link: (link["stock_id"], link["priority"], link["source_code"]))


def seed_links(emu, links):
    emu.seed("inventory/stock-source-links", {"links": links})


def write_paths(emu):
    return [entry["path"] for entry in emu.writes()]


def read_endpoints(emu):
    return [path for path, dummy in emu.reads()]


def test_merged_converges_then_rerun_sends_no_write(emu, run_module, rerun_is_quiet):
    first = run_module(msi_stock_source_link, links=TUTORIAL_LINKS)
    assert not first.failed and first.result["changed"] is True
    assert write_paths(emu) == [SAVE]
    assert len(first.result["plan"]["added"]) == 5
    assert stored_links(emu) == [DEFAULT_LINK] + TUTORIAL_LINKS_BY_ID
    second = rerun_is_quiet(msi_stock_source_link, links=TUTORIAL_LINKS)
    assert second.result["before"] == second.result["after"] == first.result["after"]


def test_check_mode_writes_nothing_and_predicts_the_real_run(emu, run_module):
    checked = run_module(msi_stock_source_link, check_mode=True, links=TUTORIAL_LINKS)
    assert checked.result["changed"] is True and emu.writes() == []
    assert stored_links(emu) == [DEFAULT_LINK]
    real = run_module(msi_stock_source_link, links=TUTORIAL_LINKS)
    assert real.result["plan"] == checked.result["plan"]
    assert real.result["after"] == checked.result["after"]
    assert stored_links(emu) == [DEFAULT_LINK] + real.result["after"]


def test_first_run_reads_links_then_looks_up_only_unlinked_sources(emu, run_module):
    run_module(msi_stock_source_link, links=TUTORIAL_LINKS)
    # Stock names need the stocks before the links can be read; no link proves any source yet.
    # Magento's `in` takes one comma-separated string.
    assert emu.reads() == [
        ("inventory/stocks", []),
        ("inventory/stock-source-links", [[("stock_id", "2,3", "in")]]),
        ("inventory/sources", [[("source_code", "de_warehouse,uk_store,uk_warehouse,us_warehouse", "in")]]),
    ]


def test_rerun_by_name_reads_the_stocks_and_the_links_only(emu, run_module, rerun_is_quiet):
    run_module(msi_stock_source_link, links=TUTORIAL_LINKS)
    rerun_is_quiet(msi_stock_source_link, links=TUTORIAL_LINKS)
    assert read_endpoints(emu) == ["inventory/stocks", "inventory/stock-source-links"]


def test_rerun_by_id_reads_the_links_only(emu, run_module, rerun_is_quiet):
    first = run_module(msi_stock_source_link, links=TUTORIAL_LINKS_BY_ID)
    assert read_endpoints(emu) == ["inventory/stock-source-links", "inventory/stocks", "inventory/sources"]
    rerun = rerun_is_quiet(msi_stock_source_link, links=TUTORIAL_LINKS_BY_ID)
    assert read_endpoints(emu) == ["inventory/stock-source-links"]
    assert rerun.result["before"] == rerun.result["after"] == first.result["after"]


def test_linked_sources_prove_themselves_and_an_unknown_one_is_still_refused(emu, run_module):
    seed_links(emu, TUTORIAL_LINKS_BY_ID)
    outcome = run_module(msi_stock_source_link, links=TUTORIAL_LINKS_BY_ID + [{"stock_id": 2, "source_code": "nowhere", "priority": 9}])
    assert outcome.failed and emu.writes() == []
    assert outcome.result["msg"] == "Invalid links, nothing was written: unknown source codes: nowhere."
    assert emu.reads() == [("inventory/stock-source-links", [[("stock_id", "2,3", "in")]]),
                           ("inventory/sources", [[("source_code", "nowhere", "in")]])]


def test_stock_without_links_is_looked_up_and_an_unknown_id_refused(emu, run_module):
    seed_links(emu, [{"stock_id": 2, "source_code": "uk_store", "priority": 1}])
    outcome = run_module(msi_stock_source_link, links=[{"stock_id": 2, "source_code": "uk_store", "priority": 1},
                                                       {"stock_id": 99, "source_code": "uk_store", "priority": 1}])
    assert outcome.failed and emu.writes() == []
    assert outcome.result["msg"] == "Invalid links, nothing was written: unknown stock ids: 99."
    assert read_endpoints(emu) == ["inventory/stock-source-links", "inventory/stocks"]


def test_diff_of_a_rerun_by_id_looks_the_stock_names_up(emu, run_module):
    seed_links(emu, TUTORIAL_LINKS_BY_ID)
    result = run_module(msi_stock_source_link, diff=True, links=TUTORIAL_LINKS_BY_ID).result
    assert result["changed"] is False and emu.writes() == []
    assert read_endpoints(emu) == ["inventory/stock-source-links", "inventory/stocks"]
    assert result["diff"]["before"] == result["diff"]["after"]
    assert result["diff"]["before"].startswith("UK Stock (2)\n  priority 1: uk_warehouse\n")


def test_replaced_sends_saves_before_deletes_in_batches(emu, run_module):
    seed_links(emu, TUTORIAL_LINKS_BY_ID[:3])
    result = run_module(msi_stock_source_link, state="replaced", batch_size=1, links=[
        {"stock_id": 2, "source_code": "us_warehouse", "priority": 1},
        {"stock_id": 2, "source_code": "uk_store", "priority": 2},
    ]).result
    assert [(entry["path"], len(entry["body"]["links"])) for entry in emu.writes()] == [(SAVE, 1), (DELETE, 1), (DELETE, 1)]
    assert [link["source_code"] for link in result["plan"]["removed"]] == ["uk_warehouse", "de_warehouse"]
    assert stored_links(emu) == [DEFAULT_LINK, {"stock_id": 2, "source_code": "us_warehouse", "priority": 1},
                                 {"stock_id": 2, "source_code": "uk_store", "priority": 2}]


def test_failed_save_removes_nothing(emu, run_failing):
    seed_links(emu, [{"stock_id": 2, "source_code": "uk_warehouse", "priority": 1}])
    outcome = run_failing(msi_stock_source_link, "x", state="replaced",
                          links=[{"stock_id": 2, "source_code": "uk_store", "priority": 1}])
    assert outcome.failed and outcome.result["changed"] is False
    assert outcome.result["msg"].startswith("POST %s answered 500" % SAVE)
    assert "after" not in outcome.result
    assert [(entry["path"], entry["status"]) for entry in emu.writes()] == [(SAVE, 500)]
    assert stored_links(emu) == [DEFAULT_LINK, {"stock_id": 2, "source_code": "uk_warehouse", "priority": 1}]


def test_failed_delete_after_accepted_saves_reports_changed(emu, run_failing):
    seed_links(emu, [{"stock_id": 2, "source_code": "uk_warehouse", "priority": 1}])
    # Two saves (batch_size 1) go through, the delete fails.
    outcome = run_failing(msi_stock_source_link, "..x", state="replaced", batch_size=1, links=[
        {"stock_id": 2, "source_code": "uk_store", "priority": 1},
        {"stock_id": 2, "source_code": "de_warehouse", "priority": 2},
    ])
    assert outcome.failed and outcome.result["changed"] is True
    assert [(entry["path"], entry["status"]) for entry in emu.writes()] == [(SAVE, 200), (SAVE, 200), (DELETE, 500)]
    assert outcome.result["msg"].startswith("POST %s answered 500" % DELETE)
    assert "after" not in outcome.result
    assert stored_links(emu) == [DEFAULT_LINK, {"stock_id": 2, "source_code": "uk_store", "priority": 1},
                                 {"stock_id": 2, "source_code": "uk_warehouse", "priority": 1},
                                 {"stock_id": 2, "source_code": "de_warehouse", "priority": 2}]


def test_bad_input_fails_with_every_value_named_and_nothing_written(emu, run_module):
    outcome = run_module(msi_stock_source_link, links=[
        {"stock": "Moon Stock", "source_code": "uk_store", "priority": 1},
        {"stock_id": 2, "source_code": "nowhere", "priority": 1},
        {"stock_id": 2, "source_code": "default", "priority": 1},
    ])
    assert outcome.failed and emu.writes() == []
    for value in ("Moon Stock", "nowhere", "(2, default)"):
        assert value in outcome.result["msg"]
    assert len(outcome.result["problems"]) == 3
    assert stored_links(emu) == [DEFAULT_LINK]


def test_deleted_by_stock_name_removes_all_its_links(emu, run_module):
    seed_links(emu, [{"stock_id": 3, "source_code": "us_warehouse", "priority": 1},
                     {"stock_id": 3, "source_code": "uk_warehouse", "priority": 2},
                     {"stock_id": 2, "source_code": "uk_store", "priority": 1}])
    result = run_module(msi_stock_source_link, state="deleted", links=[{"stock": "US Stock"}]).result
    assert result["changed"] is True and result["after"] == []
    assert write_paths(emu) == [DELETE]
    assert stored_links(emu) == [DEFAULT_LINK, {"stock_id": 2, "source_code": "uk_store", "priority": 1}]


def test_gathered_reads_all_links_without_writing(emu, run_module):
    result = run_module(msi_stock_source_link, state="gathered").result
    assert result == {"changed": False, "gathered": [DEFAULT_LINK]}
    assert emu.log() and emu.writes() == []


def test_rendered_sends_no_request(emu, run_module):
    result = run_module(msi_stock_source_link, state="rendered",
                        links=[{"stock_id": "2", "source_code": "uk_store", "priority": 1}]).result
    assert result["rendered"] == {"links": [{"stock_id": 2, "source_code": "uk_store", "priority": 1}]}
    assert result["changed"] is False
    assert emu.log() == []


def test_diff_only_when_asked(emu, run_module):
    plain = run_module(msi_stock_source_link, check_mode=True, links=TUTORIAL_LINKS).result
    assert "diff" not in plain
    with_diff = run_module(msi_stock_source_link, check_mode=True, diff=True, links=TUTORIAL_LINKS).result
    assert with_diff["diff"]["before"] == "UK Stock (2)\n  (no links)\nUS Stock (3)\n  (no links)\n"
    assert with_diff["diff"]["after"].startswith("UK Stock (2)\n  priority 1: uk_warehouse\n  priority 2: uk_store\n")
    assert emu.writes() == []


@pytest.mark.parametrize("params, fragment", [
    ({"links": [{"stock_id": 2, "source_code": "uk_store", "priority": 1}], "batch_size": 0}, "batch_size must be at least 1"),
    ({"links": [{"stock_id": 2, "source_code": "uk_store", "priority": 1}], "page_size": -3}, "page_size must be at least 1, got -3"),
    ({"links": [{"stock_id": 2, "source_code": "uk_store", "priority": 1}], "parallel_reads": 0},
     "parallel_reads must be at least 1, got 0"),
    ({"state": "replaced"}, "links"),
])
def test_argument_errors(emu, run_module, params, fragment):
    outcome = run_module(msi_stock_source_link, **params)
    assert outcome.failed and fragment in outcome.result["msg"]
    assert emu.writes() == [] and stored_links(emu) == [DEFAULT_LINK]
