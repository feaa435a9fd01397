# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import time

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils.client import (
    MagentoApiError,
    MagentoClient,
    MagentoSettingsError,
    quote_path_segment,
)
from ansible_collections.commerceops.magento.plugins.module_utils.errors import render_magento_message
from ansible_collections.commerceops.magento.plugins.module_utils.retry_policy import MAX_RETRY_AFTER

TOKEN = "tok-3f9a-secret"
PASSWORD = "pw-very-secret"
LINKS = "inventory/stock-source-links"


def token_client(**kwargs):
    settings = dict(url="http://shop.test", token=TOKEN)
    settings.update(kwargs)
    return MagentoClient(**settings)


def login_client(**kwargs):
    return MagentoClient(url="http://shop.test", username="admin", password=PASSWORD, **kwargs)


def assert_no_secret(text):
    assert TOKEN not in text
    assert PASSWORD not in text


# --- rendering -------------------------------------------------------------------------------------

@pytest.mark.parametrize("template, parameters, expected", [
    ('"%field" can not be empty.', {"field": "name"}, '"name" can not be empty.'),
    ('"%fieldName" is required.', {"fieldName": "links", "field": "x"}, '"links" is required.'),
    ("use %1 or %2", ["ASC", "DESC"], "use ASC or DESC"),
    ("use %1 or %2", {"0": "ASC", "1": "DESC"}, "use ASC or DESC"),
    ("access %resources.", {"resources": ["A::a", "B::b"]}, "access A::a, B::b."),
    ("keeps %unknown and %3", ["x"], "keeps %unknown and %3"),
    ("no parameters %field", None, "no parameters %field"),
    ("100% sure", {}, "100% sure"),
])
def test_render_magento_message(template, parameters, expected):
    assert render_magento_message(template, parameters) == expected


def test_quote_path_segment_escapes_everything_magento_would_misread():
    assert quote_path_segment("eu/1+x ?%#") == "eu%2F1%2Bx%20%3F%25%23"


# --- settings --------------------------------------------------------------------------------------

@pytest.mark.parametrize("settings, words", [
    (dict(url=None, token=TOKEN), "url is required"),
    (dict(url="shop.test", token=TOKEN), "http:// or https://"),
    (dict(url="http://shop.test"), "no credentials"),
    (dict(url="http://shop.test", token=TOKEN, username="admin", password=PASSWORD), "exactly one way"),
    (dict(url="http://shop.test", username="admin"), "together"),
    (dict(url="http://shop.test", token=TOKEN, retries=-1), "retries"),
    (dict(url="http://shop.test", token=TOKEN, parallel_reads=0), "parallel_reads must be at least 1, got 0"),
])
def test_bad_settings_are_refused_without_echoing_secrets(settings, words):
    with pytest.raises(MagentoSettingsError) as caught:
        MagentoClient(**settings)
    assert words in str(caught.value)
    assert_no_secret(str(caught.value))


def test_repr_names_auth_method_but_no_secret():
    assert "token" in repr(token_client())
    assert "username+password" in repr(login_client())
    assert_no_secret(repr(token_client()) + repr(login_client()))


# --- URL, auth -------------------------------------------------------------------------------------

def test_url_has_rest_prefix_store_code_and_bearer_token(transport):
    transport.answer(200, {"stock_id": 1})
    client = token_client(url="http://shop.test/magento/", store_code="de de")
    assert client.get("inventory/stocks/1") == {"stock_id": 1}
    seen = transport.requests[0]
    assert (seen.method, seen.path) == ("GET", "/magento/rest/de%20de/V1/inventory/stocks/1")
    assert seen.headers["authorization"] == "Bearer " + TOKEN
    assert seen.headers["accept"] == "application/json"


def test_percent_encoded_segment_is_sent_unchanged(transport):
    transport.answer(200, {"source_code": "eu/1+x"})
    token_client().get("inventory/sources/" + quote_path_segment("eu/1+x"))
    assert transport.requests[0].path == "/rest/all/V1/inventory/sources/eu%2F1%2Bx"


def test_magento_answer_shapes_come_back_as_decoded_json(transport):
    transport.answer(200, []).answer(200, 10).answer(200, {"id": 1})
    client = token_client()
    assert client.post(LINKS, {"links": []}) == []
    assert client.put("inventory/stocks/10", {"stock": {"name": "EU"}}) == 10
    assert client.delete("inventory/stocks/10") == {"id": 1}
    assert [(r.method, r.body) for r in transport.requests] == [
        ("POST", {"links": []}), ("PUT", {"stock": {"name": "EU"}}), ("DELETE", None)]


