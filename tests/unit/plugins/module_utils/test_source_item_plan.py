# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import stored_spellings
from ansible_collections.commerceops.magento.plugins.module_utils.source_item_plan import (
    respell_sources,
    diff_text,
    normalize_desired,
    normalize_quantity,
    normalize_status,
    plan_source_items,
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
    assert normalize_desired(items, "present") == [
        item("B", "uk_store", 1.0, 1),
        item("A", "uk_store", 2.0, None),
    ]


def test_normalize_absent_ignores_quantity_and_status():
    items = [{"sku": "A", "source_code": "s1", "quantity": "not a number", "status": "weird"},
             {"sku": "A", "source_code": "s1"}]
    assert normalize_desired(items, "absent") == [item("A", "s1", None, None)]


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
        normalize_desired(items, "present")
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
    assert respell_sources(desired[3:], stored_spellings(["ok"])) == (desired[3:], [])


# (state, desired, current, expected added, updated, removed, after)
PLAN_CASES = [
    pytest.param(
        "present", [item("A", "s1", 5.0, 1)], [],
        [item("A", "s1", 5.0, 1)], [], [], [item("A", "s1", 5.0, 1)], id="create"),
    pytest.param(
        "present", [item("A", "s1", 5.0, None), item("B", "s1", 0.0, None)], [],
        [item("A", "s1", 5.0, 1), item("B", "s1", 0.0, 0)], [], [],
        [item("A", "s1", 5.0, 1), item("B", "s1", 0.0, 0)], id="create-default-status-follows-quantity"),
    pytest.param(
        "present", [item("A", "s1", 5.0, 1)], [{"sku": "A", "source_code": "s1", "quantity": 5, "status": 1}],
        [], [], [], [item("A", "s1", 5.0, 1)], id="unchanged-int-quantity-from-magento"),
    pytest.param(
        "present", [item("A", "s1", 5.0, None)], [item("A", "s1", 5.0, 0)],
        [], [], [], [item("A", "s1", 5.0, 0)], id="omitted-status-keeps-current"),
    pytest.param(
        "present", [item("a", "s1", 7.0, 0)], [item("A", "s1", 5.0, 1)],
        [], [dict(item("A", "s1", 7.0, 0), previous_quantity=5.0, previous_status=1)], [],
        [item("A", "s1", 7.0, 0)], id="update-keeps-magento-sku-spelling"),
    pytest.param(
        "present", [item("A", "s1", 1.0, 1)],
        [item("A", "s2", 9.0, 1), item("B", "s1", 9.0, 1)],
        [item("A", "s1", 1.0, 1)], [], [], [item("A", "s1", 1.0, 1)], id="unrequested-pairs-ignored"),
    pytest.param(
        "absent", [item("A", "s1", None, None), item("B", "s1", None, None)], [item("A", "s1", 3.0, 1)],
        [], [], [item("A", "s1", 3.0, 1)], [], id="absent-removes-only-existing"),
    pytest.param(
        "absent", [item("A", "s1", None, None)], [], [], [], [], [], id="absent-nothing-to-do"),
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
    plan = plan_source_items("present", desired, current)
    assert plan.before == [item("A", "s1", 2.0, 0), item("B", "s2", 1.0, 1)]


def test_writes_save_changed_items_with_interface_fields_only():
    desired = [item("SKU-%d" % n, "s1", float(n), 1) for n in range(5)]
    current = [item("SKU-0", "s1", 99.0, 1), item("SKU-1", "s1", 1.0, 1)]
    saves, deletes = writes(plan_source_items("present", desired, current))
    assert saves == [item("SKU-%d" % n, "s1", float(n), 1) for n in (0, 2, 3, 4)]
    assert deletes == []


def test_writes_delete_by_pair():
    plan = plan_source_items("absent", [item("A", "s1", None, None)], [item("A", "s1", 4.0, 1)])
    assert writes(plan) == ([], [{"sku": "A", "source_code": "s1"}])


def test_writes_of_an_unchanged_plan_send_nothing():
    assert writes(plan_source_items("present", [item("A", "s1", 1.0, 1)], [item("A", "s1", 1.0, 1)])) == ([], [])


def test_diff_text_one_line_per_item():
    text = diff_text([item("B", "s1", 2.5, 0), item("A", "s1", 10.0, 1)])
    assert text == "A @ s1: quantity 10, in_stock\nB @ s1: quantity 2.5, out_of_stock\n"
    assert diff_text([]) == ""


def test_source_codes_take_magentos_spelling_with_a_warning():
    desired, warnings = respell_sources([item("A", "UK_Warehouse", 1.0, 1)], stored_spellings(["uk_warehouse"]))
    assert desired == [item("A", "uk_warehouse", 1.0, 1)]
    assert warnings == ["source_code 'UK_Warehouse' is stored in Magento as 'uk_warehouse'; Magento compares "
                        "source_codes ignoring case and trailing spaces, so 'uk_warehouse' is used"]


def test_a_sku_differing_in_case_or_trailing_space_is_the_stored_item():
    current = [item("24-MB01", "s1", 5.0, 1)]
    for state, given in (("present", item("24-mb01", "s1", 5.0, 1)), ("absent", item("24-MB01  ", "s1", None, None))):
        plan = plan_source_items(state, [given], current)
        assert plan.summary["added"] == [] and plan.summary["updated"] == []
        assert plan.warnings and "'24-MB01'" in plan.warnings[0]
    removed = plan_source_items("absent", [item("24-mb01", "s1", None, None)], current).summary["removed"]
    assert removed == current


def test_a_sku_with_surrounding_spaces_is_refused_before_saving():
    with pytest.raises(InvalidInput, match=r"sku has leading or trailing spaces, which Magento refuses"):
        normalize_desired([{"sku": " 24-MB01", "source_code": "s1", "quantity": 1}], "present")
