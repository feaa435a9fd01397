# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets echoed back in an error are hidden in every form the echo shows them in."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from urllib.parse import quote

import pytest

from ansible_collections.commerceops.magento.plugins.module_utils.client import (
    MagentoApiError,
    MagentoClient,
    secret_forms,
)

PASSWORD = u'pw"\u00e9\\x+/1'
OAUTH = dict(consumer_key="ck+key/1", consumer_secret="cs-secret", access_token="at+tok/3",
             access_token_secret="ats-secret")


def test_secret_forms_cover_json_and_url_encoding():
    forms = secret_forms(PASSWORD)
    assert PASSWORD in forms
    assert 'pw\\"\\u00e9\\\\x+/1' in forms  # json.dumps, as Python and requests write a body
    assert 'pw\\"\\u00e9\\\\x+\\/1' in forms  # PHP's json_encode escapes the slash too
    assert quote(PASSWORD, safe="") in forms


def test_a_password_echoed_in_a_json_body_is_hidden(transport):
    echoed_body = json.dumps({"username": "admin", "password": PASSWORD})
    transport.answer(401, {"message": "Wrong sign-in. Request was: %request", "parameters": {"request": echoed_body}})
    with pytest.raises(MagentoApiError) as caught:
        MagentoClient(url="http://shop.test", username="admin", password=PASSWORD).get("inventory/stocks")
    message = caught.value.message
    assert "pw" not in message.replace("password", "")
    assert '"password": "********"' in message


def test_oauth_values_echoed_percent_encoded_are_hidden(transport):
    pytest.importorskip("oauthlib")
    echoed = 'OAuth oauth_consumer_key="ck%2Bkey%2F1", oauth_token="at%2Btok%2F3"'
    transport.answer(400, {"message": "Bad %request", "parameters": {"request": echoed}})
    with pytest.raises(MagentoApiError) as caught:
        MagentoClient(url="http://shop.test", **OAUTH).get("inventory/stocks")
    error = caught.value
    assert 'oauth_consumer_key="********", oauth_token="********"' in error.message
    assert "%2F" not in error.message + repr(error.parameters)
