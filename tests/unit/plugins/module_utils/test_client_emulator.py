# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client against the emulator over real HTTP: input limits, injected faults, OAuth, 2FA."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
import os
import sys
import threading

import time

import pytest
import requests

from ansible_collections.commerceops.magento.plugins.module_utils.client import MagentoApiError, MagentoClient

EMULATOR_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "emulator")
sys.path.insert(0, os.path.normpath(EMULATOR_DIR))
pytest.importorskip("magento_msi_emulator")

LINKS = "inventory/stock-source-links"
INTEGRATION = ("ck-emu", "cs-emu-secret", "at-emu", "ats-emu-secret")


EMULATOR_FIXTURE = "api-tests"
EMULATOR_SETTINGS = dict(integrations=[INTEGRATION])


def token_client(emu, **kwargs):
    return MagentoClient(url=emu.url, token="emulator-token", **kwargs)


def oauth_client(emu, **kwargs):
    return MagentoClient(url=emu.url, consumer_key=INTEGRATION[0], consumer_secret=INTEGRATION[1],
                         access_token=INTEGRATION[2], access_token_secret=INTEGRATION[3], **kwargs)


def link_rows(count, stock_id=10):
    return [{"stock_id": stock_id, "source_code": "src-%03d" % index, "priority": index + 1} for index in range(count)]


def add_sources(emu, count):
    client = token_client(emu)
    for index in range(count):
        client.post("inventory/sources", {"source": {"source_code": "src-%03d" % index, "name": "S%d" % index,
                                                     "country_id": "DE", "postcode": "1", "enabled": True}})


def writes(emu, path_end):
    return [entry for entry in emu.app.log.entries() if entry["write"] and entry["path"].endswith(path_end)]


def test_refused_batch_is_resplit_to_magentos_limit_and_warned_once(emu):
    add_sources(emu, 45)
    emu.app.configure(input_limits=True)
    emu.app.log.clear()
    warnings = []
    client = token_client(emu, warn=warnings.append)
    client.post_batches(LINKS, "links", link_rows(45), 500)
    statuses = [entry["status"] for entry in writes(emu, "/stock-source-links")]
    assert statuses == [400, 200, 200, 200]            # one refusal, then 20 + 20 + 5
    assert [len(entry["body"]["links"]) for entry in writes(emu, "/stock-source-links")] == [45, 20, 20, 5]
    assert client.writes_accepted == 3
    assert len([link for link in emu.app.inventory.snapshot()["links"] if link["source_code"].startswith("src-")]) == 45
    client.post_batches(LINKS, "links", link_rows(30))  # the learned limit is used at once
    assert [entry["status"] for entry in writes(emu, "/stock-source-links")][4:] == [200, 200]
    assert len(warnings) == 1 and "batch_size" in warnings[0] and "20" in warnings[0]


def test_a_refused_batch_leaves_the_count_of_writes_accepted_before_it(emu):
    add_sources(emu, 40)
    emu.app.log.clear()
    rows = link_rows(40) + [{"stock_id": 10, "source_code": "no-such-source", "priority": 41}]
    client = token_client(emu)
    with pytest.raises(MagentoApiError) as caught:
        client.post_batches(LINKS, "links", rows, 20)
    assert client.writes_accepted == 2 and caught.value.status is not None
    assert [entry["status"] == 200 for entry in writes(emu, "/stock-source-links")] == [True, True, False]


def test_page_size_over_the_limit_is_read_again_with_magentos_maximum(emu):
    add_sources(emu, 310)
    emu.app.configure(input_limits=True)
    warnings = []
    client = token_client(emu, warn=warnings.append)
    sources = client.search("inventory/sources", page_size=500)
    assert len(sources) == 310 + 6  # plus the fixture's sources
    assert len(warnings) == 1 and "page_size" in warnings[0] and "300" in warnings[0]


def test_oauth_client_reads_and_writes(emu):
    client = oauth_client(emu)
    stocks = client.search("inventory/stocks", [[("name", "EU-stock", "eq")]])
    assert [stock["stock_id"] for stock in stocks] == [10]
    assert client.post(LINKS, {"links": [{"stock_id": 20, "source_code": "eu-1", "priority": 9}]}) == []


