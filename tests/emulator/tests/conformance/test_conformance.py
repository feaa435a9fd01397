# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Magento's own API-functional tests, request by request, against the emulator (see conformance_support)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

import cases_bulk
import cases_source_items
import cases_sources
import cases_admin_token
import cases_sales
import cases_stocks_links
import cases_two_factor
from conformance_support import ADMIN_PASSWORD, fixture_path, run
from conftest import Client
from magento_msi_emulator import EmulatorServer

CASES = (cases_source_items.CASES + cases_sources.CASES + cases_stocks_links.CASES + cases_sales.CASES
         + cases_admin_token.CASES + cases_two_factor.CASES + cases_bulk.CASES)


@pytest.fixture(scope='module')
def magento(tmp_path_factory):
    users = {'admin': 'emulator-admin-1', 'customRoleUser': ADMIN_PASSWORD, 'webapi_user': ADMIN_PASSWORD}
    with EmulatorServer(fixture='default', admin_users=users) as emu:
        yield Client(emu), str(tmp_path_factory.mktemp('conformance'))


def test_conformance_cases_are_many_and_named_once():
    assert len(CASES) >= 40
    assert len(set(case.name for case in CASES)) == len(CASES)
    assert all(case.calls for case in CASES)


@pytest.mark.parametrize('case', CASES, ids=[case.name for case in CASES])
def test_conformance(magento, case):
    client, directory = magento
    run(client, case, fixture_path(case.files, directory))
