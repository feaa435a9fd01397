# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


import pytest


from ansible_collections.commerceops.magento.plugins.module_utils.client import MagentoApiError
from ansible_collections.commerceops.magento.plugins.modules import msi_source, msi_source_info

UK_WAREHOUSE = {"source_code": "uk_warehouse", "name": "Huntingdon Warehouse", "country_id": "GB",
                "postcode": "PE29 6XJ", "city": "Huntingdon", "latitude": 52.33}


class FakeSourceClient(object):
    """Magento's source semantics in memory: eq filters OR'd in a group, POST upserts, output shaping."""

    def __init__(self, sources=None, fail_writes=False):
        self.sources = [dict(source) for source in (sources or [])]
        self.reads = []
        self.writes = []
        self.fail_writes = fail_writes

    def search(self, path, filter_groups=None, page_size=300, sort_orders=None):
        assert path == "inventory/sources"
        self.reads.append(filter_groups)
        items = self.sources
        for group in filter_groups or []:
            assert all(condition == "eq" for field, value, condition in group)
            items = [item for item in items
                     if any(item.get(field) == value for field, value, condition in group)]
        return [dict(item) for item in items]

    def post(self, path, body):
        if self.fail_writes:
            raise MagentoApiError("POST /rest/all/V1/inventory/sources answered 400: Could not save Source",
                                  method="POST", path="/rest/all/V1/inventory/sources", status=400,
                                  template="Could not save Source")
        assert path == "inventory/sources"
        self.writes.append(body)
        source = body["source"]
        for field in ("name", "country_id", "postcode"):
            assert source.get(field), "Magento would refuse a body without %s" % field
        stored = [item for item in self.sources if item["source_code"] == source["source_code"]]
        if stored:
            stored[0].update(source)
        else:
            self.sources.append(dict({"enabled": True, "use_default_carrier_config": True, "carrier_links": []},
                                     **source))
        return []


def test_create_then_rerun_sends_no_write(run_module):
    client = FakeSourceClient()
    first = run_module(msi_source, client, **UK_WAREHOUSE)
    assert not first.failed and first.result["changed"] is True
    assert client.writes == [{"source": UK_WAREHOUSE}]
    assert first.result["before"] is None
    assert first.result["source"]["carrier_links"] == [], "after a real create the source is read back"
    client.writes = []
    second = run_module(msi_source, client, **UK_WAREHOUSE)
    assert second.result["changed"] is False and client.writes == []


def test_check_mode_writes_nothing_and_predicts_the_run(run_module):
    client = FakeSourceClient([dict(UK_WAREHOUSE, enabled=True)])
    checked = run_module(msi_source, client, check_mode=True, diff=True, source_code="uk_warehouse", city="St Ives")
    assert checked.result["changed"] is True and client.writes == []
    assert 'city: "Huntingdon"' in checked.result["diff"]["before"]
    assert 'city: "St Ives"' in checked.result["diff"]["after"]
    real = run_module(msi_source, client, source_code="uk_warehouse", city="St Ives")
    assert real.result["after"] == checked.result["after"] == client.sources[0]
    assert client.reads[-1] == [[("source_code", "uk_warehouse", "eq")]]
    assert "diff" not in real.result


def test_update_sends_the_whole_source(run_module):
    client = FakeSourceClient([dict(UK_WAREHOUSE, enabled=True, use_default_carrier_config=True, carrier_links=[])])
    result = run_module(msi_source, client, source_code="uk_warehouse", phone="01480 000000").result
    assert result["changes"] == {"phone": {"before": None, "after": "01480 000000"}}
    sent = client.writes[0]["source"]
    assert sent == dict(UK_WAREHOUSE, enabled=True, phone="01480 000000")


def test_disabling_reads_by_filter_and_writes_enabled_false(run_module):
    client = FakeSourceClient([dict(UK_WAREHOUSE, source_code="a/b+c", enabled=True)])
    result = run_module(msi_source, client, source_code="a/b+c", state="disabled").result
    assert result["changed"] is True and client.sources[0]["enabled"] is False
    assert client.reads[0] == [[("source_code", "a/b+c", "eq")]]


def test_updating_default_always_sends_enabled(run_module):
    client = FakeSourceClient([{"source_code": "default", "name": "Default Source", "country_id": "US",
                                "postcode": "00000", "enabled": True}])
    run_module(msi_source, client, source_code="default", description="The main warehouse")
    assert client.writes[0]["source"]["enabled"] is True


@pytest.mark.parametrize("params, fragment", [
    ({"source_code": "new", "name": "New"}, "creating it needs country_id, postcode"),
    ({"source_code": "default", "state": "disabled"}, "refuses to disable the default source"),
    (dict(UK_WAREHOUSE, country_id="GBR"), "'GBR'"),
    (dict(UK_WAREHOUSE, source_code="uk store"), "'uk store'"),
    (dict(UK_WAREHOUSE, source_code="other", name="default source"), "already used by source 'default'"),
])
def test_bad_input_fails_naming_the_value_and_writes_nothing(run_module, params, fragment):
    client = FakeSourceClient([{"source_code": "default", "name": "Default Source", "country_id": "US",
                                "postcode": "00000", "enabled": True}])
    outcome = run_module(msi_source, client, **params)
    assert outcome.failed and client.writes == []
    assert fragment in outcome.result["msg"]
    assert outcome.result["msg"].startswith("Invalid source, nothing was written")


def test_api_error_is_reported_as_failure(run_module):
    client = FakeSourceClient(fail_writes=True)
    outcome = run_module(msi_source, client, **UK_WAREHOUSE)
    assert outcome.failed and outcome.result["changed"] is False
    assert "Could not save Source" in outcome.result["msg"]


def test_info_reads_selected_sources_and_names_missing(run_module):
    client = FakeSourceClient([dict(UK_WAREHOUSE, enabled=True),
                               {"source_code": "default", "name": "Default Source", "enabled": True},
                               {"source_code": "old", "name": "Old", "enabled": False}])
    result = run_module(msi_source_info, client, source_codes=["uk_warehouse", "old", "nope"]).result
    assert [source["source_code"] for source in result["sources"]] == ["old", "uk_warehouse"]
    assert result["missing"] == ["nope"] and result["changed"] is False
    disabled = run_module(msi_source_info, client, enabled=False).result
    assert [source["source_code"] for source in disabled["sources"]] == ["old"]
    assert client.writes == []