def test_oauth_with_a_wrong_secret_gets_magentos_401_explained(emu):
    client = MagentoClient(url=emu.url, consumer_key=INTEGRATION[0], consumer_secret="wrong-one",
                           access_token=INTEGRATION[2], access_token_secret=INTEGRATION[3])
    with pytest.raises(MagentoApiError) as caught:
        client.get("inventory/stocks/1")
    assert caught.value.status == 401 and "signature is invalid" in caught.value.message
    assert "authenticated by oauth" in caught.value.message and "wrong-one" not in caught.value.message


def test_two_factor_login_fails_once_with_advice(emu, sleeps):
    emu.app.configure(two_factor=True)
    client = MagentoClient(url=emu.url, username="admin", password="emulator-admin-1")
    with pytest.raises(MagentoApiError) as caught:
        client.get("inventory/stocks/1")
    assert "two-factor authentication" in caught.value.message and "emulator-admin-1" not in caught.value.message
    assert [entry["path"] for entry in emu.app.log.entries()] == ["/rest/all/V1/integration/admin/token"]
    assert sleeps == []


@pytest.mark.parametrize("faults", [
    {"fraction": 0.3, "status": 502, "seed": 1},
    {"fraction": 0.3, "status": 503, "retry_after": 1, "seed": 2},
    {"fraction": 0.3, "status": 429, "seed": 3},
    {"fraction": 0.3, "status": 429, "retry_after": 2, "seed": 4},
    {"drop_fraction": 0.3, "seed": 5},
    {"fraction": 0.2, "status": 503, "drop_fraction": 0.1, "latency_ms": 5, "seed": 6},
])
@pytest.mark.parametrize("make_client", [token_client, oauth_client])
def test_faults_are_retried_to_the_correct_state(emu, sleeps, faults, make_client):
    emu.app.faults.configure(faults)
    client = make_client(emu, retries=8)
    for index in range(15):
        client.post(LINKS, {"links": [{"stock_id": 20, "source_code": "eu-%d" % (1 + index % 3), "priority": index + 1}]})
        assert client.search(LINKS, [[("stock_id", 20, "eq")]], page_size=2)
    emu.app.faults.clear()
    links = sorted((link["source_code"], link["priority"]) for link in emu.app.inventory.snapshot()["links"]
                   if link["stock_id"] == 20)
    assert links == [("eu-1", 13), ("eu-2", 14), ("eu-3", 15), ("us-1", 1)]
    faulted = [entry for entry in emu.app.log.entries() if entry["status"] in (None, 429, 502, 503)]
    assert faulted and client.requests_retried == len(faulted)
    if faults.get("retry_after"):
        assert faults["retry_after"] in sleeps


def test_faults_beyond_the_retries_fail_with_a_clear_message(emu, sleeps):
    emu.app.faults.configure({"fail_next": 5, "status": 502})
    with pytest.raises(MagentoApiError) as caught:
        token_client(emu, retries=2).post(LINKS, {"links": [{"stock_id": 20, "source_code": "eu-1", "priority": 1}]})
    assert caught.value.status == 502 and "a proxy or web server answered" in caught.value.message
    assert writes(emu, "/stock-source-links") and all(e["status"] == 502 for e in writes(emu, "/stock-source-links"))


# --- pages read at once --------------------------------------------------------------------------------

class CountingSession(requests.Session):
    """A real session that records how many requests were in flight at once, and can act before a send."""

    def __init__(self, before_send=None):
        super(CountingSession, self).__init__()
        self._lock = threading.Lock()
        self._in_flight = 0
        self.most_in_flight = 0
        self.before_send = before_send

    def send(self, request, **kwargs):
        with self._lock:
            self._in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self._in_flight)
        try:
            if self.before_send is not None:
                self.before_send(request)
            return super(CountingSession, self).send(request, **kwargs)
        finally:
            with self._lock:
                self._in_flight -= 1


def source_codes(sources):
    return [source["source_code"] for source in sources]


def search_pages_sent(emu):
    return [entry["query"] for entry in emu.app.log.entries()
            if entry["path"].endswith("/inventory/sources") and not entry["write"]]


@pytest.mark.parametrize("parallel_reads, most_at_once", [(1, 1), (3, 3), (8, 6)])
def test_pages_after_the_first_are_read_parallel_reads_at_a_time(emu, parallel_reads, most_at_once):
    add_sources(emu, 55)
    expected = source_codes(token_client(emu).search("inventory/sources", page_size=500))
    assert len(expected) > 60
    emu.app.log.clear()
    # Each answer waits, so pages sent together are seen in flight together.
    emu.app.faults.configure({"latency_ms": 60})
    session = CountingSession()
    client = token_client(emu, session=session, parallel_reads=parallel_reads)
    found = client.search("inventory/sources", page_size=10)
    emu.app.faults.clear()
    pages = int(math.ceil(len(expected) / 10.0))
    assert pages == 7
    assert source_codes(found) == expected                      # in Magento's order, none twice, none missing
    assert client.requests_sent == len(search_pages_sent(emu)) == pages
    assert session.most_in_flight == most_at_once               # the first page alone, then up to parallel_reads


