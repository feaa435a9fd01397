# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""searchCriteria helpers for the client: query keys, and the local filtering used when a URL gets too long."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

LOCAL_CONDITIONS = ("eq", "in")


def _filter_value(value):
    if isinstance(value, (list, tuple)):
        return ",".join(_filter_value(item) for item in value)
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _sendable(field, value, condition):
    """Magento splits an 'in' value on every comma, unescaped: a listed value holding a comma gets an
    'eq' filter of its own in the same group (filters of a group are OR'd), the rest stay one 'in'."""
    if condition != "in" or not isinstance(value, (list, tuple)):
        return [(field, value, condition)]
    plain = [item for item in value if "," not in str(item)]
    with_comma = [item for item in value if "," in str(item)]
    return ([(field, plain, "in")] if plain else []) + [(field, item, "eq") for item in with_comma]


def normalise_filter_groups(filter_groups):
    """[[(field, value[, condition_type]), ...], ...] -> the same with the condition always present."""
    groups = []
    for group in filter_groups or []:
        filters = []
        for entry in group:
            condition = entry[2] if len(entry) > 2 and entry[2] else "eq"
            filters.extend(_sendable(entry[0], entry[1], condition))
        if filters:
            groups.append(filters)
    return groups


def normalise_sort_orders(sort_orders):
    """Accept (field, direction) pairs or {field, direction} dicts."""
    sorts = []
    for entry in sort_orders or []:
        if isinstance(entry, dict):
            sorts.append((entry["field"], entry.get("direction", "ASC")))
        else:
            sorts.append((entry[0], entry[1] if len(entry) > 1 else "ASC"))
    return sorts


def criteria_params(groups, sorts, page_size, current_page):
    """searchCriteria as Magento's bracketed query keys, in a stable order."""
    params = []
    for group_index, group in enumerate(groups):
        for filter_index, (field, value, condition) in enumerate(group):
            key = "searchCriteria[filter_groups][%d][filters][%d]" % (group_index, filter_index)
            params.extend([(key + "[field]", field), (key + "[value]", _filter_value(value)),
                           (key + "[condition_type]", condition)])
    for index, (field, direction) in enumerate(sorts):
        key = "searchCriteria[sort_orders][%d]" % index
        params.extend([(key + "[field]", field), (key + "[direction]", direction)])
    params.extend([("searchCriteria[page_size]", str(page_size)),
                   ("searchCriteria[current_page]", str(current_page))])
    return params


def check_locally_supported(groups):
    for group in groups:
        for field, dummy, condition in group:
            if condition not in LOCAL_CONDITIONS:
                raise ValueError("filter %s %s is too long for a URL and cannot be applied locally "
                                 "(only %s can)" % (field, condition, ", ".join(LOCAL_CONDITIONS)))


def _comparable(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None if value is None else str(value)


def _compile_filter(field, value, condition):
    """One filter as a test on an item; an 'in' list becomes a set once, not once per item."""
    if condition == "in":
        wanted = value if isinstance(value, (list, tuple)) else str(value).split(",")
        wanted = frozenset(_comparable(entry) for entry in wanted)
        return lambda item: _comparable(item.get(field)) in wanted
    expected = _comparable(value)
    return lambda item: _comparable(item.get(field)) == expected


def local_filter(groups):
    """A predicate applying OR within a group and AND across groups, as Magento's FilterProcessor does."""
    compiled = [[_compile_filter(*entry) for entry in group] for group in groups]
    return lambda item: all(any(test(item) for test in group) for group in compiled)