def test_admin_token_is_fetched_once_per_client(transport):
    transport.answer(200, "admin-jwt").answer(200, []).answer(200, [])
    client = login_client(store_code="default")
    client.get("inventory/stocks")
    client.get("inventory/sources")
    token_requests = [r for r in transport.requests if r.path.endswith("/integration/admin/token")]
    assert len(token_requests) == 1
    assert token_requests[0].path == "/rest/default/V1/integration/admin/token"
    assert token_requests[0].body == {"username": "admin", "password": PASSWORD}
    assert "authorization" not in token_requests[0].headers
    assert [r.headers["authorization"] for r in transport.requests[1:]] == ["Bearer admin-jwt"] * 2


def test_two_factor_answer_says_so_in_plain_words_without_retry(transport, sleeps):
    transport.answer(400, {"message": "Please use the 2fa provider-specific endpoints to obtain a token.",
                           "parameters": {"active_providers": ["google"]}})
    with pytest.raises(MagentoApiError) as caught:
        login_client().get("inventory/stocks")
    message = caught.value.message
    assert "two-factor authentication" in message and "trying again will not help" in message
    assert "integration's OAuth credentials" in message and "2FA endpoint" in message
    assert caught.value.status == 400
    assert len(transport.requests) == 1 and sleeps == []
    assert_no_secret(message)


def test_wrong_login_is_named_and_not_retried(transport):
    transport.answer(401, {"message": "The account sign-in was incorrect or your account is disabled "
                                      "temporarily. Please wait and try again later."})
    with pytest.raises(MagentoApiError) as caught:
        login_client().get("inventory/stocks")
    assert "rejected the username and password" in caught.value.message
    assert "usual causes" not in caught.value.message
    assert len(transport.requests) == 1
    assert_no_secret(caught.value.message)


@pytest.mark.parametrize("make_client, method_words, third_cause", [
    (token_client, "authenticated by token", "Allow OAuth Access Tokens to be used as standalone Bearer tokens"),
    (login_client, "authenticated by username+password", "strips the Authorization header"),
])
def test_401_lists_the_three_causes_and_the_auth_method(transport, make_client, method_words, third_cause):
    if make_client is login_client:
        transport.answer(200, TOKEN)  # an admin token that Magento later refuses
    transport.answer(401, {"message": "The consumer isn't authorized to access %resources.",
                           "parameters": {"resources": "Magento_InventoryApi::stock_source_link"}})
    with pytest.raises(MagentoApiError) as caught:
        make_client().search(LINKS)
    error = caught.value
    assert error.message.startswith("GET /rest/all/V1/inventory/stock-source-links answered 401: "
                                    "The consumer isn't authorized to access "
                                    "Magento_InventoryApi::stock_source_link.")
    assert method_words in error.message
    assert "expired" in error.message
    assert "lacks the ACL resource Magento_InventoryApi::stock_source_link" in error.message
    assert "1) " in error.message and "2) " in error.message and "3) " + "" in error.message
    assert third_cause in error.message
    assert error.template == "The consumer isn't authorized to access %resources."
    assert_no_secret(error.message + repr(error) + str(error.args))


# --- error rendering -------------------------------------------------------------------------------

def test_validation_errors_render_as_documented(transport):
    transport.answer(400, {"message": "Validation Failed", "errors": [
        {"message": '"%field" should be greater then 0.', "parameters": {"field": "priority"}},
        {"message": '"%field" should be greater then 0.', "parameters": {"field": "priority"}}]})
    with pytest.raises(MagentoApiError) as caught:
        token_client().post(LINKS + "?ignored=1", {"links": [{"priority": 0}]})
    error = caught.value
    assert str(error) == error.message == ('POST /rest/all/V1/inventory/stock-source-links answered 400: '
                                           'Validation Failed: "priority" should be greater then 0.')
    assert error.errors == ['"priority" should be greater then 0.'] * 2
    assert (error.method, error.path, error.status) == ("POST", "/rest/all/V1/inventory/stock-source-links", 400)
    assert error.parameters is None


