# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulator process of a measurement: the package's launcher plus a reset to a latency."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "emulator"))

from magento_msi_emulator.process import EmulatorProcess  # noqa: E402  pylint: disable=wrong-import-position


# The emulator's write-cost model, on for every measurement. Assumed, not measured on a store: a link
# save or delete does not reindex synchronously (Magento only marks the index invalid), so each linked
# item costs little; every write request pays for Magento's bootstrap and transaction.
WRITE_COST = {"write_cost_per_request_ms": 50, "write_cost_per_item_ms": 0.2}

# The model for source items (items_bench.py). Also assumed: a store whose inventory indexer runs "Update
# by Schedule", so a save writes its rows and changelog entries and cron reindexes later; 1 ms per item on
# top of 100 ms per request for bootstrap, validation and the transaction. With the indexer on "Update on
# Save", Magento reindexes inside the request: about 30 ms per item (60 s for 2,000 items, magento/inventory
# issue 2306), which would make every way's writes take 30x longer and hide the rest of the run behind them.
SOURCE_ITEM_WRITE_COST = {"write_cost_per_request_ms": 100, "write_cost_per_item_ms": 1.0}


class BenchEmulator(EmulatorProcess):
    """`with BenchEmulator(fixture_path) as emu:` a fresh emulator whose control calls may wait long."""

    def __init__(self, fixture_path):
        # Resetting to a 100,000-link fixture takes a while.
        super(BenchEmulator, self).__init__(fixture_path, control_timeout=300)

    def reset(self, latency_ms, write_cost=None):
        """Fixture state back, log cleared, then the write cost (WRITE_COST unless given) and per-request
        latency (a reset clears both)."""
        self.control("POST", "reset", {"fixture": self.fixture})
        self.control("POST", "config", write_cost or WRITE_COST)
        if latency_ms:
            self.control("POST", "faults", {"latency_ms": latency_ms})
