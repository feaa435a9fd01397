# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure planning for stock-source links: desired + current -> plan. No I/O here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

DEFAULT_STOCK_ID = 1
DEFAULT_SOURCE_CODE = "default"
# The link table stores priority as smallint unsigned.
MAX_PRIORITY = 65535
SAVE_PATH = "inventory/stock-source-links"
DELETE_PATH = "inventory/stock-source-links-delete"

WRITING_STATES = ("merged", "replaced", "overridden", "deleted")
ALL_STATES = WRITING_STATES + ("gathered", "rendered")

_WHOLE_NUMBER = re.compile(r"^\s*-?[0-9]+\s*$")


class LinkPlanError(Exception):
    """The links asked for cannot be applied; ``problems`` names every bad value."""

    def __init__(self, problems):
        self.problems = list(problems)
        super(LinkPlanError, self).__init__(
            "Invalid links, nothing was written: " + "; ".join(self.problems) + ".")


def _whole_number(value):
    """Return value as int when it is an int or a digit string such as Magento's "2", else None.

    Negative numbers pass so that the range checks can name them.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _WHOLE_NUMBER.match(value):
        return int(value)
    return None


def _needs_priority(state):
    return state not in ("deleted", "gathered")


def _needs_source_code(state):
    return state not in ("deleted", "gathered")


def normalize_links(links, state):
    """Turn the user's entries into dicts with stock_id (int), stock (name), source_code and priority."""
    problems = []
    entries = []
    for index, raw in enumerate(links or []):
        where = "links[%d]" % index
        if not isinstance(raw, dict):
            problems.append("%s is not a dictionary" % where)
            continue
        stock_id, stock_name = raw.get("stock_id"), raw.get("stock")
        if (stock_id is None) == (stock_name is None):
            problems.append("%s needs exactly one of stock_id or stock" % where)
            continue
        entry = {"stock_id": None, "stock": None, "source_code": None, "priority": None}
        if stock_id is not None:
            entry["stock_id"] = _whole_number(stock_id)
            if entry["stock_id"] is None:
                problems.append("%s stock_id %r is not a whole number" % (where, stock_id))
                continue
        else:
            entry["stock"] = str(stock_name)
        source_code = raw.get("source_code")
        if source_code is not None:
            source_code = str(source_code)
            if not source_code.strip() or re.search(r"\s", source_code):
                problems.append("%s source_code %r is empty or contains whitespace" % (where, source_code))
                continue
            entry["source_code"] = source_code
        elif _needs_source_code(state):
            problems.append("%s needs a source_code with state=%s" % (where, state))
            continue
        priority = raw.get("priority")
        if priority is not None and state != "gathered":
            entry["priority"] = _whole_number(priority)
            if entry["priority"] is None:
                problems.append("%s priority %r is not a whole number" % (where, priority))
                continue
        elif _needs_priority(state):
            problems.append("%s needs a priority with state=%s" % (where, state))
            continue
        entries.append(entry)
    if problems:
        raise LinkPlanError(problems)
    return entries


def source_codes_to_check(entries):
    return sorted(set(e["source_code"] for e in entries if e["source_code"] is not None))


def _resolve_stock_names(entries, stocks, problems):
    """Map each entry's stock name to an id: exact match first, then case-insensitive as Magento compares."""
    by_name = {}
    for stock in stocks:
        by_name.setdefault(stock["name"], []).append(int(stock["stock_id"]))
    unknown, ambiguous = set(), {}
    for entry in entries:
        name = entry["stock"]
        if name is None:
            continue
        matches = by_name.get(name)
        if not matches:
            folded = name.strip().lower()
            matches = [int(s["stock_id"]) for s in stocks if s["name"].strip().lower() == folded]
        if len(matches) == 1:
            entry["stock_id"] = matches[0]
        elif matches:
            ambiguous[name] = sorted(matches)
        else:
            unknown.add(name)
    if unknown:
        problems.append("stock names matching no stock: %s" % ", ".join(repr(n) for n in sorted(unknown)))
    for name in sorted(ambiguous):
        problems.append("stock name %r matches several stocks (ids %s)"
                        % (name, ", ".join(str(i) for i in ambiguous[name])))


def _touches_default(stock_id, source_code):
    return stock_id == DEFAULT_STOCK_ID or source_code == DEFAULT_SOURCE_CODE


