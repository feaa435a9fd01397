#!/usr/bin/env bash
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# OAuth 1.0a, a wrong OAuth secret, 2FA and a wrong token through a real module, run with -vvv and
# ANSIBLE_INJECT_INVOCATION so the output can be searched for every secret afterwards.
set -eux -o pipefail

source ../setup_magento_emulator/emulator.sh
emulator_start default --integration "ck-int-1:cs-int-secret-1:at-int-1:ats-int-secret-1" \
    --admin-user "admin:admin-pw-secret-1"

output="$(mktemp)"
trap 'rm -f "$output"; emulator_stop' EXIT
unset MAGENTO_TOKEN
ANSIBLE_INJECT_INVOCATION=True ansible-playbook main.yml -vvv --diff "$@" 2>&1 | tee "$output"

for secret in cs-int-secret-1 ats-int-secret-1 at-int-1 ck-int-1 admin-pw-secret-1 wrong-token-secret-1; do
    if grep -F -- "$secret" "$output"; then
        echo "secret $secret leaked into the output" >&2
        exit 1
    fi
done
