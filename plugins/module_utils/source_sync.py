# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reads and writes for sources: feeds source_plan with Magento's sources, sends its plan."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.commerceops.magento.plugins.module_utils import source_plan
from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import key

SOURCES_PATH = "inventory/sources"


def read_sources(client, codes=None):
    """Magento's sources with the given codes (None: every source).

    Codes match as Magento's keys do, ignoring case, accents and trailing spaces, so a source comes back in
    Magento's spelling. A list filter rather than GET sources/{code}, which Magento urldecodes.
    """
    if codes is None:
        return client.search(SOURCES_PATH)
    wanted = set(key(code) for code in codes)
    if not wanted:
        return []
    found = client.search(SOURCES_PATH, [[("source_code", sorted(set(codes)), "in")]])
    # Magento's filter already ignores case, accents and trailing spaces; this keeps a proxy's extra rows out.
    return [source for source in found if key(source.get("source_code", "")) in wanted]


def read_source(client, source_code):
    found = read_sources(client, [source_code])
    return found[0] if found else None


def plan(client, source_code, desired):
    """Read the source and plan; a new name is checked against every other source before any write."""
    result = source_plan.plan_source(source_code, desired, read_source(client, source_code))
    if "name" in result.summary["changes"]:
        problem = source_plan.name_conflict_problem(source_code, result.after["name"], read_sources(client))
        if problem:
            raise InvalidInput(problem)
    return result


def apply(client, plan):
    """Save the source; returns it read back, with the fields Magento adds on create (carriers, pickup)."""
    client.post(SOURCES_PATH, {"source": plan.body})
    return read_source(client, plan.body["source_code"])


def plan_list(client, entries, unlisted="keep", omitted_fields="keep"):
    """One read of every source, then the plan of the whole list (validated before any write)."""
    return source_plan.plan_sources(entries, read_sources(client), unlisted, omitted_fields)


def apply_list(client, plan):
    """One save per source that changes, in the plan's order; the predicted after stands."""
    for body in plan.body:
        client.post(SOURCES_PATH, {"source": body})