def test_positional_parameters_are_rendered(transport):
    transport.answer(400, {"message": "The sort order has to be specified as %1 for ascending order or %2 "
                                      "for descending order.", "parameters": ["ASC", "DESC"]})
    with pytest.raises(MagentoApiError) as caught:
        token_client().get("inventory/sources")
    assert caught.value.message.endswith("specified as ASC for ascending order or DESC for descending order.")
    assert caught.value.parameters == ["ASC", "DESC"]


def test_html_error_page_gives_a_short_clean_message_without_echoed_secrets(transport, sleeps):
    page = ("<html><head><title>502 Bad Gateway</title></head><body>upstream said Authorization: Bearer %s"
            "</body></html>" % TOKEN).encode()
    for dummy in range(4):
        transport.answer(502, raw=page, headers={"Content-Type": "text/html"})
    with pytest.raises(MagentoApiError) as caught:
        token_client().get("inventory/stocks")
    message = caught.value.message
    assert message.startswith("GET /rest/all/V1/inventory/stocks answered 502")
    assert "non-JSON body (text/html)" in message
    assert "<" not in message and len(message) < 200
    assert caught.value.status == 502


def test_secrets_echoed_in_an_error_body_are_redacted(transport):
    transport.answer(200, "admin-jwt-value")
    transport.answer(400, {"message": "Bad header %header for %user", "parameters": {
        "header": "Bearer admin-jwt-value", "user": PASSWORD}, "errors": [{"message": PASSWORD}]})
    with pytest.raises(MagentoApiError) as caught:
        login_client().get("inventory/stocks")
    error = caught.value
    assert error.message.endswith("Bad header Bearer ******** for ********: ********")
    assert "admin-jwt-value" not in error.message and PASSWORD not in error.message + "".join(error.errors)


def test_tls_failure_is_not_retried_and_named(transport, sleeps):
    for dummy in range(4):
        transport.plain_text_to_tls()
    client = token_client(url="https://shop.test")
    with pytest.raises(MagentoApiError) as caught:
        client.get("inventory/stocks")
    assert "TLS handshake failed talking to shop.test" in caught.value.message
    assert transport.connection_attempts == 1 and client.requests_sent == 0 and sleeps == []


def test_redirect_is_reported_not_followed(transport):
    transport.answer(301, {}, headers={"Location": "https://shop.test/rest/all/V1/inventory/stocks"})
    with pytest.raises(MagentoApiError) as caught:
        token_client().get("inventory/stocks")
    assert "redirect to https://shop.test/rest/all/V1/inventory/stocks" in caught.value.message
    assert len(transport.requests) == 1


def test_non_json_success_body_is_an_error(transport):
    transport.answer(200, raw=b"<html>storefront</html>", headers={"Content-Type": "text/html"})
    with pytest.raises(MagentoApiError) as caught:
        token_client().get("inventory/stocks")
    assert "answered 200 with a non-JSON body (text/html)" in caught.value.message


# --- retries ---------------------------------------------------------------------------------------

def test_503_without_retry_after_backs_off_and_retries(transport, sleeps):
    transport.answer(503, {"message": "busy"}).answer(503, {"message": "busy"}).answer(200, [])
    client = token_client()
    assert client.get("inventory/stocks") == []
    assert len(transport.requests) == 3 and client.requests_sent == 3
    # urllib3 retries the first failure at once, then backs off: 0.5 * 2 ** 1 plus up to 0.5 s of jitter.
    assert len(sleeps) == 1 and 1.0 <= sleeps[0] < 1.5


@pytest.mark.parametrize("retry_after, expected_sleep", [("7", 7), ("600", MAX_RETRY_AFTER)])
def test_429_honours_retry_after_up_to_the_cap(transport, sleeps, retry_after, expected_sleep):
    transport.answer(429, {"message": "Too Many Requests"}, headers={"Retry-After": retry_after})
    transport.answer(200, [])
    client = token_client()
    assert client.post(LINKS, {"links": [{"stock_id": 10}]}) == []
    assert sleeps == [expected_sleep]
    assert [r.method for r in transport.requests] == ["POST", "POST"] and client.requests_sent == 2


def test_retry_after_as_an_http_date_is_honoured(transport, sleeps):
    moment = email.utils.formatdate(time.time() + 12, usegmt=True)
    transport.answer(503, {"message": "busy"}, headers={"Retry-After": moment}).answer(200, [])
    assert token_client().get("inventory/stocks") == []
    assert len(sleeps) == 1 and 9 <= sleeps[0] <= 12


