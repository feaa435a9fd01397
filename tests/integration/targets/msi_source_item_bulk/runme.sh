#!/usr/bin/env bash
# msi_source_item through Magento's asynchronous bulk API against a fresh emulator: check mode queues
# nothing, the first run queues and waits for the consumer, a rerun queues nothing, a failing operation
# fails the task by item, a stopped consumer fails it within the wait with the bulk's UUID, and
# write_mode=auto picks the bulk API only above bulk_threshold.
set -eux

source ../setup_magento_emulator/emulator.sh
emulator_start tutorial

ansible-playbook bulk.yml "$@"
