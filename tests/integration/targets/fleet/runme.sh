#!/usr/bin/env bash
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# A fleet of 10 stores, one emulator and one Magento root each, credentials per host (token, admin
# password or OAuth), converged by one play at forks 5 (tests/fleet/fleet.yml): first every store, then
# three of them. verify.yml checks each store against its own emulator's state and request log and
# its own bin/magento calls; this script checks that no secret of any store shows in any output.
set -eux -o pipefail

source ../setup_magento_emulator/emulator.sh

root="$(collection_root)"
work="$(mktemp -d)"
python="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}"
"${python}" "${root}/tests/fleet/fleet.py" serve --stores 10 --dir "${work}" --python "${python}" &
fleet_pid=$!
trap 'kill -TERM "${fleet_pid}" 2>/dev/null || true; wait "${fleet_pid}" || true; rm -rf "${work}"' EXIT
for _ in $(seq 1 100); do
    if [ -e "${work}/ready" ]; then
        break
    fi
    kill -0 "${fleet_pid}"
    sleep 0.1
done
test -e "${work}/ready"

# Pipelining saves a temporary module file per task; the fleet runs about 300 of them.
export ANSIBLE_PIPELINING=True
fleet=(ansible-playbook -i "${work}/inventory.yml" --forks 5)
changed='["store03", "store07", "store08"]'

"${fleet[@]}" -v "${root}/tests/fleet/fleet.yml" "$@" 2>&1 | tee "${work}/converge.txt"
"${fleet[@]}" verify.yml -e fleet_phase=converge "$@"

"${fleet[@]}" -v "${root}/tests/fleet/fleet.yml" -e "{\"fleet_changed_stores\": ${changed}}" "$@" 2>&1 \
    | tee "${work}/partial.txt"
"${fleet[@]}" verify.yml -e fleet_phase=partial -e "{\"fleet_changed_stores\": ${changed}}" "$@"

# No secret of any store in the output of any store: each begins with a marker of letters and digits.
leaks=0
mapfile -t markers <"${work}/secret_markers.txt"
test "${#markers[@]}" -eq 25
for marker in "${markers[@]}"; do
    if grep -n -F -- "${marker}" "${work}/converge.txt" "${work}/partial.txt"; then
        echo "a secret starting with ${marker} leaked (lines above)" >&2
        leaks=1
    fi
done
# Admin tokens the emulators issued (JWTs) for the username+password stores.
if grep -n -E 'eyJ[A-Za-z0-9_-]{8,}\.eyJ' "${work}/converge.txt" "${work}/partial.txt"; then
    echo "an admin token leaked (lines above)" >&2
    leaks=1
fi
test "${leaks}" -eq 0
