# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure planning for msi_source_item: desired items + current items -> plan. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import math
import re

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


class SourceItemPlanError(ValueError):
    """The items asked for cannot be applied; ``problems`` names every bad value."""

    def __init__(self, problems):
        self.problems = list(problems)
        super(SourceItemPlanError, self).__init__(
            "Invalid source items, nothing was written: " + "; ".join(self.problems) + ".")


def item_key(sku, source_code):
    """Identity of a source item. Magento compares SKUs case-insensitively (MySQL collation)."""
    return (sku.lower(), source_code)


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
    if not isinstance(source_code, str) or not source_code.strip():
        problems.append("%s needs a non-empty source_code" % where)
        return None
    where = "%s (%s)" % (where, _describe(sku, source_code))
    if re.search(r"\s", source_code):
        problems.append("%s: a source_code never contains whitespace in Magento" % where)
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
    (int, or None when not given). Raises SourceItemPlanError naming every bad item, including
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
        raise SourceItemPlanError(problems)
    return entries


def normalize_current(item):
    """A source item as Magento returned it, reduced to the four interface fields."""
    return {
        "sku": item["sku"],
        "source_code": item["source_code"],
        "quantity": normalize_quantity(item.get("quantity", 0)),
        "status": int(item.get("status", STATUS_OUT_OF_STOCK)),
    }


def unknown_source_codes(desired, known_source_codes):
    return sorted(set(item["source_code"] for item in desired) - set(known_source_codes))


def _default_status(quantity):
    return STATUS_IN_STOCK if quantity > 0 else STATUS_OUT_OF_STOCK


def plan_source_items(state, desired, current):
    """Compare normalized desired items with the current ones.

    ``current`` may hold items nobody asked about (the read filters skus and sources
    separately); they are ignored. Returns ``added``/``updated`` (full items to save; an
    update also carries previous_quantity/previous_status), ``removed`` (items to delete, as
    they were), and ``before``/``after``: the asked-about items that exist before and after.
    """
    current_by_key = {}
    for item in current:
        normalized = normalize_current(item)
        current_by_key[item_key(normalized["sku"], normalized["source_code"])] = normalized

    plan = {"added": [], "updated": [], "removed": [], "before": [], "after": []}
    for wanted in desired:
        existing = current_by_key.get(item_key(wanted["sku"], wanted["source_code"]))
        if existing is not None:
            plan["before"].append(existing)
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
            # Magento's spelling of the SKU is kept so the upsert hits the same row.
            target = dict(existing, quantity=wanted["quantity"], status=status)
            if target != existing:
                plan["updated"].append(dict(target, previous_quantity=existing["quantity"],
                                            previous_status=existing["status"]))
        plan["after"].append(target)

    for name in plan:
        plan[name] = sort_items(plan[name])
    return plan


def plan_changed(plan):
    return bool(plan["added"] or plan["updated"] or plan["removed"])


def sort_items(items):
    return sorted(items, key=lambda item: (item["source_code"], item["sku"]))


def clean_item(item):
    """Only the interface fields Magento accepts on save, with its JSON types."""
    return {"sku": str(item["sku"]), "source_code": str(item["source_code"]),
            "quantity": float(item["quantity"]), "status": int(item["status"])}


def write_groups(plan):
    """(path, list key, items) of the writes; a run either saves or deletes, never both.

    The client splits each group into batches.
    """
    saves = [clean_item(item) for item in sort_items(plan["added"] + plan["updated"])]
    deletes = [{"sku": item["sku"], "source_code": item["source_code"]} for item in plan["removed"]]
    groups = [("inventory/source-items", "sourceItems", saves), ("inventory/source-items-delete", "sourceItems", deletes)]
    return [group for group in groups if group[2]]


def in_filter(field, values):
    """One OR group matching ``field`` against ``values``, safe for Magento's comma-split `in`.

    Magento splits an `in` value on every comma, so a value containing a comma gets its own
    `eq` filter in the same group instead.
    """
    plain = sorted(set(value for value in values if "," not in value))
    with_comma = sorted(set(value for value in values if "," in value))
    group = []
    if plain:
        group.append((field, ",".join(plain), "in"))
    for value in with_comma:
        group.append((field, value, "eq"))
    return group


def read_filter_groups(desired):
    """searchCriteria groups for reading the desired items: sku in (...) AND source_code in (...)."""
    return [in_filter("sku", [item["sku"] for item in desired]),
            in_filter("source_code", [item["source_code"] for item in desired])]


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