def test_unreadable_retry_after_falls_back_to_backoff(transport, sleeps):
    for dummy in range(2):
        transport.answer(503, {"message": "busy"}, headers={"Retry-After": "soon"})
    transport.answer(200, [])
    client = token_client()
    assert client.get("inventory/stocks") == []
    assert client.requests_sent == 3 and client.requests_retried == 2
    assert len(sleeps) == 1 and 1.0 <= sleeps[0] < 1.5


def test_retry_after_on_a_status_outside_the_retried_ones_is_not_followed(transport, sleeps):
    transport.answer(413, {"message": "Request Entity Too Large"}, headers={"Retry-After": "3"}).answer(200, [])
    client = token_client()
    with pytest.raises(MagentoApiError) as caught:
        client.post(LINKS, {"links": [{"stock_id": 10}]})
    assert caught.value.status == 413 and client.requests_sent == 1 and sleeps == []


def test_retries_stop_after_the_configured_count(transport, sleeps):
    for dummy in range(5):
        transport.answer(503, {"message": "Service Unavailable"})
    client = token_client(retries=2)
    with pytest.raises(MagentoApiError) as caught:
        client.put("inventory/sources/eu-1", {"source": {}})
    assert caught.value.status == 503 and caught.value.message.endswith("answered 503: Service Unavailable (retried 2 times)")
    assert len(transport.requests) == 3 and client.requests_sent == 3 and len(sleeps) == 1


@pytest.mark.parametrize("status", [400, 404, 500])
def test_client_and_plain_server_errors_are_not_retried(transport, sleeps, status):
    transport.answer(status, {"message": "no"}).answer(200, [])
    client = token_client()
    with pytest.raises(MagentoApiError):
        client.delete("inventory/stocks/10")
    assert len(transport.requests) == 1 and client.requests_sent == 1 and sleeps == []


def test_refused_connections_are_retried_then_reported_cleanly(transport, sleeps):
    for dummy in range(4):
        transport.refuse()
    client = token_client(url="http://shop.test:8443")
    with pytest.raises(MagentoApiError) as caught:
        client.get("inventory/stocks")
    error = caught.value
    assert error.status is None and error.path == "/rest/all/V1/inventory/stocks"
    assert error.message == ("GET /rest/all/V1/inventory/stocks failed: connection refused talking to "
                             "shop.test:8443 (retried 3 times)")
    assert transport.connection_attempts == 4
    assert len(sleeps) == 2 and 1.0 <= sleeps[0] < 1.5 and 2.0 <= sleeps[1] < 2.5
    assert client.requests_sent == 0  # nothing reached a server
    assert_no_secret(error.message)


def test_dropped_connection_is_retried_and_counted(transport, sleeps):
    transport.drop().answer(200, [])
    client = token_client()
    assert client.post(LINKS, {"links": [{"stock_id": 10}]}) == []
    assert len(transport.requests) == 2 and client.requests_sent == 2


def test_dropped_connections_until_give_up_are_named(transport, sleeps):
    for dummy in range(2):
        transport.drop()
    client = token_client(retries=1)
    with pytest.raises(MagentoApiError) as caught:
        client.get("inventory/stocks")
    assert "connection closed without an answer talking to shop.test (retried 1 times)" in caught.value.message
    assert client.requests_sent == 2


def test_requests_sent_counts_every_attempt_across_calls(transport, sleeps):
    transport.answer(503, {"message": "busy"}).answer(200, "admin-jwt")   # token fetch, retried once
    transport.answer(200, {"items": [{"a": 1}], "total_count": 1})          # search, one page
    transport.answer(404, {"message": "gone"})                              # not retried
    transport.drop().answer(200, [])                                        # write, retried once
    client = login_client()
    assert client.requests_sent == 0
    client.search("inventory/sources")
    with pytest.raises(MagentoApiError):
        client.get("inventory/sources/x")
    client.post("inventory/sources", {"source": {}})
    assert client.requests_sent == len(transport.requests) == 6


# --- search ----------------------------------------------------------------------------------------

def page(items, total):
    return {"items": items, "search_criteria": {}, "total_count": total}


