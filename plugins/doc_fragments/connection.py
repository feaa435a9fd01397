# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r"""
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
      - Give either O(token), or O(username) and O(password), never both. Values from environment variables
        count as given, so a token in E(MAGENTO_TOKEN) together with O(username) and O(password) in the task
        is an error that names where each value came from; remove one of them or unset the variable.
      - If not set, the environment variable E(MAGENTO_TOKEN) is used.
    type: str
  username:
    description:
      - Magento admin user name. With O(password), the module fetches one admin token per run from
        C(POST /rest/<store_code>/V1/integration/admin/token).
      - This does not work while Magento's two-factor authentication (Magento_TwoFactorAuth) is enabled;
        use O(token) then.
      - If not set, the environment variable E(MAGENTO_USERNAME) is used.
    type: str
  password:
    description:
      - Password of O(username).
      - If not set, the environment variable E(MAGENTO_PASSWORD) is used.
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
    type: path
  timeout:
    description:
      - Seconds to wait for Magento to accept a connection and to answer each request.
    type: int
    default: 30
  retries:
    description:
      - How many times a request is retried after a connection failure or a 429, 502, 503 or 504 answer,
        with jittered exponential backoff, waiting as long as a C(Retry-After) header asks (at most 30 seconds).
      - Other errors are never retried. V(0) disables retries.
    type: int
    default: 3
notes:
  - Environment variables are read on the host that runs the module (the managed host), usually the
    controller when the task uses C(delegate_to) with V(localhost) or a local connection, not on the
    inventory host the task is for.
  - Requests go to Magento's REST API only; the module needs the Python library C(requests) on that host.
requirements:
  - requests >= 2.25.0
"""
