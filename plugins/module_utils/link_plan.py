# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure planning for stock-source links: desired + current -> plan. No I/O here."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import operator
import re

from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import (
    DEFAULT_STOCK_ID,
    is_default_source,
    key,
    name_key,
    respelling_warning,
    source_code_problem,
)
from ansible_collections.commerceops.magento.plugins.module_utils.plan import Plan

# The link table stores priority as smallint unsigned.
MAX_PRIORITY = 65535

WRITING_STATES = ("merged", "replaced", "overridden", "deleted")
ALL_STATES = WRITING_STATES + ("gathered", "rendered")

_WHOLE_NUMBER = re.compile(r"^\s*-?[0-9]+\s*$")

# One entry of the user's links; a tuple, so that 100,000 of them stay small.
LinkEntry = collections.namedtuple("LinkEntry", "stock_id stock source_code priority")


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
    """Turn the user's entries into LinkEntry tuples: stock_id (int) or stock (name), source_code, priority."""
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
        if stock_id is not None:
            stock_id = _whole_number(stock_id)
            if stock_id is None:
                problems.append("%s stock_id %r is not a whole number" % (where, raw.get("stock_id")))
                continue
        else:
            stock_name = str(stock_name)
        source_code = raw.get("source_code")
        if source_code is not None:
            source_code = str(source_code)
            if source_code_problem(source_code):
                problems.append("%s %s" % (where, source_code_problem(source_code)))
                continue
        elif _needs_source_code(state):
            problems.append("%s needs a source_code with state=%s" % (where, state))
            continue
        priority = raw.get("priority")
        if priority is not None and state != "gathered":
            priority = _whole_number(priority)
            if priority is None:
                problems.append("%s priority %r is not a whole number" % (where, raw.get("priority")))
                continue
        elif _needs_priority(state):
            problems.append("%s needs a priority with state=%s" % (where, state))
            continue
        else:
            priority = None
        entries.append(LinkEntry(stock_id, stock_name, source_code, priority))
    if problems:
        raise InvalidInput(problems)
    return entries


def uses_stock_names(entries):
    return any(entry.stock is not None for entry in entries)


def _stock_ids_by_name(entries, stocks, problems):
    """Map each stock name to an id: exact match first, then case-insensitive as Magento compares.

    Names matching no stock or several are left out and reported in problems.
    """
    by_name = {}
    for stock in stocks:
        by_name.setdefault(stock["name"], []).append(int(stock["stock_id"]))
    ids_by_name, unknown, ambiguous = {}, set(), {}
    for name in set(entry.stock for entry in entries if entry.stock is not None):
        matches = by_name.get(name)
        if not matches:
            matches = [int(stock["stock_id"]) for stock in stocks if name_key(stock["name"]) == name_key(name)]
        if len(matches) == 1:
            ids_by_name[name] = matches[0]
        elif matches:
            ambiguous[name] = sorted(matches)
        else:
            unknown.add(name)
    if unknown:
        problems.append("stock names matching no stock: %s" % ", ".join(repr(n) for n in sorted(unknown)))
    for name in sorted(ambiguous):
        problems.append("stock name %r matches several stocks (ids %s)"
                        % (name, ", ".join(str(i) for i in ambiguous[name])))
    return ids_by_name


def scope_stock_ids(state, entries, stocks=None):
    """Stock ids whose links the run reads and reports; None means every stock.

    Known before validation, so the links can be read first: names resolve with stocks (Magento's
    stocks, needed only when a name is used); names that resolve to no single stock add nothing.
    """
    if state == "overridden" or (state == "gathered" and not entries):
        return None
    ids_by_name = _stock_ids_by_name(entries, stocks or [], []) if uses_stock_names(entries) else {}
    ids = set(entry.stock_id if entry.stock_id is not None else ids_by_name.get(entry.stock) for entry in entries)
    ids.discard(None)
    return sorted(ids)


def unlinked_source_codes(entries, links):
    """The entries' source codes that none of Magento's links holds: only these need a lookup.

    A link can only exist while its source does, so a linked code is known to exist.
    """
    linked = set(key(link["source_code"]) for link in links)
    return set(entry.source_code for entry in entries
               if entry.source_code is not None and key(entry.source_code) not in linked)


def respell(entries, stored):
    """Entries with each source code in the spelling Magento stores ({key: spelling}), and a warning per change.

    Magento's keys ignore case, accents and trailing spaces: planning with the user's spelling would save a
    link under one spelling and delete the same row under the other.
    """
    respelled, warnings = [], set()
    for entry in entries:
        spelling = stored.get(key(entry.source_code)) if entry.source_code is not None else None
        if spelling is not None and spelling != entry.source_code:
            warnings.add(respelling_warning("source_code", entry.source_code, spelling))
            entry = entry._replace(source_code=spelling)
        respelled.append(entry)
    return respelled, sorted(warnings)


