# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure planning for msi_source_item: desired items + current items -> plan. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import math

from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import (
    key,
    respelling_warning,
    source_code_problem,
)
from ansible_collections.commerceops.magento.plugins.module_utils.plan import Plan

STATUS_IN_STOCK = 1
STATUS_OUT_OF_STOCK = 0
STATUS_NAMES = {STATUS_IN_STOCK: "in_stock", STATUS_OUT_OF_STOCK: "out_of_stock"}
_STATUS_ALIASES = {
    "in_stock": STATUS_IN_STOCK,
    "out_of_stock": STATUS_OUT_OF_STOCK,
    "1": STATUS_IN_STOCK,
    "0": STATUS_OUT_OF_STOCK,
}

# Magento stores quantity as decimal(12,4): anything finer is lost on save and would
# otherwise make every run look changed.
QUANTITY_DECIMALS = 4


def item_key(sku, source_code):
    """Identity of a source item as Magento's unique key compares it: case and trailing spaces ignored."""
    return (key(sku), key(source_code))


def normalize_status(value):
    """Map in_stock/out_of_stock/1/0 to Magento's int status; None stays None.

    Raises ValueError for anything else, booleans included: YAML yes/no would otherwise
    silently become a status.
    """
    if value is None:
        return None
    alias = None if isinstance(value, bool) else str(value).strip().lower()
    if alias not in _STATUS_ALIASES:
        raise ValueError("status must be in_stock, out_of_stock, 1 or 0, got %r" % (value,))
    return _STATUS_ALIASES[alias]


