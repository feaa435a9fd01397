# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import stored_spellings
from ansible_collections.commerceops.magento.plugins.module_utils.source_item_plan import (
    ALL_STATES,
    STATE_CHOICES,
    ReadSize,
    canonical_state,
    choose_reads,
    diff_text,
    gathered_items,
    normalize_desired,
    normalize_entries,
    normalize_input,
    normalize_quantity,
    normalize_status,
    plan_source_items,
    read_scope,
    required_fields,
    respell_sources,
    worth_counting,
    writes,
)


def item(sku, source_code, quantity, status):
    return {"sku": sku, "source_code": source_code, "quantity": quantity, "status": status}


@pytest.mark.parametrize("given, expected", [
    ("in_stock", 1), ("out_of_stock", 0), ("IN_STOCK", 1), (1, 1), (0, 0), ("1", 1), ("0", 0), (None, None),
])
def test_status_aliases(given, expected):
    assert normalize_status(given) == expected


@pytest.mark.parametrize("given", [True, False, 2, "yes", "", 1.5])
def test_status_rejects_other_values(given):
    with pytest.raises(ValueError):
        normalize_status(given)


@pytest.mark.parametrize("given, expected", [(5, 5.0), ("2.5", 2.5), (1.123456, 1.1235), (-3, -3.0), (None, None)])
def test_quantity_is_rounded_to_magento_precision(given, expected):
    assert normalize_quantity(given) == expected


@pytest.mark.parametrize("given", [True, "many", float("nan"), float("inf"), [1]])
def test_quantity_rejects_non_numbers(given):
    with pytest.raises(ValueError):
        normalize_quantity(given)


def test_normalize_keeps_order_and_drops_exact_repeats():
    items = [
        {"sku": "B", "source_code": "uk_store", "quantity": 1, "status": "in_stock"},
        {"sku": "A", "source_code": "uk_store", "quantity": 2},
        {"sku": "b", "source_code": "uk_store", "quantity": 1.0, "status": 1},
    ]
    assert normalize_desired(items, "merged") == [
        item("B", "uk_store", 1.0, 1),
        item("A", "uk_store", 2.0, None),
    ]


def test_normalize_deleted_ignores_quantity_and_status():
    items = [{"sku": "A", "source_code": "s1", "quantity": "not a number", "status": "weird"},
             {"sku": "A", "source_code": "s1"}]
    assert normalize_desired(items, "deleted") == [item("A", "s1", None, None)]


def test_normalize_names_every_problem_at_once():
    items = [
        {"sku": "", "source_code": "s1", "quantity": 1},
        {"sku": "A", "source_code": "bad code", "quantity": 1},
        {"sku": "B", "source_code": "s1"},
        {"sku": "C", "source_code": "s1", "quantity": 1, "status": "sold_out"},
        {"sku": "D", "source_code": "s1", "quantity": 1},
        {"sku": "d", "source_code": "s1", "quantity": 2},
        "not a dict",
    ]
    with pytest.raises(InvalidInput) as caught:
        normalize_desired(items, "merged")
    problems = caught.value.problems
    assert len(problems) == 6
    assert problems[0].startswith("items[0] needs a non-empty sku")
    assert "whitespace" in problems[1]
    assert "needs a quantity" in problems[2]
    assert "sold_out" in problems[3]
    assert problems[4] == "items[6] is not a dictionary"
    assert problems[5] == "listed more than once with different values: sku 'D' at source 's1'"


def test_unknown_source_codes_are_sorted_and_unique():
    desired = [item("A", "zz", 1.0, 1), item("B", "aa", 1.0, 1), item("C", "zz", 1.0, 1), item("D", "ok", 1.0, 1)]
    with pytest.raises(InvalidInput, match="^unknown source codes: aa, zz; create them first") as caught:
        respell_sources(desired, stored_spellings(["ok", "other"]))
    assert caught.value.details == {"unknown_source_codes": ["aa", "zz"]}
    assert respell_sources(desired[3:], stored_spellings(["ok"])) == (desired[3:], None, [])


