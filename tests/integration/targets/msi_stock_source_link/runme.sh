#!/usr/bin/env bash
# Integration tests for msi_stock_source_link against the Magento MSI emulator.
set -eux

source ../setup_magento_emulator/emulator.sh
emulator_start tutorial

ansible-playbook states.yml "$@"

# Pagination: more than two pages of links (page_size 300) on UK Stock.
emulator_reset tutorial
bulk_vars_file="$(mktemp -d)/bulk_links.json"
"${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}" files/add_bulk_sources.py 650 2 "${bulk_vars_file}"
ansible-playbook pagination.yml -e "bulk_vars_file=${bulk_vars_file}" "$@"
