# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils import link_plan
from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import stored_spellings

STOCKS = [
    {"stock_id": 1, "name": "Default Stock"},
    {"stock_id": 2, "name": "UK Stock"},
    {"stock_id": 3, "name": "US Stock"},
]
SOURCES = {"default", "uk_warehouse", "uk_store", "de_warehouse", "us_warehouse"}


def link(stock_id, source_code, priority):
    return {"stock_id": stock_id, "source_code": source_code, "priority": priority}


def keyed(*links):
    """Desired links the way resolve_links returns them: {(stock_id, source_code): priority}."""
    return dict(((item["stock_id"], item["source_code"]), item["priority"]) for item in links)


def resolve(links, state, stocks=None, sources=None):
    entries = link_plan.normalize_links(links, state)
    missing = set(entry.source_code for entry in entries if entry.source_code is not None) - (sources or SOURCES)
    return link_plan.resolve_links(entries, state, stocks=stocks or STOCKS, missing_source_codes=missing)


def problems_of(links, state, **kwargs):
    with pytest.raises(InvalidInput) as caught:
        resolve(links, state, **kwargs)
    return caught.value


# --- normalisation ---------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ({"stock_id": "2", "source_code": "uk_store", "priority": "3"}, {"stock_id": 2, "priority": 3}),
    ({"stock_id": " 3 ", "source_code": "uk_store", "priority": 1}, {"stock_id": 3, "priority": 1}),
    ({"stock_id": 2, "source_code": "uk_store", "priority": 0}, {"stock_id": 2, "priority": 0}),
    ({"stock": "UK Stock", "source_code": "uk_store", "priority": 1}, {"stock": "UK Stock", "stock_id": None}),
])
def test_normalize_accepts_magento_payload_strings(raw, expected):
    entry = link_plan.normalize_links([raw], "merged")[0]
    for key, value in expected.items():
        assert getattr(entry, key) == value


@pytest.mark.parametrize("raw, state, fragment", [
    ({"stock_id": "two", "source_code": "a", "priority": 1}, "merged", "stock_id 'two' is not a whole number"),
    ({"stock_id": True, "source_code": "a", "priority": 1}, "merged", "stock_id True is not a whole number"),
    ({"stock_id": 2, "stock": "UK Stock", "source_code": "a", "priority": 1}, "merged", "exactly one of stock_id or stock"),
    ({"source_code": "a", "priority": 1}, "merged", "exactly one of stock_id or stock"),
    ({"stock_id": 2, "priority": 1}, "replaced", "needs a source_code with state=replaced"),
    ({"stock_id": 2, "source_code": "a"}, "merged", "needs a priority with state=merged"),
    ({"stock_id": 2, "source_code": "a b", "priority": 1}, "merged", "empty or contains whitespace"),
    ({"stock_id": 2, "source_code": "a", "priority": 1.5}, "merged", "priority 1.5 is not a whole number"),
    ("uk_store", "merged", "links[0] is not a dictionary"),
])
def test_normalize_rejects_bad_shapes(raw, state, fragment):
    with pytest.raises(InvalidInput) as caught:
        link_plan.normalize_links([raw], state)
    assert fragment in str(caught.value)


def test_normalize_allows_missing_priority_and_source_when_deleting():
    entries = link_plan.normalize_links([{"stock_id": 3}, {"stock_id": 2, "source_code": "uk_store"}], "deleted")
    assert [(e.stock_id, e.source_code, e.priority) for e in entries] == [(3, None, None), (2, "uk_store", None)]


def test_normalize_names_every_bad_entry_at_once():
    with pytest.raises(InvalidInput) as caught:
        link_plan.normalize_links([{"stock_id": "x", "source_code": "a", "priority": 1}, {"stock_id": 2, "source_code": "b"}], "merged")
    assert len(caught.value.problems) == 2
    assert "links[0]" in str(caught.value) and "links[1]" in str(caught.value)


# --- validation ------------------------------------------------------------------------------------

def test_stock_names_resolve_to_ids_exactly_then_case_insensitively():
    resolved = resolve([{"stock": "UK Stock", "source_code": "uk_store", "priority": 1},
                        {"stock": "us stock", "source_code": "us_warehouse", "priority": 1}], "merged")
    assert resolved == {(2, "uk_store"): 1, (3, "us_warehouse"): 1}