# (state, desired, current, expected added, updated, removed, after)
PLAN_CASES = [
    pytest.param(
        "merged", [item("A", "s1", 5.0, 1)], [],
        [item("A", "s1", 5.0, 1)], [], [], [item("A", "s1", 5.0, 1)], id="create"),
    pytest.param(
        "merged", [item("A", "s1", 5.0, None), item("B", "s1", 0.0, None)], [],
        [item("A", "s1", 5.0, 1), item("B", "s1", 0.0, 0)], [], [],
        [item("A", "s1", 5.0, 1), item("B", "s1", 0.0, 0)], id="create-default-status-follows-quantity"),
    pytest.param(
        "merged", [item("A", "s1", 5.0, 1)], [{"sku": "A", "source_code": "s1", "quantity": 5, "status": 1}],
        [], [], [], [item("A", "s1", 5.0, 1)], id="unchanged-int-quantity-from-magento"),
    pytest.param(
        "merged", [item("A", "s1", 5.0, None)], [item("A", "s1", 5.0, 0)],
        [], [], [], [item("A", "s1", 5.0, 0)], id="omitted-status-keeps-current"),
    pytest.param(
        "merged", [item("a", "s1", 7.0, 0)], [item("A", "s1", 5.0, 1)],
        [], [dict(item("A", "s1", 7.0, 0), previous_quantity=5.0, previous_status=1)], [],
        [item("A", "s1", 7.0, 0)], id="update-keeps-magento-sku-spelling"),
    pytest.param(
        "merged", [item("A", "s1", 1.0, 1)],
        [item("A", "s2", 9.0, 1), item("B", "s1", 9.0, 1)],
        [item("A", "s1", 1.0, 1)], [], [], [item("A", "s1", 1.0, 1)], id="unrequested-pairs-ignored"),
    pytest.param(
        "deleted", [item("A", "s1", None, None), item("B", "s1", None, None)], [item("A", "s1", 3.0, 1)],
        [], [], [item("A", "s1", 3.0, 1)], [], id="deleted-removes-only-existing"),
    pytest.param(
        "deleted", [item("A", "s1", None, None)], [], [], [], [], [], id="deleted-nothing-to-do"),
]


@pytest.mark.parametrize("state, desired, current, added, updated, removed, after", PLAN_CASES)
def test_plan_source_items(state, desired, current, added, updated, removed, after):
    plan = plan_source_items(state, desired, current)
    assert plan.summary == {"added": added, "updated": updated, "removed": removed}
    assert plan.after == after
    assert plan.changed == bool(added or updated or removed)


def test_plan_before_lists_only_asked_about_existing_items_sorted():
    current = [item("B", "s2", 1.0, 1), item("A", "s1", 2.0, 0), item("C", "s1", 3.0, 1)]
    desired = [item("B", "s2", 1.0, 1), item("A", "s1", 2.0, 0), item("Z", "s1", 1.0, 1)]
    plan = plan_source_items("merged", desired, current)
    assert plan.before == [item("A", "s1", 2.0, 0), item("B", "s2", 1.0, 1)]


def test_writes_save_changed_items_with_interface_fields_only():
    desired = [item("SKU-%d" % n, "s1", float(n), 1) for n in range(5)]
    current = [item("SKU-0", "s1", 99.0, 1), item("SKU-1", "s1", 1.0, 1)]
    saves, deletes = writes(plan_source_items("merged", desired, current))
    assert saves == [item("SKU-%d" % n, "s1", float(n), 1) for n in (0, 2, 3, 4)]
    assert deletes == []


def test_writes_delete_by_pair():
    plan = plan_source_items("deleted", [item("A", "s1", None, None)], [item("A", "s1", 4.0, 1)])
    assert writes(plan) == ([], [{"sku": "A", "source_code": "s1"}])


def test_writes_of_an_unchanged_plan_send_nothing():
    assert writes(plan_source_items("merged", [item("A", "s1", 1.0, 1)], [item("A", "s1", 1.0, 1)])) == ([], [])


def test_diff_text_one_line_per_item():
    text = diff_text([item("B", "s1", 2.5, 0), item("A", "s1", 10.0, 1)])
    assert text == "A @ s1: quantity 10, in_stock\nB @ s1: quantity 2.5, out_of_stock\n"
    assert diff_text([]) == ""


