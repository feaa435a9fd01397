#!/usr/bin/env bash
# Runs playbooks/msi_tutorial.yml twice against a fresh Magento with the tutorial's websites:
# the first run changes every step, the second changes nothing and sends no write.
set -eux

source ../setup_magento_emulator/emulator.sh
emulator_start fresh-install

output_dir=$(mktemp -d)
trap 'rm -rf "$output_dir"; emulator_stop' EXIT

changed_count() {
    # The recap line of the default callback: "localhost : ok=N changed=N ...".
    sed -n 's/^localhost *: .*changed=\([0-9][0-9]*\).*/\1/p' "$1"
}

ansible-playbook commerceops.magento.msi_tutorial "$@" | tee "$output_dir/first.txt"
first_changed=$(changed_count "$output_dir/first.txt")
ansible-playbook verify.yml -e tutorial_run=first "$@"

ansible-playbook commerceops.magento.msi_tutorial "$@" | tee "$output_dir/second.txt"
ansible-playbook commerceops.magento.msi_tutorial --check --diff "$@" | tee "$output_dir/check.txt"
ansible-playbook verify.yml -e tutorial_run=second "$@"

test "$first_changed" -ge 4
test "$(changed_count "$output_dir/second.txt")" -eq 0
test "$(changed_count "$output_dir/check.txt")" -eq 0
