#!/usr/bin/env bash
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# Two ansible-playbook processes converge different stocks with state: replaced at the same time
# against one Magento; both succeed and neither undoes the other. Added latency keeps them overlapping.
set -eux

source ../setup_magento_emulator/emulator.sh
emulator_start tutorial

output_dir="$(mktemp -d)"
trap 'rm -rf "${output_dir}"; emulator_stop' EXIT

ansible-playbook seed.yml "$@"

ansible-playbook converge.yml -e stock_side=uk "$@" >"${output_dir}/uk.txt" 2>&1 &
uk_pid=$!
ansible-playbook converge.yml -e stock_side=us "$@" >"${output_dir}/us.txt" 2>&1 &
us_pid=$!
uk_status=0
us_status=0
wait "${uk_pid}" || uk_status=$?
wait "${us_pid}" || us_status=$?
cat "${output_dir}/uk.txt" "${output_dir}/us.txt"
test "${uk_status}" -eq 0
test "${us_status}" -eq 0

ansible-playbook verify.yml "$@"