def test_source_codes_take_magentos_spelling_with_a_warning():
    desired, sources, warnings = respell_sources([item("A", "UK_Warehouse", 1.0, 1)], stored_spellings(["uk_warehouse"]))
    assert desired == [item("A", "uk_warehouse", 1.0, 1)] and sources is None
    assert warnings == ["source_code 'UK_Warehouse' is stored in Magento as 'uk_warehouse'; Magento compares "
                        "source_codes ignoring case, accents and trailing spaces, so 'uk_warehouse' is used"]


def test_a_sku_differing_in_case_or_trailing_space_is_the_stored_item():
    current = [item("24-MB01", "s1", 5.0, 1)]
    for state, given in (("merged", item("24-mb01", "s1", 5.0, 1)), ("deleted", item("24-MB01  ", "s1", None, None))):
        plan = plan_source_items(state, [given], current)
        assert plan.summary["added"] == [] and plan.summary["updated"] == []
        assert plan.warnings and "'24-MB01'" in plan.warnings[0]
    removed = plan_source_items("deleted", [item("24-mb01", "s1", None, None)], current).summary["removed"]
    assert removed == current


def test_a_sku_with_surrounding_spaces_is_refused_before_saving():
    with pytest.raises(InvalidInput, match=r"sku has leading or trailing spaces, which Magento refuses"):
        normalize_desired([{"sku": " 24-MB01", "source_code": "s1", "quantity": 1}], "merged")


# --- the states of msi_stock_source_link ------------------------------------------------------------

def test_aliases_run_as_merged_and_deleted():
    assert [canonical_state(state) for state in ("present", "absent", "merged", "replaced", "gathered")] == [
        "merged", "deleted", "merged", "replaced", "gathered"]
    assert set(STATE_CHOICES) == set(ALL_STATES) | {"present", "absent"}


def test_plan_refuses_a_state_without_a_plan():
    with pytest.raises(ValueError, match="no plan for state gathered"):
        plan_source_items("gathered", [], [])


A1, A2, B1, B2 = (item("A", "s1", 1.0, 1), item("A", "s2", 2.0, 1), item("B", "s1", 3.0, 1), item("B", "s2", 4.0, 0))
DEFAULT_A = item("A", "default", 9.0, 1)

# (state, desired, current, sources, expected added, updated, removed, after)
STATE_CASES = [
    pytest.param("merged", [A1, item("B", "s1", 5.0, None)], [A1, A2, B1, B2], None,
                 [], [dict(item("B", "s1", 5.0, 1), previous_quantity=3.0, previous_status=1)], [],
                 [A1, item("B", "s1", 5.0, 1)], id="merged-never-removes"),
    pytest.param("replaced", [A1], [A1, A2, B1, B2, DEFAULT_A], None,
                 [], [], [DEFAULT_A, A2], [A1], id="replaced-removes-the-skus-other-sources-default-included"),
    pytest.param("replaced", [item("a", "s2", 2.0, None)], [A1, A2, B1], None,
                 [], [], [A1], [A2], id="replaced-compares-skus-by-collation"),
    pytest.param("replaced", [item("C", "s1", 1.0, 1)], [A1, A2, B1, B2], None,
                 [item("C", "s1", 1.0, 1)], [], [], [item("C", "s1", 1.0, 1)], id="replaced-new-sku-touches-no-other"),
    pytest.param("replaced", [A1, B1], [A1, B1], None, [], [], [], [A1, B1], id="replaced-unchanged"),
    pytest.param("overridden", [A1], [A1, A2, B1, B2, DEFAULT_A], ["s1"],
                 [], [], [B1], [A1], id="overridden-removes-strays-of-the-scope-only"),
    pytest.param("overridden", [item("B", "s2", 4.0, 1)], [A1, A2, B1, B2], ["s1", "S2"],
                 [], [dict(item("B", "s2", 4.0, 1), previous_quantity=4.0, previous_status=0)], [A1, B1, A2],
                 [item("B", "s2", 4.0, 1)], id="overridden-compares-sources-by-collation"),
    pytest.param("overridden", [], [A1, A2, B1, B2], ["s2"], [], [], [A2, B2], [], id="overridden-empty-items-empties"),
    pytest.param("overridden", [], [A1, A2], ["s3"], [], [], [], [], id="overridden-empty-source-unchanged"),
    pytest.param("deleted", [item("A", "s1", None, None), item("A", "s9", None, None)], [A1, A2], None,
                 [], [], [A1], [], id="deleted-removes-the-listed-only"),
]