def resolve_links(entries, state, stocks=None, known_source_codes=None):
    """Validate normalised entries against Magento's stocks and sources; return links keyed by stock id.

    ``stocks`` is None when working offline (state=rendered): names cannot be resolved then and
    stock/source existence is not checked. Every problem is collected before raising, so one
    error names every bad value.
    """
    problems = []
    entries = [dict(e) for e in entries]
    if stocks is None:
        named = sorted(set(e["stock"] for e in entries if e["stock"] is not None))
        if named:
            problems.append("stock names cannot be resolved offline (state=%s), give stock_id for: %s"
                            % (state, ", ".join(repr(n) for n in named)))
    else:
        _resolve_stock_names(entries, stocks, problems)
        known_ids = set(int(s["stock_id"]) for s in stocks)
        unknown_ids = sorted(set(e["stock_id"] for e in entries if e["stock_id"] is not None) - known_ids)
        if unknown_ids:
            problems.append("unknown stock ids: %s" % ", ".join(str(i) for i in unknown_ids))
    if known_source_codes is not None and state != "gathered":
        unknown_codes = sorted(set(source_codes_to_check(entries)) - set(known_source_codes))
        if unknown_codes:
            problems.append("unknown source codes: %s" % ", ".join(unknown_codes))
    if state == "gathered":
        if problems:
            raise LinkPlanError(problems)
        return [{"stock_id": e["stock_id"], "source_code": None, "priority": None} for e in entries]

    bad_priorities = sorted(set(
        (e["stock_id"] if e["stock_id"] is not None else e["stock"], e["source_code"], e["priority"])
        for e in entries
        if state != "deleted" and not 1 <= e["priority"] <= MAX_PRIORITY), key=str)
    if bad_priorities:
        problems.append("priority must be between 1 and %d: %s" % (MAX_PRIORITY, ", ".join(
            "%s in stock %s (%s)" % (code, stock, prio) for stock, code, prio in bad_priorities)))

    touching = set()
    for e in entries:
        if e["stock_id"] is None and e["source_code"] != DEFAULT_SOURCE_CODE:
            continue
        pair = (e["stock_id"], e["source_code"])
        if state == "deleted" and (_touches_default(*pair)):
            touching.add(pair)
        elif state != "deleted" and _touches_default(*pair) and pair != (DEFAULT_STOCK_ID, DEFAULT_SOURCE_CODE):
            touching.add(pair)
    if touching:
        rule = ("Magento refuses to delete any link of Default Stock (1) or Default Source (default), "
                "including (1, default)" if state == "deleted" else
                "only the link (1, default) may involve Default Stock (1) or Default Source (default)")
        problems.append("%s: %s" % (rule, ", ".join(
            "(%s, %s)" % (stock if stock is not None else "?", code if code is not None else "all sources")
            for stock, code in sorted(touching, key=str))))

    resolved, seen, conflicts = [], {}, {}
    for e in entries:
        key = (e["stock_id"], e["source_code"])
        if key in seen:
            if seen[key] != e["priority"] and state != "deleted":
                conflicts.setdefault(key, set([seen[key]])).add(e["priority"])
            continue
        seen[key] = e["priority"]
        resolved.append({"stock_id": e["stock_id"], "source_code": e["source_code"], "priority": e["priority"]})
    for (stock_id, code) in sorted(conflicts, key=str):
        problems.append("link (%s, %s) listed with different priorities %s" % (
            stock_id, code, ", ".join(str(p) for p in sorted(conflicts[(stock_id, code)]))))
    if problems:
        raise LinkPlanError(problems)
    if state == "deleted":
        # An entry without source_code already covers every pair of its stock.
        whole_stocks = set(link["stock_id"] for link in resolved if link["source_code"] is None)
        resolved = [link for link in resolved if link["source_code"] is None or link["stock_id"] not in whole_stocks]
        for link in resolved:
            link["priority"] = None
    return resolved


def scope_stock_ids(state, resolved):
    """Stock ids whose links the run reads and reports; None means every stock."""
    if state == "overridden" or (state == "gathered" and not resolved):
        return None
    return sorted(set(link["stock_id"] for link in resolved))


def clean_link(link):
    """Keep only the keys Magento accepts, with Magento's JSON types."""
    return {"stock_id": int(link["stock_id"]), "source_code": str(link["source_code"]), "priority": int(link["priority"])}


def sort_links(links):
    return sorted(links, key=lambda link: (link["stock_id"], link["priority"], link["source_code"]))


