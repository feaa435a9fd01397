#!/usr/bin/env bash
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Every module, with each auth method (token, username+password, OAuth 1.0a), succeeding and failing
# (wrong credentials; an unknown store while Magento echoes each request, Authorization header and
# body included, into its errors), run with -vvv, --diff and ANSIBLE_INJECT_INVOCATION=True. No secret
# may appear in the output or in the registered results, in any encoding: each secret starts with a
# marker of letters and digits, which JSON and URL encoding keep, and goes on with characters they change.
set -eux -o pipefail

source ../setup_magento_emulator/emulator.sh

export SECRET_TOKEN='tokK7Q+secret/9='
export SECRET_WRONG_TOKEN='wrgT4Z+token/1='
export SECRET_PASSWORD='pwdM2X"é\secret+/1'
export SECRET_WRONG_PASSWORD='wrpH8N"é\bad+/2'
export SECRET_CONSUMER_KEY='ckeyR5W+key/1'
export SECRET_CONSUMER_SECRET='csecP9L+sec/2'
export SECRET_ACCESS_TOKEN='atokB3V+tok/3'
export SECRET_ACCESS_TOKEN_SECRET='atsV6J+tsec/4'
export SECRET_WRONG_CONSUMER_SECRET='wcsY1D+bad/5'
markers=(tokK7Q wrgT4Z pwdM2X wrpH8N ckeyR5W csecP9L atokB3V atsV6J wcsY1D)

emulator_start tutorial --token "${SECRET_TOKEN}" --admin-user "admin:${SECRET_PASSWORD}" \
    --integration "${SECRET_CONSUMER_KEY}:${SECRET_CONSUMER_SECRET}:${SECRET_ACCESS_TOKEN}:${SECRET_ACCESS_TOKEN_SECRET}"
unset MAGENTO_TOKEN

output_dir="$(mktemp -d)"
trap 'rm -rf "${output_dir}"; emulator_stop' EXIT

for auth_method in token password oauth; do
    ANSIBLE_INJECT_INVOCATION=True ansible-playbook main.yml -vvv --diff -e auth_method="${auth_method}" \
        -e results_file="${output_dir}/results-${auth_method}.json" "$@" 2>&1 | tee "${output_dir}/output-${auth_method}.txt"
done

leaks=0
for marker in "${markers[@]}"; do
    if grep -n -F -- "${marker}" "${output_dir}"/*; then
        echo "a secret starting with ${marker} leaked (lines above)" >&2
        leaks=1
    fi
done
# Admin tokens the emulator issued (JWTs), which the client got for username+password.
if grep -n -E 'eyJ[A-Za-z0-9_-]{8,}\.eyJ' "${output_dir}"/*; then
    echo "an admin token leaked (lines above)" >&2
    leaks=1
fi
test "${leaks}" -eq 0
