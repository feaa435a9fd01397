# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Judges one soak run: the emulator's state against the tutorial play's wanted state, and the output.

A run that ended well must leave exactly the wanted state. A run that failed may stop anywhere, but
only at a point the play can pass through: every record either as before or as wanted, no duplicate
stock, no link removed that should stay, and no unwanted link removed while a wanted one is missing
(the link module saves before it deletes). Pure functions, so the judge itself is unit-tested.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

CONVERGED = "converged"
FAILED_CLEANLY = "failed cleanly"
BAD = "bad"

TRACEBACK_MARKERS = ("Traceback (most recent call last)", "MODULE FAILURE", "module_stderr",
                     "An exception occurred during task execution", "Unexpected Exception")
# A task failure line of the default callback: fatal: [host]: FAILED! => {...} or failed: [host] (item=x) => {...}
FAILURE_LINE = re.compile(r"^(?:fatal|failed): \[[^\]]+\].*? => (\{.*\})\s*$")
# The client names the request and what went wrong with it, e.g.
# "GET /rest/all/V1/inventory/sources answered 503 ..." or "POST /rest/... failed: connection reset ...".
CLEAR_MESSAGE = re.compile(r"\b(?:GET|POST|PUT|DELETE) /rest/\S+ (?:answered \d{3}|failed: )")


def wanted_state(play_vars):
    """The tutorial play's vars (msi_tutorial_*) as the lookup tables the checks compare with."""
    sources = {}
    for source in play_vars["msi_tutorial_sources"]:
        fields = dict(source)
        fields.setdefault("enabled", True)
        sources[source["source_code"]] = fields
    stocks = dict((stock["name"], channel_set(stock["sales_channels"])) for stock in play_vars["msi_tutorial_stocks"])
    links = {}
    for link in play_vars["msi_tutorial_links"]:
        links.setdefault(link["stock"], {})[link["source_code"]] = link["priority"]
    items = dict(((item["sku"], item["source_code"]), (float(item["quantity"]), 1 if item["status"] == "in_stock" else 0))
                 for item in play_vars["msi_tutorial_source_items"])
    return {"sources": sources, "stocks": stocks, "links": links, "items": items}


def channel_set(channels):
    return frozenset((channel["type"], channel["code"]) for channel in channels or [])


def _stock_channels(stock):
    return channel_set((stock.get("extension_attributes") or {}).get("sales_channels"))


def _links_by_stock(state):
    grouped = {}
    for link in state["links"]:
        grouped.setdefault(link["stock_id"], {})[link["source_code"]] = link["priority"]
    return grouped


def _items(state):
    return dict(((item["sku"], item["source_code"]), (float(item["quantity"]), int(item["status"])))
                for item in state["source_items"])


def source_problems(initial, final, wanted, complete):
    before_all = dict((source["source_code"], source) for source in initial["sources"])
    now_all = dict((source["source_code"], source) for source in final["sources"])
    problems = []
    for code in sorted(set(before_all) | set(now_all) | set(wanted)):
        before, now, want = before_all.get(code), now_all.get(code), wanted.get(code)
        if want is None:
            if now != before:
                problems.append("source %s changed, but the play does not manage it" % code)
        elif now is None:
            if complete or before is not None:
                problems.append("source %s is missing" % code)
        elif any(now.get(field) != value for field, value in want.items()):
            if complete or now != before:
                wrong = sorted(field for field, value in want.items() if now.get(field) != value)
                problems.append("source %s is neither as before nor as wanted (%s)" % (code, ", ".join(wrong)))
    return problems


def stock_problems(initial, final, wanted, complete):
    problems = []
    names = [stock["name"] for stock in final["stocks"]]
    for name in sorted(set(names)):
        if names.count(name) > 1:
            problems.append("duplicate stock %r (%d stocks)" % (name, names.count(name)))
    before_by_id = dict((stock["stock_id"], stock) for stock in initial["stocks"])
    now_by_id = dict((stock["stock_id"], stock) for stock in final["stocks"])
    claimed = frozenset().union(*[_stock_channels(stock) for stock in final["stocks"] if stock["name"] in wanted])
    for stock_id, before in sorted(before_by_id.items()):
        now = now_by_id.get(stock_id)
        if now is None:
            problems.append("stock %s (%s) was deleted" % (stock_id, before["name"]))
        elif now["name"] != before["name"]:
            problems.append("stock %s was renamed from %r to %r" % (stock_id, before["name"], now["name"]))
        elif before["name"] not in wanted:
            lost = _stock_channels(before) - _stock_channels(now)
            if _stock_channels(now) - _stock_channels(before) or lost - claimed:
                problems.append("stock %s (%s) has other sales channels, but the play does not manage it"
                                % (stock_id, before["name"]))
    for stock_id, now in sorted(now_by_id.items()):
        before = before_by_id.get(stock_id)
        if now["name"] not in wanted:
            if before is None:
                problems.append("stock %s (%s) appeared, but the play does not create it" % (stock_id, now["name"]))
        elif _stock_channels(now) != wanted[now["name"]]:
            if complete or before is None or _stock_channels(now) != _stock_channels(before):
                problems.append("stock %s (%s) has neither its old nor its wanted sales channels"
                                % (stock_id, now["name"]))
    if complete:
        for name in sorted(set(wanted) - set(names)):
            problems.append("stock %s is missing" % name)
    return problems


