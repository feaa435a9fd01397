# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The soak judge must catch what it is there to catch: run by the soak_smoke target before the soak."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import soak_checks  # noqa: E402 pylint: disable=wrong-import-position

PLAY_VARS = {
    "msi_tutorial_sources": [{"source_code": "uk", "name": "London", "country_id": "GB", "postcode": "W1"}],
    "msi_tutorial_stocks": [{"name": "UK Stock", "sales_channels": [{"type": "website", "code": "uk"}]}],
    "msi_tutorial_links": [{"stock": "UK Stock", "source_code": "uk", "priority": 1},
                           {"stock": "UK Stock", "source_code": "default", "priority": 2}],
    "msi_tutorial_source_items": [{"sku": "A", "source_code": "uk", "quantity": 3, "status": "in_stock"}],
}
WANTED = soak_checks.wanted_state(PLAY_VARS)
DEFAULT_SOURCE = {"source_code": "default", "name": "Default Source", "enabled": True, "country_id": "US", "postcode": "0"}
UK_SOURCE = {"source_code": "uk", "name": "London", "enabled": True, "country_id": "GB", "postcode": "W1"}


def stock(stock_id, name, *codes):
    return {"stock_id": stock_id, "name": name,
            "extension_attributes": {"sales_channels": [{"type": "website", "code": code} for code in codes]}}


def link(stock_id, code, priority):
    return {"stock_id": stock_id, "source_code": code, "priority": priority}


# Before: UK Stock exists with a stray link to "old"; after: the tutorial's state.
INITIAL = {
    "sources": [DEFAULT_SOURCE, {"source_code": "old", "name": "Old", "enabled": True, "country_id": "GB", "postcode": "X"}],
    "stocks": [stock(1, "Default Stock", "base"), stock(2, "UK Stock", "uk")],
    "links": [link(1, "default", 1), link(2, "old", 1)],
    "source_items": [],
}
DONE = {
    "sources": INITIAL["sources"] + [UK_SOURCE],
    "stocks": INITIAL["stocks"],
    "links": [link(1, "default", 1), link(2, "uk", 1), link(2, "default", 2)],
    "source_items": [{"sku": "A", "source_code": "uk", "quantity": 3.0, "status": 1}],
}
FAILED_OUTPUT = ('failed: [localhost] (item=uk) => {"changed": false, "msg": "GET /rest/all/V1/inventory/sources '
                 'answered 503 Service Unavailable with a non-JSON body (text/html)", "status": 503}\n')


def altered(**parts):
    state = copy.deepcopy(DONE)
    state.update(parts)
    return state


def test_the_wanted_state_converges():
    assert soak_checks.classify(0, "ok", INITIAL, DONE, WANTED) == (soak_checks.CONVERGED, [])


def test_a_failure_before_any_write_is_clean():
    outcome, reasons = soak_checks.classify(2, FAILED_OUTPUT, INITIAL, INITIAL, WANTED)
    assert (outcome, reasons) == (soak_checks.FAILED_CLEANLY, [])


def test_saved_links_before_the_removal_are_a_valid_stop():
    state = altered(links=DONE["links"] + [link(2, "old", 1)])
    assert soak_checks.classify(2, FAILED_OUTPUT, INITIAL, state, WANTED)[0] == soak_checks.FAILED_CLEANLY
    assert soak_checks.classify(0, "ok", INITIAL, state, WANTED)[0] == soak_checks.BAD


def test_a_half_applied_removal_is_bad():
    state = altered(links=[link(1, "default", 1), link(2, "uk", 1)])
    outcome, reasons = soak_checks.classify(2, FAILED_OUTPUT, INITIAL, state, WANTED)
    assert outcome == soak_checks.BAD
    assert any("half-applied removal" in reason for reason in reasons)


def test_a_duplicate_stock_is_bad_even_when_the_play_succeeded():
    state = altered(stocks=DONE["stocks"] + [stock(3, "UK Stock")])
    outcome, reasons = soak_checks.classify(0, "ok", INITIAL, state, WANTED)
    assert outcome == soak_checks.BAD
    assert "duplicate stock 'UK Stock' (2 stocks)" in reasons


def test_a_removed_link_that_should_stay_is_bad():
    initial = dict(INITIAL, links=INITIAL["links"] + [link(2, "uk", 5)])
    state = altered(links=[link(1, "default", 1), link(2, "old", 1)])
    reasons = soak_checks.classify(2, FAILED_OUTPUT, initial, state, WANTED)[1]
    assert "link UK Stock/uk was removed, but it should stay" in reasons


def test_an_unmanaged_stock_link_or_item_must_not_change():
    state = altered(links=[link(2, "uk", 1), link(2, "default", 2)],
                    source_items=DONE["source_items"] + [{"sku": "B", "source_code": "old", "quantity": 1.0, "status": 1}])
    reasons = soak_checks.classify(0, "ok", INITIAL, state, WANTED)[1]
    assert "links of Default Stock changed, but the play does not manage them" in reasons
    assert any(reason.startswith("source item B/old") for reason in reasons)


def test_a_source_with_other_values_is_bad():
    state = altered(sources=INITIAL["sources"] + [dict(UK_SOURCE, postcode="W2")])
    reasons = soak_checks.classify(2, FAILED_OUTPUT, INITIAL, state, WANTED)[1]
    assert reasons == ["source uk is neither as before nor as wanted (postcode)"]


def test_a_traceback_or_an_unclear_message_is_bad():
    output = FAILED_OUTPUT + 'fatal: [localhost]: FAILED! => {"msg": "MODULE FAILURE\\nSee stdout/stderr"}\n'
    outcome, reasons = soak_checks.classify(2, output, INITIAL, INITIAL, WANTED)
    assert outcome == soak_checks.BAD
    assert "the output shows 'MODULE FAILURE'" in reasons
    assert "unclear failure message: MODULE FAILURE\nSee stdout/stderr" in reasons


def test_a_failed_run_must_show_which_task_failed():
    outcome, reasons = soak_checks.classify(4, "ERROR! something", INITIAL, INITIAL, WANTED)
    assert (outcome, reasons) == (soak_checks.BAD, ["exit code 4 without a failed task"])
