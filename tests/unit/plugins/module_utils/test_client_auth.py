# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""OAuth 1.0a signing, auth-method settings, TLS options and the plain-http warning."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils.client import (
    MagentoApiError,
    MagentoClient,
    MagentoSettingsError,
)

signature = pytest.importorskip("oauthlib.oauth1.rfc5849.signature")
oauth_common = pytest.importorskip("oauthlib.common")

OAUTH = dict(consumer_key="ck-visible-1", consumer_secret="cs-very-secret", access_token="at-visible-2",
             access_token_secret="ats-very-secret")
SECRETS = list(OAUTH.values())


def oauth_client(**kwargs):
    settings = dict(url="http://shop.test", **OAUTH)
    settings.update(kwargs)
    return MagentoClient(**settings)


def header_params(seen):
    return dict(signature.utils.parse_authorization_header(seen.headers["authorization"]))


class Secrets(object):
    client_secret = OAUTH["consumer_secret"]
    resource_owner_secret = OAUTH["access_token_secret"]


def is_validly_signed(seen):
    """Recompute the HMAC-SHA256 over what arrived: method, Host and path, query and oauth_* values."""
    protocol = header_params(seen)
    params = [(name, value) for name, value in protocol.items() if name not in ("oauth_signature", "realm")]
    params += list(seen.query)
    base = signature.signature_base_string(
        seen.method, signature.base_string_uri("http://%s%s" % (seen.headers["host"], seen.path)),
        signature.normalize_parameters(params))
    expected = signature.sign_hmac_sha256_with_client(base, Secrets())
    return signature.utils.unescape(protocol["oauth_signature"]) == expected


def test_every_request_is_signed_with_hmac_sha256(transport):
    transport.answer(200, {"items": [], "total_count": 0}).answer(200, [])
    client = oauth_client()
    client.search("inventory/stocks", [[("name", "UK Stock", "eq")]])
    client.post("inventory/stock-source-links", {"links": [{"stock_id": 2}]})
    assert client.auth_method == "oauth"
    for seen in transport.requests:
        params = header_params(seen)
        assert params["oauth_signature_method"] == "HMAC-SHA256"
        assert params["oauth_consumer_key"] == OAUTH["consumer_key"]
        assert params["oauth_token"] == OAUTH["access_token"]
        assert is_validly_signed(seen)
    assert "oauth_body_hash" not in header_params(transport.requests[1])


def test_query_spaces_are_sent_as_percent_20_for_magentos_rawurldecode(transport):
    transport.answer(200, {"items": [], "total_count": 0})
    oauth_client().search("inventory/stocks", [[("name", "UK Stock", "eq")]])
    assert ("searchCriteria[filter_groups][0][filters][0][value]", "UK Stock") in transport.requests[0].query


def test_each_retry_is_signed_again_with_a_new_nonce(transport, sleeps):
    transport.answer(503, {"message": "busy"}).drop().answer(200, [])
    client = oauth_client()
    assert client.get("inventory/stocks/1") == []
    nonces = [header_params(seen)["oauth_nonce"] for seen in transport.requests]
    assert len(nonces) == 3 and len(set(nonces)) == 3
    assert all(is_validly_signed(seen) for seen in transport.requests)
    assert client.requests_retried == 2


def test_signature_401_names_oauth_and_its_causes_without_secrets(transport):
    transport.answer(401, {"message": "The signature is invalid. Verify and try again."})
    with pytest.raises(MagentoApiError) as caught:
        oauth_client().get("inventory/stocks/1")
    message = caught.value.message
    assert "answered 401: The signature is invalid" in message and "(authenticated by oauth)" in message
    assert "reauthorized" in message and "lacks the ACL resource" in message and "another URL than url" in message
    for secret in SECRETS:
        assert secret not in message


def test_oauth_values_echoed_in_an_error_are_redacted(transport):
    echoed = "Authorization: OAuth oauth_consumer_key=%s oauth_token=%s %s %s" % tuple(SECRETS)
    transport.answer(400, {"message": "Bad %request", "parameters": {"request": echoed}})
    with pytest.raises(MagentoApiError) as caught:
        oauth_client().get("inventory/stocks/1")
    error = caught.value
    for secret in SECRETS:
        assert secret not in error.message and secret not in repr(error.parameters)


@pytest.mark.parametrize("settings, words", [
    (dict(OAUTH, token="tok"), "Got token and consumer_key/consumer_secret/access_token/access_token_secret"),
    (dict(OAUTH, username="admin", password="pw"), "Got username/password and consumer_key/"),
    (dict(consumer_key="ck", consumer_secret="cs"), "missing access_token, access_token_secret"),
])
def test_oauth_settings_are_checked(settings, words):
    with pytest.raises(MagentoSettingsError) as caught:
        MagentoClient(url="https://shop.test", **settings)
    assert words in str(caught.value)
    assert "cs-very-secret" not in str(caught.value)


@pytest.mark.parametrize("url, warned", [
    ("http://shop.example.com", True),
    ("http://10.1.2.3:8080", True),
    ("https://shop.example.com", False),
    ("http://127.0.0.1:8080", False),
    ("http://localhost", False),
    ("http://[::1]:80", False),
])
def test_plain_http_to_a_remote_host_warns_once(url, warned):
    seen = []
    client = MagentoClient(url=url, token="tok-secret", warn=seen.append)
    assert bool(seen) is warned and client.warnings == seen
    if warned:
        assert "plain http://" in seen[0] and "token" in seen[0] and "tok-secret" not in seen[0]


def test_missing_tls_files_are_named(tmp_path):
    with pytest.raises(MagentoSettingsError) as caught:
        MagentoClient(url="https://shop.test", token="t", client_cert=str(tmp_path / "missing.pem"))
    assert "client_cert" in str(caught.value) and "does not exist" in str(caught.value)
    with pytest.raises(MagentoSettingsError):
        MagentoClient(url="https://shop.test", token="t", client_key=str(tmp_path / "key.pem"))


class RecordingSession(object):
    """Stands in for requests.Session to see the TLS settings each send gets."""

    def __init__(self):
        import requests
        self.real = requests.Session()
        self.sent = []

    def mount(self, prefix, adapter):
        self.real.mount(prefix, adapter)

    def prepare_request(self, request):
        return self.real.prepare_request(request)

    def merge_environment_settings(self, url, proxies, stream, verify, cert):
        return {"proxies": {}, "stream": stream, "verify": verify, "cert": cert}

    def send(self, prepared, **kwargs):
        import requests
        self.sent.append(kwargs)
        response = requests.Response()
        response.status_code, response._content = 200, b"[]"
        return response


def test_client_certificate_key_and_ca_path_reach_every_request(tmp_path):
    for name in ("ca.pem", "cert.pem", "key.pem"):
        (tmp_path / name).write_text("x")
    session = RecordingSession()
    client = MagentoClient(url="https://shop.test", token="t", ca_path=str(tmp_path / "ca.pem"),
                           client_cert=str(tmp_path / "cert.pem"), client_key=str(tmp_path / "key.pem"),
                           session=session)
    client.get("inventory/stocks/1")
    assert session.sent[0]["verify"] == str(tmp_path / "ca.pem")
    assert session.sent[0]["cert"] == (str(tmp_path / "cert.pem"), str(tmp_path / "key.pem"))
    MagentoClient(url="https://shop.test", token="t", validate_certs=False, ca_path=str(tmp_path / "ca.pem"),
                  session=session).get("x")
    assert session.sent[1]["verify"] is False and session.sent[1]["cert"] is None
