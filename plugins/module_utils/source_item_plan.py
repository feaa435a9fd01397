# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure planning for msi_source_item: desired items + current items -> plan, and what to read. No I/O."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import functools
import math
import operator
import sys

from ansible_collections.commerceops.magento.plugins.module_utils.errors import InvalidInput
from ansible_collections.commerceops.magento.plugins.module_utils import msi_rules
from ansible_collections.commerceops.magento.plugins.module_utils.msi_rules import (
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

# The states of msi_stock_source_link; present and absent are the names of 1.0, kept as aliases.
WRITING_STATES = ("merged", "replaced", "overridden", "deleted")
ALL_STATES = WRITING_STATES + ("gathered",)
STATE_ALIASES = {"present": "merged", "absent": "deleted"}
STATE_CHOICES = ALL_STATES + tuple(sorted(STATE_ALIASES))
# The states that take sources, the scope of the run.
SCOPED_STATES = ("overridden", "gathered")


# msi_rules.key weighs a value character by character; a run meets each source code and SKU many times
# (100,000 items are 20,000 SKUs at 5 sources), so each is weighed once.
key = functools.lru_cache(maxsize=1 << 18)(msi_rules.key)


def canonical_state(state):
    """The state that runs: merged for present, deleted for absent, the state itself otherwise."""
    return STATE_ALIASES.get(state, state)


def item_key(sku, source_code):
    """Identity of a source item as Magento's unique key compares it: case, accents and trailing spaces ignored."""
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
    if source_code is None:
        return "sku %r" % (sku,)
    return "sku %r at source %r" % (sku, source_code)


def _saves(state):
    return state not in ("deleted", "gathered")


def required_fields(state):
    """The fields every item needs with ``state`` (canonical): what a file of items must have columns for."""
    if state == "gathered":
        return ("sku",)
    if state == "deleted":
        return ("sku", "source_code")
    return ("sku", "source_code", "quantity")


def _text(value):
    # One object per distinct SKU and source code: 100,000 items are 20,000 SKUs at 5 sources, and the
    # items read from Magento then share the strings of the items asked for.
    if not isinstance(value, str):
        return value
    try:
        return sys.intern(value)
    except TypeError:
        # Python's own sys.intern refuses a subclass of str (ansible-core's module_utils replace it with one
        # that accepts them); such text is used as it is.
        return value


def _normalize_entry(where, raw, state, problems):
    """One user item as a dict of sku, source_code, quantity, status; None (and a problem) if bad.

    ``where`` names the item in problems (items[3], src line 7). ``raw`` may be a ValueError: a problem
    the file reader found with that row. With state=gathered the source_code may be missing (every
    source), and only sku and source_code count; with state=deleted quantity and status are ignored.
    """
    if isinstance(raw, ValueError):
        problems.append("%s: %s" % (where, raw))
        return None
    if not isinstance(raw, dict):
        problems.append("%s is not a dictionary" % where)
        return None
    sku, source_code = raw.get("sku"), raw.get("source_code")
    if sku is not None and not isinstance(sku, str):
        # Only a file gets here (Ansible turns items[].sku into text): YAML reads 001234 as the number 1234.
        problems.append("%s: sku must be text, got the %s %r; quote it" % (where, type(sku).__name__, sku))
        return None
    if not isinstance(sku, str) or not sku.strip():
        problems.append("%s needs a non-empty sku" % where)
        return None
    if source_code is None and state != "gathered":
        problems.append("%s (sku %r) needs a source_code with state=%s" % (where, sku, state))
        return None
    code_problem = source_code_problem(source_code) if source_code is not None else None
    if code_problem:
        problems.append("%s (sku %r): %s" % (where, sku, code_problem))
        return None
    sku, source_code = _text(sku), _text(source_code)
    where = "%s (%s)" % (where, _describe(sku, source_code))
    if _saves(state) and sku != sku.strip():
        # Magento 2.4.7 and later refuse to save such a SKU (its source-item SKU validator).
        problems.append("%s: sku has leading or trailing spaces, which Magento refuses" % where)
        return None
    if not _saves(state):
        return {"sku": sku, "source_code": source_code, "quantity": None, "status": None}
    try:
        quantity = normalize_quantity(raw.get("quantity"))
        status = normalize_status(raw.get("status"))
    except ValueError as error:
        problems.append("%s: %s" % (where, error))
        return None
    if quantity is None:
        problems.append("%s needs a quantity with state=%s" % (where, state))
        return None
    return {"sku": sku, "source_code": source_code, "quantity": quantity, "status": status}


def normalize_desired(items, state):
    """Validate the user's items and drop exact repeats, keeping the order given.

    ``state`` is a canonical state (see canonical_state). Returns dicts with sku, source_code,
    quantity (float, None when state is deleted or gathered) and status (int, or None when not given).
    Raises InvalidInput naming every bad item, including a (sku, source_code) pair given twice with
    different values.
    """
    return normalize_entries((("items[%d]" % index, raw) for index, raw in enumerate(items or [])), state)


def normalize_entries(entries, state):
    """normalize_desired for (where, raw item) pairs, consumed one at a time (a file's rows, say).

    ``where`` names the item in problems; ``raw`` is a dict, or a ValueError for a row its reader could
    not use, reported with the others.
    """
    problems = []
    entries_kept = []
    seen = {}
    conflicts = set()
    for where, raw in entries:
        entry = _normalize_entry(where, raw, state, problems)
        if entry is None:
            continue
        pair = (key(entry["sku"]), None if entry["source_code"] is None else key(entry["source_code"]))
        if pair in seen:
            previous = seen[pair]
            if (previous["quantity"], previous["status"]) != (entry["quantity"], entry["status"]):
                conflicts.add(_describe(previous["sku"], previous["source_code"]))
            continue
        seen[pair] = entry
        entries_kept.append(entry)
    if conflicts:
        problems.append("listed more than once with different values: %s" % ", ".join(sorted(conflicts)))
    if problems:
        raise InvalidInput(problems)
    return entries_kept


def normalize_scope(state, sources, items_given=True):
    """The user's sources (the scope of overridden and gathered), without repeats; InvalidInput if unusable.

    state=overridden refuses to run without a source: it removes every unlisted item of its sources.
    """
    problems = []
    if sources is not None and state not in SCOPED_STATES:
        problems.append("sources is used only with state=overridden or state=gathered, not with state=%s" % state)
    elif state == "overridden" and not sources:
        problems.append("state=overridden needs at least one source in sources: it removes every item of those "
                        "sources that items does not list")
    elif state == "gathered" and not sources and not items_given:
        problems.append("state=gathered needs items (the SKUs to read) or sources")
    codes, seen = [], set()
    for index, code in enumerate(sources or []):
        problem = source_code_problem(code)
        if problem:
            problems.append("sources[%d]: %s" % (index, problem))
        elif key(code) not in seen:
            seen.add(key(code))
            codes.append(code)
    if problems:
        raise InvalidInput(problems)
    return codes if sources is not None else None


def scope_problem(desired, sources):
    """With state=overridden, every item must belong to one of the sources in scope; a problem naming the others."""
    scoped = set(key(code) for code in sources)
    outside = sorted(set(item["source_code"] for item in desired if key(item["source_code"]) not in scoped))
    if not outside:
        return None
    return ("with state=overridden every item's source_code must be one of sources (%s); add these to sources or "
            "drop their items: %s" % (", ".join(sources), ", ".join(outside)))


def normalize_input(state, items, sources, entries=None):
    """(desired items, sources) checked as far as can be without Magento; InvalidInput names every problem.

    ``state`` is canonical; ``items`` None means the option was left out (only gathered allows that).
    ``entries``, when given, are the items instead, as (where, raw item) pairs (see normalize_entries):
    the rows of a file, read one at a time.
    """
    problems, desired, scope = [], [], None
    try:
        desired = normalize_desired(items, state) if entries is None else normalize_entries(entries, state)
    except InvalidInput as error:
        problems.extend(error.problems)
    try:
        scope = normalize_scope(state, sources, items_given=items is not None or entries is not None)
    except InvalidInput as error:
        problems.extend(error.problems)
    if not problems and state == "overridden":
        problem = scope_problem(desired, scope)
        if problem:
            problems.append(problem)
    if problems:
        raise InvalidInput(problems)
    return desired, scope


def respell_sources(desired, stored, sources=None):
    """The items (and the sources in scope) with Magento's spelling ({key: spelling}), and a warning per change.

    Returns (items, sources, warnings); sources stays None when None. Raises InvalidInput naming the source
    codes Magento has no source for.
    """
    given = [item["source_code"] for item in desired] + list(sources or [])
    unknown = sorted(set(code for code in given if key(code) not in stored))
    if unknown:
        raise InvalidInput("unknown source codes: %s; create them first with commerceops.magento.msi_source"
                           % ", ".join(unknown), unknown_source_codes=unknown)
    warnings = set()

    def spelled(code):
        spelling = stored[key(code)]
        if spelling != code:
            warnings.add(respelling_warning("source_code", code, spelling))
        return spelling

    respelled = []
    for item in desired:
        spelling = spelled(item["source_code"])
        respelled.append(item if spelling == item["source_code"] else dict(item, source_code=spelling))
    scope = None if sources is None else [spelled(code) for code in sources]
    return respelled, scope, sorted(warnings)


# --- what to read ---------------------------------------------------------------------------------

class ReadScope(object):
    """The items a run must read: by SKU per source, and whole sources.

    ``skus_by_source`` maps a source code (None: every source) to the SKUs whose items there are read;
    ``whole_sources`` are sources every item of which is read; ``expected`` maps the same keys as
    skus_by_source to how many items the run expects there (the listed pairs), for the read plan.
    ``contains(sku, source_code)`` says whether an item Magento returned is one the run asked about.
    """

    def __init__(self, skus_by_source=None, whole_sources=(), expected=None):
        self.skus_by_source = dict(skus_by_source or {})
        self.whole_sources = list(whole_sources)
        self.expected = dict(expected or {})
        self._whole = set(key(code) for code in self.whole_sources)
        self._skus = dict((None if code is None else key(code), set(key(sku) for sku in skus))
                          for code, skus in self.skus_by_source.items())
        self._any_source = self._skus.get(None, set())

    def is_empty(self):
        return not self.whole_sources and not any(self.skus_by_source.values())

    def contains(self, sku, source_code):
        source, sku = key(source_code), key(sku)
        return source in self._whole or sku in self._any_source or sku in self._skus.get(source, ())


def _by_source(pairs):
    """{source_code: sorted unique skus} of (sku, source_code) pairs; codes and skus compared by key."""
    grouped, spelling = collections.OrderedDict(), {}
    for sku, code in pairs:
        code = spelling.setdefault(None if code is None else key(code), code)
        grouped.setdefault(code, {}).setdefault(key(sku), sku)
    return dict((code, sorted(skus.values())) for code, skus in grouped.items())


def read_scope(state, desired, sources=None):
    """What a run of ``state`` must read (a ReadScope), from the normalized (and respelled) items and sources.

    merged, deleted: the listed pairs. replaced: every item of the listed SKUs, at any source.
    overridden: every item of the sources. gathered: the listed SKUs (at their source_code when given,
    at every source otherwise), only at the sources when given; every item of the sources without items.
    """
    if state == "overridden":
        return ReadScope(whole_sources=sources)
    if state == "replaced":
        skus = _by_source((item["sku"], None) for item in desired)
        return ReadScope(skus, expected={None: len(desired)})
    if state == "gathered":
        if not desired:
            return ReadScope(whole_sources=sources or ())
        if sources is None:
            pairs = [(item["sku"], item["source_code"]) for item in desired]
        else:
            scoped = set(key(code) for code in sources)
            pairs = [(item["sku"], code) for item in desired
                     for code in ([item["source_code"]] if item["source_code"] is not None else sources)
                     if key(code) in scoped]
        skus = _by_source(pairs)
        return ReadScope(skus, expected=dict((code, len(found)) for code, found in skus.items()))
    skus = _by_source((item["sku"], item["source_code"]) for item in desired)
    return ReadScope(skus, expected=dict((code, len(found)) for code, found in skus.items()))


# Reading a source whole needs its size first: its first page, whose total_count says how many pages follow.
# SKU reads of a source cost at least one request per chunk of SKUs; so the first page pays for itself only
# where the SKUs need at least this many chunks (with two chunks, the first page and one more page at best
# tie with them).
COUNT_FROM_CHUNKS = 3

ReadSize = collections.namedtuple("ReadSize", "expected chunks total")


def pages(count, page_size):
    """Requests a search of count records takes at page_size per page; 0 for none (the count said so)."""
    return -(-count // page_size) if count > 0 else 0


def worth_counting(chunks):
    return chunks >= COUNT_FROM_CHUNKS


def choose_reads(sizes, page_size):
    """The sources (keys of sizes; None is every source) to read whole rather than by SKU; sorted, None first.

    sizes maps each source to a ReadSize: expected (items the run expects there), chunks (requests the
    source's SKUs need at the least, one per chunk that fits a URL) and total (its items, from the
    total_count of its first page, already read; None when not counted). A source is read whole when its
    other pages take no more requests than its SKU reads would:
    ceil(total / page_size) - 1 <= max(chunks, ceil(min(expected, total) / page_size)). On a tie the whole
    read wins, since its cost is known and the SKU estimate is a lower bound.
    """
    whole = []
    for source, size in sizes.items():
        if size.total is None:
            continue
        by_sku = max(size.chunks, pages(min(size.expected, size.total), page_size))
        if pages(size.total, page_size) - 1 <= by_sku:
            whole.append(source)
    return sorted(whole, key=lambda code: (code is not None, code))


# --- the plan -------------------------------------------------------------------------------------

def normalize_current(item):
    """A source item as Magento returned it, reduced to the four interface fields."""
    return {
        "sku": _text(item["sku"]),
        "source_code": _text(item["source_code"]),
        "quantity": normalize_quantity(item.get("quantity", 0)),
        "status": int(item.get("status", STATUS_OUT_OF_STOCK)),
    }


def _default_status(quantity):
    return STATUS_IN_STOCK if quantity > 0 else STATUS_OUT_OF_STOCK


def _target(wanted, existing):
    """The item to hold: a new one with a status from its quantity, or the existing one in Magento's spelling."""
    if existing is None:
        status = wanted["status"]
        return dict(wanted, status=_default_status(wanted["quantity"]) if status is None else status)
    status = existing["status"] if wanted["status"] is None else wanted["status"]
    # Magento's spelling is kept: the upsert updates that row, and a delete under it removes that row.
    return dict(existing, quantity=wanted["quantity"], status=status)


def _in_state_scope(state, desired, sources):
    """For replaced and overridden: a test (sku key, source key) -> whether an unlisted item there is removed."""
    if state == "replaced":
        skus = set(key(item["sku"]) for item in desired)
        return lambda pair: pair[0] in skus
    if state == "overridden":
        scoped = set(key(code) for code in sources or ())
        return lambda pair: pair[1] in scoped
    return None


def plan_source_items(state, desired, current, warnings=(), sources=None):
    """Compare normalized desired items with the current ones; O(n) in items, one dict lookup each.

    ``state`` is canonical (merged, replaced, overridden or deleted); ``sources`` is the scope of
    overridden. ``current`` (any iterable, read once) may hold items nobody asked about; they are ignored.
    Returns a Plan whose summary has ``added``/``updated`` (full items to save; an update also carries
    previous_quantity and previous_status) and ``removed`` (items to delete, as they were), and whose
    ``counts`` say how many items are added, updated, removed and unchanged (listed items that need no
    write; with deleted, listed items that do not exist). ``before``/``after`` are the items in scope
    before and after: the listed pairs for merged and deleted, every item of the listed SKUs for
    replaced, every item of the sources for overridden. An unchanged item is the same object in both.
    """
    if state not in WRITING_STATES:
        raise ValueError("no plan for state %s" % state)
    current_by_key = {}
    for item in current:
        normalized = normalize_current(item)
        current_by_key[item_key(normalized["sku"], normalized["source_code"])] = normalized

    summary = {"added": [], "updated": [], "removed": []}
    before, after = [], []
    warnings = set(warnings)
    unchanged = 0
    for wanted in desired:
        # Taken out as it is met: what is left at the end is what the run did not list.
        existing = current_by_key.pop(item_key(wanted["sku"], wanted["source_code"]), None)
        if existing is not None:
            before.append(existing)
            if existing["sku"] != wanted["sku"]:
                warnings.add(respelling_warning("sku", wanted["sku"], existing["sku"]))
        if state == "deleted":
            if existing is not None:
                summary["removed"].append(existing)
            else:
                unchanged += 1
            continue
        target = _target(wanted, existing)
        if existing is None:
            summary["added"].append(target)
        elif target != existing:
            summary["updated"].append(dict(target, previous_quantity=existing["quantity"],
                                           previous_status=existing["status"]))
        else:
            # The item Magento has, not an equal copy: a no-op run over 100,000 items holds them once.
            target = existing
            unchanged += 1
        after.append(target)

    strays = _in_state_scope(state, desired, sources)
    if strays is not None:
        for pair, existing in current_by_key.items():
            if strays(pair):
                before.append(existing)
                summary["removed"].append(existing)
    current_by_key = None

    for name in summary:
        summary[name].sort(key=_ITEM_ORDER)
    counts = dict((name, len(found)) for name, found in summary.items())
    counts["unchanged"] = unchanged
    changed = bool(summary["added"] or summary["updated"] or summary["removed"])
    before.sort(key=_ITEM_ORDER)
    after.sort(key=_ITEM_ORDER)
    return Plan(summary, changed, before, after, diff_text, "source items", warnings=sorted(warnings),
                counts=counts)


_ITEM_ORDER = operator.itemgetter("source_code", "sku")


def sort_items(items):
    return sorted(items, key=_ITEM_ORDER)


def gathered_items(current, scope):
    """The items read for state=gathered that the scope asked about, normalized, sorted by source then SKU."""
    found = {}
    for item in current:
        if scope.contains(item["sku"], item["source_code"]):
            normalized = normalize_current(item)
            found[item_key(normalized["sku"], normalized["source_code"])] = normalized
    return sort_items(found.values())


def clean_item(item):
    """Only the interface fields Magento accepts on save, with its JSON types."""
    return {"sku": str(item["sku"]), "source_code": str(item["source_code"]),
            "quantity": float(item["quantity"]), "status": int(item["status"])}


def writes(plan):
    """(saves, deletes) of a plan: full items to save, sku and source_code to delete.

    Every save is sent before any delete: a failed save stops the run before anything is removed.
    """
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