def _touches_default(stock_id, source_code):
    return stock_id == DEFAULT_STOCK_ID or is_default_source(source_code)


def _default_rule_problem(state, entries, stock_of):
    touching = set()
    for entry in entries:
        stock_id = stock_of(entry)
        if stock_id is None and not _touches_default(None, entry.source_code):
            continue
        pair = (stock_id, entry.source_code)
        if state == "deleted" and _touches_default(*pair):
            touching.add(pair)
        elif (state != "deleted" and _touches_default(*pair)
              and not (pair[0] == DEFAULT_STOCK_ID and is_default_source(pair[1]))):
            touching.add(pair)
    if not touching:
        return None
    rule = ("Magento refuses to delete any link of Default Stock (1) or Default Source (default), "
            "including (1, default)" if state == "deleted" else
            "only the link (1, default) may involve Default Stock (1) or Default Source (default)")
    return "%s: %s" % (rule, ", ".join(
        "(%s, %s)" % (stock if stock is not None else "?", code if code is not None else "all sources")
        for stock, code in sorted(touching, key=str)))


def resolve_links(entries, state, stocks=None, known_stock_ids=None, missing_source_codes=None):
    """Validate normalised entries against Magento; return the desired links as {(stock_id, source_code): priority}.

    ``stocks`` is Magento's stocks (needed to resolve names); ``known_stock_ids`` are ids known to
    exist otherwise (stocks that hold links). Both None means offline (state=rendered): names cannot
    be resolved and existence is not checked. ``missing_source_codes`` are the entries' codes Magento
    has no source for (see unlinked_source_codes).
    Every problem is collected before raising, so one error names every bad value. With
    state=deleted, priorities are None and an entry without source_code, (stock_id, None), stands
    for every link of its stock.
    """
    problems = []
    ids_by_name = {}
    if stocks is None and known_stock_ids is None:
        named = sorted(set(entry.stock for entry in entries if entry.stock is not None))
        if named:
            problems.append("stock names cannot be resolved offline (state=%s), give stock_id for: %s"
                            % (state, ", ".join(repr(n) for n in named)))
    else:
        ids_by_name = _stock_ids_by_name(entries, stocks or [], problems)
        known_ids = set(known_stock_ids or ())
        known_ids.update(int(stock["stock_id"]) for stock in stocks or [])
        unknown_ids = sorted(set(entry.stock_id for entry in entries if entry.stock_id is not None) - known_ids)
        if unknown_ids:
            problems.append("unknown stock ids: %s" % ", ".join(str(i) for i in unknown_ids))

    def stock_of(entry):
        return entry.stock_id if entry.stock_id is not None else ids_by_name.get(entry.stock)

    if missing_source_codes and state != "gathered":
        problems.append("unknown source codes: %s" % ", ".join(sorted(missing_source_codes)))
    if state == "gathered":
        if problems:
            raise InvalidInput(problems)
        return dict(((stock_of(entry), None), None) for entry in entries)

    if state != "deleted":
        bad_priorities = sorted(set(
            (stock_of(entry) if stock_of(entry) is not None else entry.stock, entry.source_code, entry.priority)
            for entry in entries if not 1 <= entry.priority <= MAX_PRIORITY), key=str)
        if bad_priorities:
            problems.append("priority must be between 1 and %d: %s" % (MAX_PRIORITY, ", ".join(
                "%s in stock %s (%s)" % (code, stock, prio) for stock, code, prio in bad_priorities)))
    default_problem = _default_rule_problem(state, entries, stock_of)
    if default_problem:
        problems.append(default_problem)

    desired, conflicts = {}, {}
    for entry in entries:
        pair = (stock_of(entry), entry.source_code)
        priority = entry.priority if state != "deleted" else None
        previous = desired.setdefault(pair, priority)
        if previous != priority:
            conflicts.setdefault(pair, set([previous])).add(priority)
    for (stock_id, code) in sorted(conflicts, key=str):
        problems.append("link (%s, %s) listed with different priorities %s" % (
            stock_id, code, ", ".join(str(p) for p in sorted(conflicts[(stock_id, code)]))))
    if problems:
        raise InvalidInput(problems)
    if state == "deleted":
        # An entry without source_code already covers every pair of its stock.
        whole_stocks = set(stock_id for stock_id, code in desired if code is None)
        if whole_stocks:
            desired = dict((pair, None) for pair in desired if pair[1] is None or pair[0] not in whole_stocks)
    return desired