@pytest.mark.parametrize("state, desired, current, sources, added, updated, removed, after", STATE_CASES)
def test_plan_per_state(state, desired, current, sources, added, updated, removed, after):
    plan = plan_source_items(state, desired, current, sources=sources)
    assert plan.summary == {"added": added, "updated": updated, "removed": removed}
    assert plan.after == after
    assert plan.changed == bool(added or updated or removed)
    saves, deletes = writes(plan)
    assert deletes == [{"sku": gone["sku"], "source_code": gone["source_code"]} for gone in removed]


def test_before_of_replaced_and_overridden_is_the_whole_scope():
    current = [A1, A2, B1, B2, DEFAULT_A]
    assert plan_source_items("replaced", [A1], current).before == [DEFAULT_A, A1, A2]
    assert plan_source_items("overridden", [A1], current, sources=["s1"]).before == [A1, B1]
    assert plan_source_items("merged", [A1], current).before == [A1]


def test_saves_come_before_deletes_in_the_writes():
    plan = plan_source_items("replaced", [item("A", "s1", 7.0, 1)], [A1, A2])
    saves, deletes = writes(plan)
    assert saves == [item("A", "s1", 7.0, 1)] and deletes == [{"sku": "A", "source_code": "s2"}]


def test_planning_is_linear_one_dict_lookup_per_item():
    # 20,000 SKUs at 5 sources: a quadratic plan would not finish in time
    current = [item("SKU-%05d" % n, "s%d" % s, 1.0, 1) for n in range(20000) for s in range(5)]
    desired = [dict(entry, quantity=2.0) for entry in current[::2]]
    plan = plan_source_items("replaced", desired, current)
    assert len(plan.summary["updated"]) == 50000 and len(plan.summary["removed"]) == 50000


# --- input per state --------------------------------------------------------------------------------

@pytest.mark.parametrize("state, items, sources, problems", [
    ("merged", [{"sku": "A", "quantity": 1}], None, ["items[0] (sku 'A') needs a source_code with state=merged"]),
    ("replaced", [{"sku": "A", "source_code": "s1"}], None, ["items[0] (sku 'A' at source 's1') needs a quantity "
                                                             "with state=replaced"]),
    ("merged", [], ["s1"], ["sources is used only with state=overridden or state=gathered, not with state=merged"]),
    ("overridden", [], [], ["state=overridden needs at least one source in sources: it removes every item of those "
                            "sources that items does not list"]),
    ("overridden", [{"sku": "A", "source_code": "s2", "quantity": 1}, {"sku": "B", "source_code": "S1", "quantity": 1}],
     ["s1"], ["with state=overridden every item's source_code must be one of sources (s1); add these to sources or "
              "drop their items: s2"]),
    ("gathered", None, None, ["state=gathered needs items (the SKUs to read) or sources"]),
    ("gathered", [{"sku": ""}], ["bad code"],
     ["items[0] needs a non-empty sku", "sources[0]: source_code 'bad code' is empty or contains whitespace"]),
])
def test_normalize_input_names_every_problem(state, items, sources, problems):
    with pytest.raises(InvalidInput) as caught:
        normalize_input(state, items, sources)
    assert caught.value.problems == problems


def test_normalize_input_per_state():
    assert normalize_input("overridden", [], ["s1", "S1", "s2"]) == ([], ["s1", "s2"])
    assert normalize_input("gathered", [{"sku": "A"}, {"sku": "a", "source_code": "s1", "quantity": "x"}], None) == (
        [item("A", None, None, None), item("a", "s1", None, None)], None)
    assert normalize_input("deleted", [{"sku": " A ", "source_code": "s1"}], None) == (
        [item(" A ", "s1", None, None)], None)


def test_scope_sources_take_magentos_spelling_and_must_exist():
    stored = stored_spellings(["uk_store", "de_warehouse"])
    desired, sources, warnings = respell_sources([item("A", "UK_STORE", 1.0, 1)], stored, ["uk_store", "DE_Warehouse"])
    assert desired == [item("A", "uk_store", 1.0, 1)] and sources == ["uk_store", "de_warehouse"]
    assert len(warnings) == 2
    with pytest.raises(InvalidInput, match="^unknown source codes: mars; "):
        respell_sources([], stored, ["mars"])


