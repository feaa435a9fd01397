#!/usr/bin/env bash
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# The smoke version of `make bench`: N=100 (the uri loop N=10), no added latency, one run per way;
# it asserts the request and write counts of the three ways, never their times. Then the fleet part.
set -eux

source ../setup_magento_emulator/emulator.sh

root="$(collection_root)"
output_dir="$(mktemp -d)"
trap 'rm -rf "${output_dir}"' EXIT
"${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}" "${root}/tests/bench/run_bench.py" --smoke --output-dir "${output_dir}"
# The fleet part: 2 stores at forks 2, a converging and a no-op run, each checked (about 15 s).
"${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}" "${root}/tests/bench/fleet_bench.py" --smoke --output-dir "${output_dir}/fleet"
