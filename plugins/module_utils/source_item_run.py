# -*- coding: utf-8 -*-
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How msi_source_item's options shape its run: where the items come from, how they are written, what is returned.

Each function takes the MagentoModule, so the module's main stays read, plan, apply, exit.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.commerceops.magento.plugins.module_utils import (
    bulk_writes,
    source_item_file,
    source_item_plan,
    source_item_sync,
)

# Above this many items in before or after, an unset return_items warns: the result is then most of
# what the module and the controller serialise.
RETURN_ITEMS_WARNING_FROM = 1000


def desired_input(module, state):
    """(desired items, sources) from items or from the src file, read one row at a time."""
    params = module.params
    entries = None
    if params["src"] is not None:
        entries = source_item_file.read_source_items(params["src"], params["src_format"],
                                                     source_item_plan.required_fields(state))
    return source_item_plan.normalize_input(state, params["items"], params["sources"], entries=entries)


def returns_items(module):
    """Whether the result carries before and after: return_items, or by default with items, or in diff mode."""
    asked = module.params["return_items"]
    if asked is not None:
        return asked
    return module.params["src"] is None or module._diff


def warn_about_big_states(module, plan):
    """Warn when before/after are returned only by default (items, return_items unset) and are large."""
    if module.params["return_items"] is not None or module.params["src"] is not None:
        return
    largest = max(len(plan.before), len(plan.after))
    if largest > RETURN_ITEMS_WARNING_FROM:
        module.warn("the result carries before and after with %d items, as version 1.0.0 did; set return_items: "
                    "false to leave them out (plan and counts still say what changed), and pass big sets with "
                    "src rather than items, which spares the controller memory and time" % largest)


def check_bulk_options(module):
    """Fail, before anything is read, on a negative bulk_threshold or bulk_wait_timeout."""
    for name in ("bulk_threshold", "bulk_wait_timeout"):
        if module.params[name] < 0:
            module.fail_json(msg="%s must be 0 or more, got %d. Nothing was written." % (name, module.params[name]),
                             changed=False, writes_sent=0)


def write_mode_for(module, plan):
    """The write mode this plan goes by, and the wait; fails (nothing written) when the plan cannot go that way."""
    params = module.params
    planned = sum(plan.counts[key] for key in ("added", "updated", "removed"))
    write_mode = bulk_writes.resolve_write_mode(params["write_mode"], planned, params["bulk_threshold"])
    if write_mode == bulk_writes.ASYNC_BULK and plan.changed:
        # Checked in check mode too, so that it says what the real run would.
        problem = bulk_writes.wait_problem(source_item_sync.write_groups(plan), params["bulk_wait_timeout"])
        if problem:
            module.fail_json(msg=problem + " Nothing was written.", changed=False, writes_sent=0, plan=plan.summary)
    return write_mode, params["bulk_wait_timeout"]
