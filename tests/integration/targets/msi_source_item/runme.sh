#!/usr/bin/env bash
# Drives msi_source_item against a fresh emulator: check -> no write -> run -> state -> rerun.
set -eux

source ../setup_magento_emulator/emulator.sh
emulator_start tutorial

ansible-playbook main.yml "$@"
