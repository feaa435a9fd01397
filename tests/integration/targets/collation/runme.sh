#!/usr/bin/env bash
# Every module under Magento's collation: a user's spelling that differs from the stored key only in case
# or trailing spaces is the stored row, under every state, first run and rerun.
set -eux

source ../setup_magento_emulator/emulator.sh
emulator_start tutorial

ansible-playbook main.yml "$@"
