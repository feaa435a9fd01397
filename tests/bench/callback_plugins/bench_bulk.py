# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""For items_bench.py: the bulk figures of a module result, written to $BENCH_BULK_FILE.

A task that registers the result and writes it out would cost the controller seconds at 100,000 items (it
handles the play's variables again), which the async runs would then carry and the sync runs not.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
name: bench_bulk
type: aggregate
short_description: Keep the bulk figures of msi_source_item's result for the benchmark
description:
  - Writes the C(bulk) key of every successful task result that has one to the file named by the environment
    variable E(BENCH_BULK_FILE), as JSON; the last one wins.
requirements:
  - enabled with ANSIBLE_CALLBACKS_ENABLED=bench_bulk and found through ANSIBLE_CALLBACK_PLUGINS
"""

import json
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_bulk"
    CALLBACK_NEEDS_ENABLED = True

    def v2_runner_on_ok(self, result):
        bulk = result._result.get("bulk")  # pylint: disable=protected-access
        if bulk is not None:
            with open(os.environ["BENCH_BULK_FILE"], "w") as handle:
                json.dump(bulk, handle)
