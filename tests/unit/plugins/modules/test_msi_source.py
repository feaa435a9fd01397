# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""msi_source and msi_source_info against the emulator: what they send, what Magento then holds."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.modules import msi_source, msi_source_info

EMULATOR_FIXTURE = "default"  # Default Source only
SOURCES = "/rest/all/V1/inventory/sources"
UK_WAREHOUSE = {"source_code": "uk_warehouse", "name": "Huntingdon Warehouse", "country_id": "GB",
                "postcode": "PE29 6XJ", "city": "Huntingdon", "latitude": 52.33}


def stored_source(emu, source_code):
    found = [source for source in emu.state()["sources"] if source["source_code"] == source_code]
    return found[0] if found else None


def seed_source(emu, source):
    emu.seed("inventory/sources", {"source": source})
    return stored_source(emu, source["source_code"])


def test_create_then_rerun_sends_no_write(emu, run_module, rerun_is_quiet):
    first = run_module(msi_source, **UK_WAREHOUSE)
    assert not first.failed and first.result["changed"] is True
    assert [(entry["method"], entry["path"], entry["body"]) for entry in emu.writes()] == [
        ("POST", SOURCES, {"source": UK_WAREHOUSE})]
    assert first.result["before"] is None
    # After a real create the source is read back, with the fields Magento adds of its own.
    assert first.result["source"] == stored_source(emu, "uk_warehouse")
    assert first.result["source"]["carrier_links"] == []
    second = rerun_is_quiet(msi_source, **UK_WAREHOUSE)
    assert second.result["before"] == second.result["after"] == first.result["source"]


def test_check_mode_writes_nothing_and_predicts_the_run(emu, run_module):
    seed_source(emu, UK_WAREHOUSE)
    checked = run_module(msi_source, check_mode=True, diff=True, source_code="uk_warehouse", city="St Ives")
    assert checked.result["changed"] is True and emu.writes() == []
    assert stored_source(emu, "uk_warehouse")["city"] == "Huntingdon"
    assert 'city: "Huntingdon"' in checked.result["diff"]["before"]
    assert 'city: "St Ives"' in checked.result["diff"]["after"]
    emu.clear_log()
    real = run_module(msi_source, source_code="uk_warehouse", city="St Ives")
    assert real.result["after"] == checked.result["after"] == stored_source(emu, "uk_warehouse")
    assert len(emu.writes()) == 1
    # A list filter, not GET /sources/{code}: Magento urldecodes path parameters.
    assert emu.reads()[-1] == ("inventory/sources", [[("source_code", "uk_warehouse", "in")]])
    assert "diff" not in real.result


def test_update_sends_the_whole_source_without_the_read_only_fields(emu, run_module):
    before = seed_source(emu, UK_WAREHOUSE)
    result = run_module(msi_source, source_code="uk_warehouse", phone="01480 000000").result
    assert result["changes"] == {"phone": {"before": None, "after": "01480 000000"}}
    [write] = emu.writes()
    kept = dict((key, value) for key, value in before.items() if key not in ("use_default_carrier_config", "carrier_links"))
    assert write["body"]["source"] == dict(kept, phone="01480 000000")
    assert stored_source(emu, "uk_warehouse") == dict(before, phone="01480 000000")


def test_disabling_reads_by_filter_and_writes_enabled_false(emu, run_module):
    seed_source(emu, dict(UK_WAREHOUSE, source_code="a/b+c", name="Awkward"))
    result = run_module(msi_source, source_code="a/b+c", state="disabled").result
    assert result["changed"] is True and stored_source(emu, "a/b+c")["enabled"] is False
    assert emu.reads()[0] == ("inventory/sources", [[("source_code", "a/b+c", "in")]])
    assert [entry["body"]["source"]["enabled"] for entry in emu.writes()] == [False]
    assert emu.state()["indexers"]["inventory"] == "invalid"


def test_updating_default_always_sends_enabled(emu, run_module):
    result = run_module(msi_source, source_code="default", description="The main warehouse").result
    assert result["changed"] is True
    [write] = emu.writes()
    assert write["body"]["source"]["enabled"] is True
    assert stored_source(emu, "default")["description"] == "The main warehouse"


@pytest.mark.parametrize("params, fragment", [
    ({"source_code": "new", "name": "New"}, "creating it needs country_id, postcode"),
    ({"source_code": "default", "state": "disabled"}, "refuses to disable the default source"),
    (dict(UK_WAREHOUSE, country_id="GBR"), "'GBR'"),
    (dict(UK_WAREHOUSE, source_code="uk store"), "'uk store'"),
    (dict(UK_WAREHOUSE, source_code="other", name="default source"), "already used by source 'default'"),
])
def test_bad_input_fails_naming_the_value_and_writes_nothing(emu, run_module, params, fragment):
    before = emu.state()
    outcome = run_module(msi_source, **params)
    assert outcome.failed and emu.writes() == []
    assert fragment in outcome.result["msg"]
    assert outcome.result["msg"].startswith("Invalid source, nothing was written")
    assert emu.state() == before


def test_refused_write_is_reported_as_failure(emu, run_failing):
    outcome = run_failing(msi_source, "x", **UK_WAREHOUSE)
    assert outcome.failed and outcome.result["changed"] is False
    assert outcome.result["status"] == 500
    assert outcome.result["msg"].startswith("POST %s answered 500" % SOURCES)
    assert [entry["status"] for entry in emu.writes()] == [500]
    assert stored_source(emu, "uk_warehouse") is None


def test_info_reads_selected_sources_and_names_missing(emu, run_module):
    seed_source(emu, UK_WAREHOUSE)
    seed_source(emu, {"source_code": "old", "name": "Old", "country_id": "DE", "postcode": "1", "enabled": False})
    # Magento splits an `in` value on commas, so a code holding one must still be found.
    seed_source(emu, {"source_code": "eu,north", "name": "North", "country_id": "SE", "postcode": "2"})
    result = run_module(msi_source_info, source_codes=["uk_warehouse", "old", "nope", "eu,north"]).result
    assert [source["source_code"] for source in result["sources"]] == ["eu,north", "old", "uk_warehouse"]
    assert result["sources"][2] == stored_source(emu, "uk_warehouse")
    assert result["missing"] == ["nope"] and result["changed"] is False
    disabled = run_module(msi_source_info, enabled=False).result
    assert [source["source_code"] for source in disabled["sources"]] == ["old"]
    everything = run_module(msi_source_info).result
    assert len(everything["sources"]) == len(emu.state()["sources"]) == 4
    assert emu.writes() == []
