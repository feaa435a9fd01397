#!/usr/bin/env bash
# msi_source_item with src: Magento's import CSV, JSON and YAML files copied to the host that runs the
# module; first run, rerun and check mode with the writes each sends, a bad row, return_items and diff.
set -eux

source ../setup_magento_emulator/emulator.sh
emulator_start tutorial

ansible-playbook main.yml "$@"