def query_value(request, key):
    return [value for name, value in request.query if name == key]


def test_search_paginates_by_total_count_and_never_reads_past_it(transport):
    rows = [{"source_code": "s%d" % n} for n in range(5)]
    transport.answer(200, page(rows[0:2], 5)).answer(200, page(rows[2:4], 5)).answer(200, page(rows[4:], 5))
    transport.answer(200, page(rows[4:], 5))  # Magento repeats the last page; reading it would duplicate
    items = token_client().search("inventory/sources", page_size=2, sort_orders=[("source_code", "ASC")])
    assert items == rows
    assert [query_value(r, "searchCriteria[current_page]") for r in transport.requests] == [["1"], ["2"], ["3"]]
    assert all(query_value(r, "searchCriteria[page_size]") == ["2"] for r in transport.requests)
    assert query_value(transport.requests[0], "searchCriteria[sort_orders][0][field]") == ["source_code"]
    assert query_value(transport.requests[0], "searchCriteria[sort_orders][0][direction]") == ["ASC"]


def test_search_with_exact_multiple_of_page_size_stops_on_time(transport):
    transport.answer(200, page([{"n": 1}, {"n": 2}], 2)).answer(200, page([{"n": 1}, {"n": 2}], 2))
    assert len(token_client().search(LINKS, page_size=2)) == 2
    assert len(transport.requests) == 1


def test_search_encodes_filter_groups_as_bracketed_keys(transport):
    transport.answer(200, page([], 0))
    token_client().search(LINKS, filter_groups=[[("stock_id", 10, "eq")],
                                                [("source_code", ["eu-1", "eu-2"], "in"), ("priority", 1)]])
    assert transport.requests[0].query == [
        ("searchCriteria[filter_groups][0][filters][0][field]", "stock_id"),
        ("searchCriteria[filter_groups][0][filters][0][value]", "10"),
        ("searchCriteria[filter_groups][0][filters][0][condition_type]", "eq"),
        ("searchCriteria[filter_groups][1][filters][0][field]", "source_code"),
        ("searchCriteria[filter_groups][1][filters][0][value]", "eu-1,eu-2"),
        ("searchCriteria[filter_groups][1][filters][0][condition_type]", "in"),
        ("searchCriteria[filter_groups][1][filters][1][field]", "priority"),
        ("searchCriteria[filter_groups][1][filters][1][value]", "1"),
        ("searchCriteria[filter_groups][1][filters][1][condition_type]", "eq"),
        ("searchCriteria[page_size]", "300"),
        ("searchCriteria[current_page]", "1"),
    ]


def test_search_over_8kb_reads_unfiltered_and_filters_locally(transport):
    wanted = ["source-with-a-long-code-%04d" % n for n in range(400)]
    rows = [{"stock_id": 10, "source_code": wanted[0]}, {"stock_id": 20, "source_code": wanted[1]},
            {"stock_id": 10, "source_code": "other"}, {"stock_id": 10, "source_code": wanted[399]}]
    transport.answer(200, page(rows, 4))
    items = token_client().search(LINKS, filter_groups=[[("source_code", wanted, "in")], [("stock_id", "10")]])
    assert items == [rows[0], rows[3]]
    sent = transport.requests[0]
    assert not any(name.startswith("searchCriteria[filter_groups]") for name, dummy in sent.query)
    assert query_value(sent, "searchCriteria[page_size]") == ["300"]


def test_in_value_with_a_comma_gets_an_eq_filter_of_its_own_in_the_same_group(transport):
    rows = [{"name": "a,b"}, {"name": "c"}]
    transport.answer(200, page(rows, 2))
    assert token_client().search("inventory/stocks", filter_groups=[[("name", ["c", "a,b"], "in")]]) == rows
    key = "searchCriteria[filter_groups][0][filters][%d][%s]"
    query = dict(transport.requests[0].query)
    assert [query[key % (0, "value")], query[key % (0, "condition_type")]] == ["c", "in"]
    assert [query[key % (1, "value")], query[key % (1, "condition_type")]] == ["a,b", "eq"]


def test_search_over_8kb_with_an_unsupported_condition_fails_before_sending(transport):
    with pytest.raises(ValueError) as caught:
        token_client().search(LINKS, filter_groups=[[("source_code", "x" * 9000, "like")]])
    assert "like" in str(caught.value)
    assert transport.requests == []
