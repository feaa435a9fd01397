#!/usr/bin/env bash
# Drives msi_stock and msi_stock_info against a fresh emulator: check -> no write -> run -> state -> rerun.
set -eux

source ../setup_magento_emulator/emulator.sh
# Four websites, all on Default Stock, as on a fresh multi-website Magento.
emulator_start "$(pwd)/fixture.json"

ansible-playbook main.yml "$@"