def test_unknown_and_ambiguous_stock_names_are_both_reported():
    stocks = STOCKS + [{"stock_id": 7, "name": "EU Stock"}, {"stock_id": 8, "name": "eu stock"}]
    error = problems_of([{"stock": "Moon Stock", "source_code": "uk_store", "priority": 1},
                         {"stock": "EU STOCK", "source_code": "uk_store", "priority": 1}], "merged", stocks=stocks)
    assert "stock names matching no stock: 'Moon Stock'" in str(error)
    assert "stock name 'EU STOCK' matches several stocks (ids 7, 8)" in str(error)


def test_one_error_names_every_bad_value():
    error = problems_of([
        link(9, "uk_store", 1),
        link(2, "nowhere", 1),
        link(2, "elsewhere", 1),
        link(2, "uk_store", 0),
        link(3, "us_warehouse", 1), link(3, "us_warehouse", 2),
        link(1, "uk_store", 1),
        link(2, "default", 1),
    ], "merged")
    text = str(error)
    for fragment in ("unknown stock ids: 9", "unknown source codes: elsewhere, nowhere",
                     "priority must be between 1 and 65535: uk_store in stock 2 (0)",
                     "link (3, us_warehouse) listed with different priorities 1, 2",
                     "(1, uk_store)", "(2, default)"):
        assert fragment in text
    assert len(error.problems) == 5


def test_priority_above_column_limit_is_refused():
    assert "uk_store in stock 2 (70000)" in str(problems_of([link(2, "uk_store", 70000)], "merged"))


def test_duplicate_pair_with_same_priority_is_one_link():
    assert resolve([link(2, "uk_store", 2), {"stock": "UK Stock", "source_code": "uk_store", "priority": 2}], "merged") == {(2, "uk_store"): 2}


def test_duplicate_by_name_and_id_with_different_priorities_is_refused():
    error = problems_of([link(2, "uk_store", 2), {"stock": "UK Stock", "source_code": "uk_store", "priority": 3}], "merged")
    assert "link (2, uk_store) listed with different priorities 2, 3" in str(error)


def test_default_link_itself_may_be_saved_with_a_new_priority():
    assert resolve([link(1, "default", 2)], "merged") == {(1, "default"): 2}


@pytest.mark.parametrize("entry", [{"stock_id": 1, "source_code": "default"}, {"stock_id": 1}, {"stock_id": 2, "source_code": "default"}])
def test_deleted_refuses_every_default_stock_or_source_link(entry):
    assert "Magento refuses to delete" in str(problems_of([entry], "deleted"))


def test_deleted_by_stock_covers_its_pairs():
    resolved = resolve([{"stock_id": 3, "source_code": "us_warehouse"}, {"stock": "US Stock"}, {"stock_id": 2, "source_code": "uk_store"}], "deleted")
    assert resolved == {(3, None): None, (2, "uk_store"): None}


def test_rendered_cannot_resolve_names_offline():
    entries = link_plan.normalize_links([{"stock": "UK Stock", "source_code": "uk_store", "priority": 1}], "rendered")
    with pytest.raises(InvalidInput) as caught:
        link_plan.resolve_links(entries, "rendered")
    assert "give stock_id for: 'UK Stock'" in str(caught.value)


def test_rendered_payload_has_only_magento_keys_and_int_types():
    entries = link_plan.normalize_links([{"stock_id": "3", "source_code": "us_warehouse", "priority": "1"},
                                         {"stock_id": 2, "source_code": "uk_store", "priority": 2}], "rendered")
    payload = link_plan.render_payload(link_plan.resolve_links(entries, "rendered"))
    assert payload == {"links": [link(2, "uk_store", 2), link(3, "us_warehouse", 1)]}


# --- planning ------------------------------------------------------------------------------------

CURRENT = [
    link(1, "default", 1),
    link(2, "uk_warehouse", 1), link(2, "uk_store", 2),
    link(3, "us_warehouse", 1), link(3, "de_warehouse", 2),
]

