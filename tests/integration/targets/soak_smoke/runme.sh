#!/usr/bin/env bash
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# The smoke version of `make soak`: the judge's own tests, then 20 tutorial runs at a 30% fault rate,
# two at a time; any bad run (wrong state, half-applied removal, duplicate, traceback) fails the target.
set -eux

source ../setup_magento_emulator/emulator.sh

root="$(collection_root)"
python="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}"
output_dir="$(mktemp -d)"
trap 'rm -rf "${output_dir}"' EXIT

"${python}" -m pytest -q -p no:cacheprovider "${root}/tests/soak/tests"
"${python}" "${root}/tests/soak/soak.py" --runs 20 --parallel 2 --seed 7 --output-dir "${output_dir}"
