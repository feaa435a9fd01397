#!/usr/bin/env bash
# The list forms of msi_source (sources) and msi_stock (stocks) against the tutorial's store: check mode
# writes nothing, a run sends one write per changed record, a rerun none, and a bad entry fails the whole
# list before any write.
set -eux

source ../setup_magento_emulator/emulator.sh
emulator_start tutorial

ansible-playbook main.yml "$@"