def normalize_quantity(value):
    """Quantity as a float rounded like Magento stores it; None stays None; ValueError otherwise."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("quantity must be a number, got %r" % (value,))
    try:
        quantity = float(value)
    except (TypeError, ValueError):
        raise ValueError("quantity must be a number, got %r" % (value,))
    if math.isnan(quantity) or math.isinf(quantity):
        raise ValueError("quantity must be a finite number, got %r" % (value,))
    return round(quantity, QUANTITY_DECIMALS)


def _describe(sku, source_code):
    return "sku %r at source %r" % (sku, source_code)


def _normalize_entry(index, raw, state, problems):
    """One user item as a dict of sku, source_code, quantity, status; None (and a problem) if bad."""
    where = "items[%d]" % index
    if not isinstance(raw, dict):
        problems.append("%s is not a dictionary" % where)
        return None
    sku, source_code = raw.get("sku"), raw.get("source_code")
    if not isinstance(sku, str) or not sku.strip():
        problems.append("%s needs a non-empty sku" % where)
        return None
    code_problem = source_code_problem(source_code)
    if code_problem:
        problems.append("%s (sku %r): %s" % (where, sku, code_problem))
        return None
    where = "%s (%s)" % (where, _describe(sku, source_code))
    if state != "absent" and sku != sku.strip():
        # Magento 2.4.7 and later refuse to save such a SKU (its source-item SKU validator).
        problems.append("%s: sku has leading or trailing spaces, which Magento refuses" % where)
        return None
    if state == "absent":
        return {"sku": sku, "source_code": source_code, "quantity": None, "status": None}
    try:
        quantity = normalize_quantity(raw.get("quantity"))
        status = normalize_status(raw.get("status"))
    except ValueError as error:
        problems.append("%s: %s" % (where, error))
        return None
    if quantity is None:
        problems.append("%s needs a quantity with state=present" % where)
        return None
    return {"sku": sku, "source_code": source_code, "quantity": quantity, "status": status}


def normalize_desired(items, state):
    """Validate the user's items and drop exact repeats, keeping the order given.

    Returns dicts with sku, source_code, quantity (float, None when state=absent) and status
    (int, or None when not given). Raises InvalidInput naming every bad item, including
    a (sku, source_code) pair given twice with different values.
    """
    problems = []
    entries = []
    seen = {}
    conflicts = set()
    for index, raw in enumerate(items or []):
        entry = _normalize_entry(index, raw, state, problems)
        if entry is None:
            continue
        key = item_key(entry["sku"], entry["source_code"])
        if key in seen:
            previous = seen[key]
            if (previous["quantity"], previous["status"]) != (entry["quantity"], entry["status"]):
                conflicts.add(_describe(previous["sku"], previous["source_code"]))
            continue
        seen[key] = entry
        entries.append(entry)
    if conflicts:
        problems.append("listed more than once with different values: %s" % ", ".join(sorted(conflicts)))
    if problems:
        raise InvalidInput(problems)
    return entries


def normalize_current(item):
    """A source item as Magento returned it, reduced to the four interface fields."""
    return {
        "sku": item["sku"],
        "source_code": item["source_code"],
        "quantity": normalize_quantity(item.get("quantity", 0)),
        "status": int(item.get("status", STATUS_OUT_OF_STOCK)),
    }


def respell_sources(desired, stored):
    """The items with source codes in Magento's spelling ({key: spelling}) and a warning per change.

    Raises InvalidInput naming the source codes Magento has no source for.
    """
    unknown = sorted(set(item["source_code"] for item in desired if key(item["source_code"]) not in stored))
    if unknown:
        raise InvalidInput("unknown source codes: %s; create them first with commerceops.magento.msi_source"
                           % ", ".join(unknown), unknown_source_codes=unknown)
    respelled, warnings = [], set()
    for item in desired:
        spelling = stored[key(item["source_code"])]
        if spelling != item["source_code"]:
            warnings.add(respelling_warning("source_code", item["source_code"], spelling))
            item = dict(item, source_code=spelling)
        respelled.append(item)
    return respelled, sorted(warnings)


def _default_status(quantity):
    return STATUS_IN_STOCK if quantity > 0 else STATUS_OUT_OF_STOCK


def plan_source_items(state, desired, current, warnings=()):
    """Compare normalized desired items with the current ones.

    ``current`` may hold items nobody asked about (the read filters skus and sources
    separately); they are ignored. Returns ``added``/``updated`` (full items to save; an
    update also carries previous_quantity/previous_status) and ``removed`` (items to delete, as
    they were) in its summary; ``before``/``after`` are the asked-about items that exist before and after.
    """
    current_by_key = {}
    for item in current:
        normalized = normalize_current(item)
        current_by_key[item_key(normalized["sku"], normalized["source_code"])] = normalized

    plan = {"added": [], "updated": [], "removed": [], "before": [], "after": []}
    warnings = set(warnings)
    for wanted in desired:
        existing = current_by_key.get(item_key(wanted["sku"], wanted["source_code"]))
        if existing is not None:
            plan["before"].append(existing)
            if existing["sku"] != wanted["sku"]:
                warnings.add(respelling_warning("sku", wanted["sku"], existing["sku"]))
        if state == "absent":
            if existing is not None:
                plan["removed"].append(existing)
            continue
        if existing is None:
            status = wanted["status"]
            if status is None:
                status = _default_status(wanted["quantity"])
            target = dict(wanted, status=status)
            plan["added"].append(target)
        else:
            status = existing["status"] if wanted["status"] is None else wanted["status"]
            # Magento's spelling is kept: the upsert updates that row, and a delete under it removes that row.
            target = dict(existing, quantity=wanted["quantity"], status=status)
            if target != existing:
                plan["updated"].append(dict(target, previous_quantity=existing["quantity"],
                                            previous_status=existing["status"]))
        plan["after"].append(target)

    for name in plan:
        plan[name] = sort_items(plan[name])
    before, after = plan.pop("before"), plan.pop("after")
    changed = bool(plan["added"] or plan["updated"] or plan["removed"])
    return Plan(plan, changed, before, after, diff_text, "source items", warnings=sorted(warnings))


def sort_items(items):
    return sorted(items, key=lambda item: (item["source_code"], item["sku"]))


def clean_item(item):
    """Only the interface fields Magento accepts on save, with its JSON types."""
    return {"sku": str(item["sku"]), "source_code": str(item["source_code"]),
            "quantity": float(item["quantity"]), "status": int(item["status"])}


def writes(plan):
    """(saves, deletes) of a plan: full items to save, sku and source_code to delete."""
    saves = [clean_item(item) for item in sort_items(plan.summary["added"] + plan.summary["updated"])]
    deletes = [{"sku": item["sku"], "source_code": item["source_code"]} for item in plan.summary["removed"]]
    return saves, deletes


def _format_quantity(quantity):
    if float(quantity).is_integer():
        return "%d" % quantity
    return ("%.4f" % quantity).rstrip("0")


def describe_item(item):
    return "%s @ %s: quantity %s, %s" % (
        item["sku"], item["source_code"], _format_quantity(item["quantity"]),
        STATUS_NAMES.get(item["status"], item["status"]))


def diff_text(items):
    """One line per item, sorted by source then sku; '' when there are none."""
    return "".join(describe_item(item) + "\n" for item in sort_items(items))