def links_in_scope(links, stock_ids):
    cleaned = [clean_link(link) for link in links]
    if stock_ids is None:
        return sort_links(cleaned)
    wanted = set(stock_ids)
    return sort_links([link for link in cleaned if link["stock_id"] in wanted])


def _by_pair(links):
    cleaned = [clean_link(link) for link in links]
    return dict(((link["stock_id"], link["source_code"]), link) for link in cleaned)


def _protected(link):
    return _touches_default(link["stock_id"], link["source_code"])


def plan_links(state, desired, current):
    """Compare resolved desired links with Magento's current ones; return added/updated/removed."""
    if state not in WRITING_STATES:
        raise ValueError("no plan for state %s" % state)
    current_by_pair = _by_pair(current)
    added, updated, removed = [], [], []
    if state == "deleted":
        whole_stocks = set(link["stock_id"] for link in desired if link["source_code"] is None)
        pairs = set((link["stock_id"], link["source_code"]) for link in desired if link["source_code"] is not None)
        removed = [link for pair, link in current_by_pair.items()
                   if (pair in pairs or pair[0] in whole_stocks) and not _protected(link)]
        return {"added": [], "updated": [], "removed": sort_links(removed)}

    wanted_pairs = set()
    for link in desired:
        pair = (link["stock_id"], link["source_code"])
        wanted_pairs.add(pair)
        existing = current_by_pair.get(pair)
        if existing is None:
            added.append(clean_link(link))
        elif existing["priority"] != link["priority"]:
            change = clean_link(link)
            change["previous_priority"] = existing["priority"]
            updated.append(change)
    if state == "replaced":
        replaced_stocks = set(link["stock_id"] for link in desired)
        removed = [link for pair, link in current_by_pair.items()
                   if pair[0] in replaced_stocks and pair not in wanted_pairs and not _protected(link)]
    elif state == "overridden":
        removed = [link for pair, link in current_by_pair.items()
                   if pair not in wanted_pairs and not _protected(link)]
    return {"added": sort_links(added), "updated": sort_links(updated), "removed": sort_links(removed)}


def plan_changed(plan):
    return bool(plan["added"] or plan["updated"] or plan["removed"])


def predict_after(current, plan):
    """The links Magento holds once the plan is applied (saves are upserts, deletes by pair)."""
    links = _by_pair(current)
    for link in plan["removed"]:
        links.pop((link["stock_id"], link["source_code"]), None)
    for link in plan["added"] + plan["updated"]:
        links[(link["stock_id"], link["source_code"])] = clean_link(link)
    return sort_links(links.values())


def write_groups(plan):
    """The writes as (path, list key, items), in the order they must be sent: every save before any delete.

    Saving first means a stock is never emptier mid-run than at either end, and a failed save
    stops the run before anything is removed. The client splits each group into batches.
    """
    saves = [clean_link(link) for link in plan["added"] + plan["updated"]]
    deletes = [clean_link(link) for link in plan["removed"]]
    groups = [(SAVE_PATH, "links", saves), (DELETE_PATH, "links", deletes)]
    return [group for group in groups if group[2]]


def chunk(items, size):
    if size < 1:
        raise ValueError("batch size must be at least 1")
    return [items[start:start + size] for start in range(0, len(items), size)]


def write_requests(plan, batch_size):
    """(path, body) of every write, split into batches of batch_size, for callers without a client."""
    return [(path, {key: batch}) for path, key, items in write_groups(plan) for batch in chunk(items, batch_size)]


def render_payload(desired):
    """The body of POST /V1/inventory/stock-source-links for the desired links."""
    return {"links": sort_links([clean_link(link) for link in desired])}


def stock_label(stock_id, stock_names):
    name = (stock_names or {}).get(stock_id)
    return "%s (%s)" % (name, stock_id) if name else "stock %s" % stock_id


def diff_text(links, stock_ids, stock_names):
    """Links grouped by stock, in priority order; stocks in scope without links are shown empty."""
    by_stock = {}
    for link in sort_links(links):
        by_stock.setdefault(link["stock_id"], []).append(link)
    shown = sorted(set(by_stock) | set(stock_ids or []))
    lines = []
    for stock_id in shown:
        lines.append(stock_label(stock_id, stock_names))
        stock_links = by_stock.get(stock_id, [])
        if not stock_links:
            lines.append("  (no links)")
        for link in stock_links:
            lines.append("  priority %d: %s" % (link["priority"], link["source_code"]))
    return "\n".join(lines) + "\n" if lines else ""