def test_records_that_change_during_a_parallel_read_make_it_read_again_page_by_page(emu):
    add_sources(emu, 35)
    token_client(emu).post(LINKS, {"links": link_rows(35)})
    by_stock = [[("stock_id", 10, "eq")]]
    removed = []

    def remove_the_first_link_once_page_two_is_asked_for(request):
        # Every later link moves up one place, so page 2 read as planned would skip src-010.
        if "current_page%5D=2" in request.url and not removed:
            removed.append(True)
            token_client(emu).post(LINKS + "-delete", {"links": link_rows(1)})

    emu.app.log.clear()
    client = token_client(emu, session=CountingSession(remove_the_first_link_once_page_two_is_asked_for),
                          parallel_reads=4)
    found = [link["source_code"] for link in client.search(LINKS, by_stock, page_size=10)]
    link_pages_read = len([entry for entry in emu.app.log.entries() if entry["path"].endswith(LINKS)])
    expected = [link["source_code"] for link in token_client(emu).search(LINKS, by_stock, page_size=500)]
    assert removed and "src-000" not in expected and "src-010" in expected
    assert found == expected
    # The parallel read (one more link then), then every page again, one by one.
    assert link_pages_read == int(math.ceil((len(expected) + 1) / 10.0)) + int(math.ceil(len(expected) / 10.0))


def test_a_page_that_fails_fails_the_search_with_its_own_message(emu, sleeps):
    add_sources(emu, 35)

    def fail_every_later_page(request):
        if "current_page%5D=1&" not in request.url + "&":
            emu.app.faults.configure({"fail_next": 1, "status": 503})

    client = token_client(emu, session=CountingSession(fail_every_later_page), parallel_reads=4, retries=0)
    with pytest.raises(MagentoApiError) as caught:
        client.search("inventory/sources", page_size=10)
    assert caught.value.status == 503 and "GET /rest/all/V1/inventory/sources" in caught.value.message
    assert sleeps == []


def test_batches_after_a_slow_one_are_cut_to_a_quarter_of_the_timeout(emu):
    add_sources(emu, 60)
    emu.app.configure(write_cost_per_item_ms=20)
    emu.app.log.clear()
    warnings = []
    client = token_client(emu, timeout=1, warn=warnings.append)
    client.post_batches(LINKS, "links", link_rows(60), 30)
    sizes = [len(entry["body"]["links"]) for entry in writes(emu, "/stock-source-links")]
    # 30 items at 20 ms take about 0.6 s, more than a third of the timeout: later batches aim at 0.25 s.
    assert sizes[0] == 30 and len(sizes) > 2 and max(sizes[1:]) < 30 and sum(sizes) == 60
    assert len(warnings) == 1 and "later batches carry" in warnings[0] and "batch_size" in warnings[0]
    assert client.writes_accepted == len(sizes)


def test_a_batch_without_an_answer_in_time_is_sent_again_in_halves(emu):
    add_sources(emu, 40)
    emu.app.configure(write_cost_per_item_ms=50)
    emu.app.log.clear()
    warnings = []
    client = token_client(emu, timeout=1, retries=3, warn=warnings.append)
    client.post_batches(LINKS, "links", link_rows(40), 40)
    # The emulator logs a request when it has answered it: the abandoned 40-item write (2 s of write cost)
    # may still be under way when the halves are done on a busy machine.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and 40 not in [len(entry["body"]["links"])
                                                     for entry in writes(emu, "/stock-source-links")]:
        time.sleep(0.05)
    sizes = sorted((len(entry["body"]["links"]) for entry in writes(emu, "/stock-source-links")), reverse=True)
    # 40 items take 2 s: no answer within 1 s, and not sent again at that size.
    assert sizes[0] == 40 and sizes.count(40) == 1 and sum(sizes[1:]) >= 40
    assert "got no answer within 1 s" in warnings[0] and "upsert" in warnings[0]
    linked = [link for link in emu.app.inventory.snapshot()["links"] if link["source_code"].startswith("src-")]
    assert len(linked) == 40
