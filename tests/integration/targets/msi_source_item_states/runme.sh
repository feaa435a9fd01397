#!/usr/bin/env bash
# msi_source_item's states (merged, replaced, overridden, deleted, gathered, and the aliases present and
# absent) against a fresh emulator: check mode writes nothing, the real run, a rerun that writes nothing,
# and the requests each run reads with.
set -eux

source ../setup_magento_emulator/emulator.sh
emulator_start tutorial

ansible-playbook states.yml "$@"