PLAN_TABLE = [
    # state, desired, expected added, updated (with previous priority), removed
    ("merged", [link(2, "uk_warehouse", 1), link(2, "uk_store", 2)], [], [], []),
    ("merged", [link(2, "de_warehouse", 3), link(2, "uk_store", 5)],
     [link(2, "de_warehouse", 3)], [dict(link(2, "uk_store", 5), previous_priority=2)], []),
    ("replaced", [link(2, "uk_store", 1)], [], [dict(link(2, "uk_store", 1), previous_priority=2)], [link(2, "uk_warehouse", 1)]),
    ("replaced", [link(3, "us_warehouse", 1), link(3, "de_warehouse", 2)], [], [], []),
    ("overridden", [link(2, "uk_warehouse", 1)], [], [],
     [link(2, "uk_store", 2), link(3, "us_warehouse", 1), link(3, "de_warehouse", 2)]),
    ("overridden", [], [], [], [link(2, "uk_warehouse", 1), link(2, "uk_store", 2), link(3, "us_warehouse", 1), link(3, "de_warehouse", 2)]),
    ("deleted", [{"stock_id": 3, "source_code": None, "priority": None}], [], [], [link(3, "us_warehouse", 1), link(3, "de_warehouse", 2)]),
    ("deleted", [{"stock_id": 2, "source_code": "uk_store", "priority": None},
                 {"stock_id": 2, "source_code": "de_warehouse", "priority": None}], [], [], [link(2, "uk_store", 2)]),
]


@pytest.mark.parametrize("state, desired, added, updated, removed", PLAN_TABLE)
def test_plan_table(state, desired, added, updated, removed):
    plan = link_plan.plan_links(state, keyed(*desired), CURRENT)
    assert plan.summary == {"added": added, "updated": updated, "removed": removed}
    assert plan.changed == bool(added or updated or removed)


def test_overridden_and_replaced_never_plan_removal_of_default_links():
    current = CURRENT + [link(2, "default", 9)]
    for state, desired in (("overridden", []), ("replaced", [link(2, "uk_warehouse", 1)])):
        removed = link_plan.plan_links(state, keyed(*desired), current).summary["removed"]
        assert all(r["stock_id"] != 1 and r["source_code"] != "default" for r in removed)
        assert removed


def test_current_links_from_magento_are_cleaned_of_extra_keys_and_strings():
    current = [{"stock_id": "2", "source_code": "uk_store", "priority": "2", "extension_attributes": {}}]
    plan = link_plan.plan_links("merged", keyed(link(2, "uk_store", 2)), current)
    assert not plan.changed


def test_predicted_after_applies_saves_and_removals():
    desired = keyed(link(2, "uk_store", 1), link(2, "de_warehouse", 2))
    plan = link_plan.plan_links("replaced", desired, CURRENT)
    after = link_plan.predict_after(CURRENT, plan.summary)
    assert plan.after == after
    assert link_plan.links_in_scope(after, [2]) == [link(2, "uk_store", 1), link(2, "de_warehouse", 2)]
    assert link_plan.links_in_scope(after, [1, 3]) == link_plan.links_in_scope(CURRENT, [1, 3])
    assert link_plan.plan_links("replaced", desired, after).changed is False


def test_predicted_after_of_an_unchanged_run_is_before_itself_not_a_copy():
    before = link_plan.links_in_scope(CURRENT, None)
    plan = link_plan.plan_links("merged", keyed(link(2, "uk_store", 2)), before)
    assert link_plan.predict_after(before, plan.summary) is before and plan.after is before


def test_clean_links_are_kept_and_others_copied_with_magento_types():
    clean = link(2, "uk_store", 2)
    assert link_plan.clean_link(clean) is clean
    for raw in ({"stock_id": "2", "source_code": "uk_store", "priority": 2},
                dict(clean, extension_attributes={}), {"stock_id": 2, "source_code": "uk_store", "priority": True}):
        cleaned = link_plan.clean_link(raw)
        assert cleaned == {"stock_id": 2, "source_code": "uk_store", "priority": int(raw["priority"])}
        assert not isinstance(cleaned["priority"], bool)


@pytest.mark.parametrize("state, links, expected", [
    ("merged", [link(3, "a", 1), link(2, "b", 1), link(3, "c", 2)], [2, 3]),
    ("merged", [{"stock": "us stock", "source_code": "a", "priority": 1}, link(9, "b", 1)], [3, 9]),
    ("merged", [{"stock": "Moon Stock", "source_code": "a", "priority": 1}, link(2, "b", 1)], [2]),
    ("overridden", [link(2, "a", 1)], None),
    ("gathered", [], None),
    ("gathered", [{"stock_id": 3}], [3]),
])
def test_scope_is_known_before_validation(state, links, expected):
    entries = link_plan.normalize_links(links, state)
    assert link_plan.scope_stock_ids(state, entries, STOCKS) == expected


