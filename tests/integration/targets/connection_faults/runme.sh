#!/usr/bin/env bash
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# msi_stock_source_link (state: replaced) through 502, 503 and 429 with and without Retry-After, added
# latency and dropped connections: it converges, writes each batch once, and fails cleanly when the
# retries run out.
set -eux

source ../setup_magento_emulator/emulator.sh
emulator_start tutorial

ansible-playbook main.yml "$@"
