# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r"""
attributes:
  action_group:
    support: full
    description:
      - Takes its connection options from C(module_defaults) of the group, so a play or role sets them once
        for every module of the collection.
    membership:
      - commerceops.magento.magento
options:
  url:
    description:
      - Base URL of the Magento shop, for example V(https://shop.example.com). The module adds
        C(/rest/<store_code>/V1/...) itself.
      - If not set, the environment variable E(MAGENTO_URL) is used.
      - Required for every state that talks to Magento; states that work offline do not need it.
    type: str
  store_code:
    description:
      - Store view code placed in the REST path, C(/rest/<store_code>/V1/...).
      - V(all) addresses the admin scope. Multi-Source Inventory data is global, so the store code rarely
        matters.
      - If not set, the environment variable E(MAGENTO_STORE_CODE) is used.
    type: str
    default: all
  token:
    description:
      - Bearer token sent in the C(Authorization) header, either an admin token or an integration access token.
      - Integration access tokens work as bearer tokens only while Magento's setting
        C(Stores > Configuration > Services > OAuth > Consumer Settings > Allow OAuth Access Tokens to be used
        as standalone Bearer tokens) is on.
      - Give exactly one way to authenticate, O(token), or O(username) and O(password), or the four OAuth values
        O(consumer_key), O(consumer_secret), O(access_token) and O(access_token_secret). Values from environment
        variables count as given, so a token in E(MAGENTO_TOKEN) together with O(username) and O(password) in the
        task is an error that names where each value came from; remove one of them or unset the variable.
      - If not set, the environment variable E(MAGENTO_TOKEN) is used.
    type: str
  username:
    description:
      - Magento admin user name. With O(password), the module fetches one admin token per run from
        C(POST /rest/<store_code>/V1/integration/admin/token).
      - This does not work while Magento's two-factor authentication (Magento_TwoFactorAuth) is enabled, the
        default since Magento 2.4; the module then fails at once with an explanation. Use an integration's OAuth
        values (O(consumer_key) and the others) or a token obtained through the 2FA endpoint in O(token).
      - If not set, the environment variable E(MAGENTO_USERNAME) is used.
    type: str
  password:
    description:
      - Password of O(username).
      - If not set, the environment variable E(MAGENTO_PASSWORD) is used.
    type: str
  consumer_key:
    description:
      - Consumer key of an active Magento integration (System > Extensions > Integrations). With
        O(consumer_secret), O(access_token) and O(access_token_secret), every request is signed with
        OAuth 1.0a (HMAC-SHA256), which works whatever the bearer-token setting is and is not subject to 2FA.
      - The four OAuth values are given together, instead of O(token) or O(username) and O(password).
      - Needs the Python library C(oauthlib) on the host that runs the module.
      - If not set, the environment variable E(MAGENTO_CONSUMER_KEY) is used.
    type: str
  consumer_secret:
    description:
      - Consumer secret of the integration, see O(consumer_key).
      - If not set, the environment variable E(MAGENTO_CONSUMER_SECRET) is used.
    type: str
  access_token:
    description:
      - Access token of the integration, see O(consumer_key).
      - If not set, the environment variable E(MAGENTO_ACCESS_TOKEN) is used.
    type: str
  access_token_secret:
    description:
      - Access token secret of the integration, see O(consumer_key).
      - If not set, the environment variable E(MAGENTO_ACCESS_TOKEN_SECRET) is used.
    type: str
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(url).
      - Set to V(false) only for test shops with self-signed certificates; prefer O(ca_path).
      - If not set, the environment variable E(MAGENTO_VALIDATE_CERTS) is used.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a PEM file with the CA certificates used to verify O(url), on the host that runs the module.
      - Used only when O(validate_certs=true).
      - If not set, the environment variable E(MAGENTO_CA_PATH) is used.
    type: path
  client_cert:
    description:
      - PEM file with a TLS client certificate, for shops behind a proxy that requires one. It may also hold
        the private key; otherwise give O(client_key).
      - If not set, the environment variable E(MAGENTO_CLIENT_CERT) is used.
    type: path
  client_key:
    description:
      - PEM file with the unencrypted private key of O(client_cert).
      - If not set, the environment variable E(MAGENTO_CLIENT_KEY) is used.
    type: path
  timeout:
    description:
      - Seconds to wait for Magento to accept a connection and to answer each request.
      - If not set, the environment variable E(MAGENTO_TIMEOUT) is used.
    type: int
    default: 30
  retries:
    description:
      - How many times a request is retried after a connection failure or a 429, 502, 503 or 504 answer,
        with jittered exponential backoff, waiting as long as a C(Retry-After) header asks (at most 30 seconds).
      - Other errors are never retried. V(0) disables retries.
      - OAuth requests are signed again for every attempt, because Magento refuses a nonce it has seen.
      - If not set, the environment variable E(MAGENTO_RETRIES) is used.
    type: int
    default: 3
  parallel_reads:
    description:
      - How many pages of one read (links, sources, stocks, source items) are requested at the same time, once
        the first page has told how many there are. Each page is a round trip that Magento answers in a PHP
        worker of its own, so a read of many pages waits for about a quarter as many round trips at V(4).
      - V(1) reads one page after the other. Writes are always sent one after the other, whatever this says.
      - If the records change while they are read, the read is repeated one page at a time.
      - If not set, the environment variable E(MAGENTO_PARALLEL_READS) is used.
    type: int
    default: 4
    version_added: 1.1.0
notes:
  - Environment variables are read on the host that runs the module (the managed host), usually the
    controller when the task uses C(delegate_to) with V(localhost) or a local connection, not on the
    inventory host the task is for.
  - Requests go to Magento's REST API only; the module needs the Python library C(requests) on that host.
  - Credentials sent over plain C(http://) to a host other than the loopback interface raise a warning.
  - When Magento's input limits are on, a batch or page size above Magento's maximum is refused; the module
    then re-sends the rest in Magento's size (a refused request wrote nothing) and warns once, so that
    C(batch_size) or C(page_size) can be set.
requirements:
  - requests >= 2.25.0
  - oauthlib >= 3.1.0 (only for the OAuth options)
"""