def test_codes_in_magentos_links_are_proven_and_only_the_rest_need_a_lookup():
    entries = link_plan.normalize_links([link(2, "uk_store", 1), link(3, "uk_store", 1), link(2, "new_one", 1),
                                         {"stock_id": 3, "source_code": "us_warehouse", "priority": 1}], "merged")
    linked = [link(2, "uk_store", 1), link(3, "us_warehouse", 2), link(3, "elsewhere", 1)]
    assert link_plan.unlinked_source_codes(entries, linked) == {"new_one"}
    assert link_plan.unlinked_source_codes(entries, []) == {"uk_store", "new_one", "us_warehouse"}


def test_stock_ids_known_from_links_need_no_stock_list():
    entries = link_plan.normalize_links([link(2, "uk_store", 1), link(9, "uk_store", 1)], "merged")
    error_text = str(pytest.raises(InvalidInput, link_plan.resolve_links, entries, "merged", stocks=None,
                                   known_stock_ids={2}).value)
    assert error_text == "unknown stock ids: 9"
    assert link_plan.resolve_links(entries[:1], "merged", known_stock_ids={2}) == {(2, "uk_store"): 1}


# --- write ordering -----------------------------------------------------------------------------------

def test_every_save_is_sent_before_any_delete_and_bodies_have_only_magento_keys():
    plan = link_plan.plan_links("replaced", keyed(link(2, "uk_store", 1), link(2, "de_warehouse", 2)), CURRENT)
    saves, deletes = link_plan.writes(plan)
    assert [len(saves), len(deletes)] == [2, 1]
    for sent in saves + deletes:
        assert set(sent) == {"stock_id", "source_code", "priority"}


# --- diff ------------------------------------------------------------------------------------------

def test_diff_text_groups_by_stock_in_priority_order_and_shows_empty_stocks():
    names = {2: "UK Stock", 3: "US Stock"}
    text = link_plan.diff_text([link(2, "uk_store", 2), link(2, "uk_warehouse", 1)], [2, 3], names)
    assert text == "UK Stock (2)\n  priority 1: uk_warehouse\n  priority 2: uk_store\nUS Stock (3)\n  (no links)\n"


def test_diff_text_falls_back_to_stock_id_without_a_name():
    assert link_plan.diff_text([link(9, "x", 1)], None, {}) == "stock 9\n  priority 1: x\n"


# --- Magento's collation -----------------------------------------------------------------------------

def test_a_differently_cased_code_is_the_stored_link_under_every_writing_state():
    before = [link(2, "uk_warehouse", 1), link(2, "uk_store", 2)]
    entries = link_plan.normalize_links([link(2, "UK_Warehouse", 1), link(2, "uk_store", 2)], "replaced")
    entries, warnings = link_plan.respell(entries, stored_spellings(["uk_warehouse", "uk_store"]))
    assert warnings == ["source_code 'UK_Warehouse' is stored in Magento as 'uk_warehouse'; Magento compares "
                        "source_codes ignoring case, accents and trailing spaces, so 'uk_warehouse' is used"]
    for state in ("merged", "replaced", "overridden"):
        desired = link_plan.resolve_links(entries, state, known_stock_ids={2})
        plan = link_plan.plan_links(state, desired, before, warnings=warnings)
        assert not plan.changed, state
        assert plan.warnings == warnings


def test_unlinked_source_codes_ignore_case():
    entries = link_plan.normalize_links([link(2, "UK_STORE", 1), link(2, "new", 2)], "merged")
    assert link_plan.unlinked_source_codes(entries, [link(2, "uk_store", 1)]) == {"new"}


def test_default_source_in_any_case_is_protected():
    entries = link_plan.normalize_links([link(2, "Default", 1)], "merged")
    with pytest.raises(InvalidInput, match=r"only the link \(1, default\) may involve"):
        link_plan.resolve_links(entries, "merged", known_stock_ids={2})
