# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import (
    key,
    same_name,
    source_code_problem,
    stored_spellings,
)


@pytest.mark.parametrize("left, right, equal", [
    ("uk_warehouse", "UK_Warehouse", True),
    ("24-MB01", "24-mb01  ", True),      # PAD SPACE: trailing spaces do not count
    ("24-MB01", " 24-MB01", False),      # leading ones do
    ("straße", "STRAßE", True),          # one letter stays one letter, as in the collation
    ("straße", "STRASSE", False),
    ("café-1", "CAFE-1", True),          # general_ci weighs a letter without its accent
    ("eu-1", "eu-2", False),
])
def test_keys_compare_as_magentos_collation_does(left, right, equal):
    assert (key(left) == key(right)) is equal


def test_stored_spellings_map_any_spelling_to_magentos():
    stored = stored_spellings(["uk_warehouse", "default"])
    assert stored[key("UK_WAREHOUSE")] == "uk_warehouse" and key("nowhere") not in stored


@pytest.mark.parametrize("code, bad", [("uk", False), ("", True), ("uk store", True), ("uk\t", True), (None, True)])
def test_source_code_problem_names_the_code(code, bad):
    problem = source_code_problem(code)
    assert (problem is not None) is bad
    if bad:
        assert problem == "source_code %r is empty or contains whitespace" % (code,)


def test_names_compare_trimmed_and_case_insensitive():
    assert same_name(" UK Stock", "uk stock") and not same_name("UK Stock", "US Stock")