def _is_int(value):
    # A bool is an int to Python, but not a value Magento's integer columns take.
    return isinstance(value, int) and not isinstance(value, bool)


def is_clean(link):
    return (len(link) == 3 and _is_int(link.get("stock_id")) and _is_int(link.get("priority"))
            and isinstance(link.get("source_code"), str))


def clean_link(link):
    """Only the keys Magento accepts, with Magento's JSON types; a link that already is so is kept, not copied."""
    if is_clean(link):
        return link
    return {"stock_id": int(link["stock_id"]), "source_code": str(link["source_code"]), "priority": int(link["priority"])}


def _link(pair, priority):
    return {"stock_id": pair[0], "source_code": pair[1], "priority": priority}


_LINK_ORDER = operator.itemgetter("stock_id", "priority", "source_code")


def sort_links(links):
    return sorted(links, key=_LINK_ORDER)


def links_in_scope(links, stock_ids):
    """Magento's links, cleaned, of the given stocks (None: all), in stock then priority order."""
    if stock_ids is None:
        return sort_links(clean_link(link) for link in links)
    wanted = set(stock_ids)
    return sort_links(link for link in (clean_link(link) for link in links) if link["stock_id"] in wanted)


def _protected(link):
    return _touches_default(link["stock_id"], link["source_code"])


def plan_links(state, desired, current, render=None, warnings=()):
    """Compare desired links ({(stock_id, source_code): priority}) with Magento's current ones.

    Returns a Plan whose summary is {added, updated, removed}; each walks the links once, and the
    links kept are not copied. render(links) gives the diff text (see diff_text).
    """
    summary = _plan_changes(state, desired, current)
    changed = plan_changed(summary)
    after = predict_after(current, summary) if changed else current
    return Plan(summary, changed, current, after, render or (lambda links: ""), "links", warnings=warnings)


def _plan_changes(state, desired, current):
    if state not in WRITING_STATES:
        raise ValueError("no plan for state %s" % state)
    added, updated, removed = [], [], []
    if state == "deleted":
        whole_stocks = set(stock_id for stock_id, code in desired if code is None)
        for link in current:
            link = clean_link(link)
            if (((link["stock_id"], link["source_code"]) in desired or link["stock_id"] in whole_stocks)
                    and not _protected(link)):
                removed.append(link)
        return {"added": [], "updated": [], "removed": sort_links(removed)}

    # A shallow copy shares the keys; what is left in it once every current link is seen is missing.
    unmatched = dict(desired)
    replaced_stocks = set(stock_id for stock_id, dummy in desired) if state == "replaced" else None
    for link in current:
        link = clean_link(link)
        pair = (link["stock_id"], link["source_code"])
        priority = unmatched.pop(pair, None)
        if priority is not None:
            if priority != link["priority"]:
                change = _link(pair, priority)
                change["previous_priority"] = link["priority"]
                updated.append(change)
        elif (pair not in desired and state != "merged" and not _protected(link)
              and (replaced_stocks is None or pair[0] in replaced_stocks)):
            removed.append(link)
    added = [_link(pair, priority) for pair, priority in unmatched.items()]
    return {"added": sort_links(added), "updated": sort_links(updated), "removed": sort_links(removed)}


def plan_changed(plan):
    return bool(plan["added"] or plan["updated"] or plan["removed"])


def predict_after(current, plan):
    """The links Magento holds once the plan is applied (saves are upserts, deletes by pair).

    current is cleaned and sorted (as links_in_scope returns it); when nothing changes it is returned as is.
    """
    if not plan_changed(plan):
        return current
    saved = [clean_link(link) for link in plan["added"] + plan["updated"]]
    dropped = set((link["stock_id"], link["source_code"]) for link in plan["removed"] + saved)
    kept = (link for link in (clean_link(link) for link in current)
            if (link["stock_id"], link["source_code"]) not in dropped)
    return sort_links(list(kept) + saved)


def writes(plan):
    """(saves, deletes): every save is sent before any delete.

    Saving first means a stock is never emptier mid-run than at either end, and a failed save
    stops the run before anything is removed.
    """
    summary = plan.summary
    return ([clean_link(link) for link in summary["added"] + summary["updated"]],
            [clean_link(link) for link in summary["removed"]])


def render_payload(desired):
    """The body of POST /V1/inventory/stock-source-links for the desired links."""
    return {"links": sort_links(_link(pair, priority) for pair, priority in desired.items())}


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