# --- what to read -----------------------------------------------------------------------------------

def test_read_scope_per_state():
    desired = [A1, item("B", "s1", 1.0, 1), item("a", "S2", 1.0, 1)]
    merged = read_scope("merged", desired)
    assert merged.skus_by_source == {"s1": ["A", "B"], "S2": ["a"]} and merged.expected == {"s1": 2, "S2": 1}
    assert merged.contains("a", "s1") and merged.contains("A ", "s2") and not merged.contains("B", "s2")
    replaced = read_scope("replaced", desired)
    assert replaced.skus_by_source == {None: ["A", "B"]} and replaced.expected == {None: 3}
    assert replaced.contains("b", "anywhere") and not replaced.contains("C", "s1")
    overridden = read_scope("overridden", [A1], ["s1", "s3"])
    assert overridden.whole_sources == ["s1", "s3"] and overridden.skus_by_source == {}
    assert overridden.contains("anything", "S3") and not overridden.contains("A", "s2")
    assert read_scope("merged", []).is_empty() and read_scope("overridden", [], ["s1"]).is_empty() is False


def test_read_scope_of_gathered():
    skus = [item("A", None, None, None), item("B", "s2", None, None)]
    assert read_scope("gathered", skus).skus_by_source == {None: ["A"], "s2": ["B"]}
    scoped = read_scope("gathered", skus, ["s1", "s2"])
    assert scoped.skus_by_source == {"s1": ["A"], "s2": ["A", "B"]}
    assert scoped.contains("A", "s1") and not scoped.contains("B", "s1") and not scoped.contains("A", "s3")
    assert read_scope("gathered", [], ["s1"]).whole_sources == ["s1"]


@pytest.mark.parametrize("chunks, counted", [(1, False), (2, False), (3, True), (40, True)])
def test_only_sources_whose_skus_need_three_chunks_are_counted(chunks, counted):
    assert worth_counting(chunks) is counted


# (sizes {source: (expected, chunks, total)}, page_size, sources read whole)
READ_CASES = [
    pytest.param({"s1": (2, 1, None)}, 300, [], id="not-counted-read-by-sku"),
    pytest.param({"s1": (600, 4, 600)}, 300, ["s1"], id="covers-the-source-2-pages-beat-4-chunks"),
    pytest.param({"s1": (600, 4, 0)}, 300, ["s1"], id="empty-source-needs-no-read"),
    pytest.param({"s1": (600, 4, 100000)}, 300, [], id="small-share-of-a-big-source-by-sku"),
    pytest.param({"s1": (20000, 39, 20000), "s2": (20000, 39, 25000), "s3": (500, 3, 90000), "s4": (5000, 9, 5100)},
                 300, ["s1", "s4"], id="per-source-choice"),
    pytest.param({"s1": (900, 3, 1200)}, 300, ["s1"], id="tie-goes-to-the-whole-read"),
    pytest.param({"s1": (900, 3, 1201)}, 300, [], id="one-page-more-than-the-chunks"),
    pytest.param({None: (3000, 10, 3000), "s1": (5, 3, None)}, 1000, [None], id="every-source-when-no-source-filter"),
]


@pytest.mark.parametrize("sizes, page_size, whole", READ_CASES)
def test_choose_reads(sizes, page_size, whole):
    sizes = dict((source, ReadSize(*size)) for source, size in sizes.items())
    assert choose_reads(sizes, page_size) == whole


def test_gathered_items_keep_the_scope_only_once_each():
    scope = read_scope("gathered", [item("A", "s1", None, None)])
    read = [A1, dict(A1), A2, B1]
    assert gathered_items(read, scope) == [A1]


# --- counts, and what a big run holds ----------------------------------------------------------------