def _tutorial_link_problems(name, before, now, want, complete):
    if complete:
        return [] if now == want else ["links of %s are %s, wanted %s" % (name, sorted(now.items()), sorted(want.items()))]
    problems = []
    for code, priority in sorted(now.items()):
        if want.get(code) != priority and before.get(code) != priority:
            problems.append("link %s/%s (priority %s) is neither as before nor as wanted" % (name, code, priority))
    for code in sorted(set(before) & set(want)):
        if code not in now:
            problems.append("link %s/%s was removed, but it should stay" % (name, code))
    removed = sorted(code for code in before if code not in want and code not in now)
    unsaved = sorted(code for code, priority in want.items() if now.get(code) != priority)
    if removed and unsaved:
        problems.append("half-applied removal: %s lost %s while %s was not saved yet"
                        % (name, ", ".join(removed), ", ".join(unsaved)))
    return problems


def link_problems(initial, final, wanted, complete):
    names = dict((stock["stock_id"], stock["name"]) for stock in initial["stocks"] + final["stocks"])
    before_all, now_all = _links_by_stock(initial), _links_by_stock(final)
    problems = []
    for stock_id in sorted(set(before_all) | set(now_all) | set(names)):
        before, now = before_all.get(stock_id, {}), now_all.get(stock_id, {})
        name = names.get(stock_id, "stock %s" % stock_id)
        if name in wanted:
            problems.extend(_tutorial_link_problems(name, before, now, wanted[name], complete))
        elif now != before:
            problems.append("links of %s changed, but the play does not manage them" % name)
    return problems


def item_problems(initial, final, wanted, complete):
    before_all, now_all = _items(initial), _items(final)
    problems = []
    for key in sorted(set(before_all) | set(now_all) | set(wanted)):
        before, now, want = before_all.get(key), now_all.get(key), wanted.get(key)
        if now == want or (not complete and want is not None and now == before):
            continue
        if want is None and now == before:
            continue
        problems.append("source item %s/%s is %s; before %s, wanted %s" % (key + (now, before, want)))
    return problems


def state_problems(initial, final, wanted, complete):
    """Problems with the final state; complete=True asks for the wanted end state, else a valid stop."""
    problems = []
    for check, part in ((source_problems, "sources"), (stock_problems, "stocks"),
                        (link_problems, "links"), (item_problems, "items")):
        problems.extend(check(initial, final, wanted[part], complete))
    return problems


def failure_messages(output):
    """The msg of every failed task (or loop item) the default callback printed."""
    messages = []
    for line in output.splitlines():
        match = FAILURE_LINE.match(line)
        if not match:
            continue
        try:
            result = json.loads(match.group(1))
        except ValueError:
            messages.append(line)
            continue
        messages.append(str(result.get("msg", "")))
    return messages


def output_problems(output, returncode):
    problems = ["the output shows %r" % marker for marker in TRACEBACK_MARKERS if marker in output]
    if returncode != 0:
        messages = failure_messages(output)
        if not messages:
            problems.append("exit code %d without a failed task" % returncode)
        problems.extend("unclear failure message: %s" % message for message in messages
                        if not CLEAR_MESSAGE.search(message))
    return problems


def classify(returncode, output, initial, final, wanted):
    """(outcome, reasons): converged, failed cleanly or bad."""
    reasons = output_problems(output, returncode)
    if returncode == 0:
        reasons.extend(state_problems(initial, final, wanted, complete=True))
        return (BAD if reasons else CONVERGED), reasons
    reasons.extend(state_problems(initial, final, wanted, complete=False))
    return (BAD if reasons else FAILED_CLEANLY), reasons
