#!/usr/bin/env bash
# Drives msi_source and msi_source_info against a fresh emulator: check -> no write -> run -> state -> rerun.
set -eux

source ../setup_magento_emulator/emulator.sh
emulator_start default

ansible-playbook main.yml "$@"