@pytest.mark.parametrize("state, desired, current, sources, counts", [
    pytest.param("merged", [item("A", "s1", 1.0, 1), item("B", "s1", 2.0, None), item("C", "s1", 3.0, 1)],
                 [item("A", "s1", 1.0, 1), item("B", "s1", 5.0, 1), item("Z", "s1", 1.0, 1)], None,
                 {"added": 1, "updated": 1, "removed": 0, "unchanged": 1}, id="merged"),
    pytest.param("replaced", [item("A", "s1", 1.0, 1)], [item("A", "s1", 1.0, 1), item("A", "s2", 1.0, 1)], None,
                 {"added": 0, "updated": 0, "removed": 1, "unchanged": 1}, id="replaced-removes-other-sources"),
    pytest.param("overridden", [item("A", "s1", 2.0, 1)], [item("A", "s1", 1.0, 1), item("B", "s1", 1.0, 1),
                                                           item("B", "s2", 1.0, 1)], ["s1"],
                 {"added": 0, "updated": 1, "removed": 1, "unchanged": 0}, id="overridden"),
    pytest.param("deleted", [item("A", "s1", None, None), item("B", "s1", None, None)], [item("A", "s1", 1.0, 1)],
                 None, {"added": 0, "updated": 0, "removed": 1, "unchanged": 1}, id="deleted-absent-is-unchanged"),
])
def test_plan_counts_each_kind_of_change(state, desired, current, sources, counts):
    plan = plan_source_items(state, desired, current, sources=sources)
    assert plan.counts == counts
    assert [plan.counts[name] for name in ("added", "updated", "removed")] == [
        len(plan.summary[name]) for name in ("added", "updated", "removed")]


def test_an_unchanged_item_is_held_once_in_before_and_after():
    plan = plan_source_items("merged", [item("A", "s1", 1.0, None), item("B", "s1", 2.0, 1)],
                             [item("A", "s1", 1.0, 0), item("B", "s1", 1.0, 1)])
    assert plan.after == [item("A", "s1", 1.0, 0), item("B", "s1", 2.0, 1)]
    assert plan.after[0] is plan.before[0]
    assert plan.after[1] is not plan.before[1]


def test_current_items_may_come_from_a_generator_read_once():
    current = (found for found in [item("A", "s1", 1.0, 1), item("B", "s1", 1.0, 1)])
    plan = plan_source_items("overridden", [item("A", "s1", 1.0, 1)], current, sources=["s1"])
    assert plan.summary["removed"] == [item("B", "s1", 1.0, 1)]


def test_normalized_skus_and_source_codes_are_shared_strings():
    # 100,000 items are 20,000 SKUs at 5 sources: one string each, shared with the items read from Magento.
    spelled = "".join(["uk_", "warehouse"])
    desired = normalize_desired([{"sku": "A", "source_code": spelled, "quantity": 1},
                                 {"sku": "B", "source_code": "uk_" + "warehouse", "quantity": 1}], "merged")
    assert desired[0]["source_code"] is desired[1]["source_code"]


def test_text_of_a_str_subclass_is_accepted():
    # Plain sys.intern refuses str subclasses (ansible-core's module_utils replace it with one that does not).
    class Tagged(str):
        pass
    desired = normalize_desired([{"sku": Tagged("A"), "source_code": Tagged("s1"), "quantity": 1}], "merged")
    assert desired == [item("A", "s1", 1.0, None)]


@pytest.mark.parametrize("state, fields", [
    ("merged", ("sku", "source_code", "quantity")), ("replaced", ("sku", "source_code", "quantity")),
    ("overridden", ("sku", "source_code", "quantity")), ("deleted", ("sku", "source_code")), ("gathered", ("sku",)),
])
def test_required_fields_per_state(state, fields):
    assert required_fields(state) == fields


def test_normalize_entries_report_a_readers_problem_in_order():
    entries = [("src line 2", {"sku": "A", "source_code": "s1", "quantity": "x"}),
               ("src line 3", ValueError("5 fields where the header has 4: s1,B,1,1,1")),
               ("src line 4", {"sku": "C", "source_code": "s1", "quantity": 1})]
    with pytest.raises(InvalidInput) as caught:
        normalize_entries(iter(entries), "merged")
    assert caught.value.problems == ["src line 2 (sku 'A' at source 's1'): quantity must be a number, got 'x'",
                                     "src line 3: 5 fields where the header has 4: s1,B,1,1,1"]
    assert normalize_input("gathered", None, None, entries=iter([("src line 2", {"sku": "A"})])) == (
        [item("A", None, None, None)], None)
