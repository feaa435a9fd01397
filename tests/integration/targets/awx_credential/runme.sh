#!/usr/bin/env bash
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# The Magento credential type (extensions/awx/magento_credential_type.yml) as AWX uses it: credentials
# of each kind are injected the way AWX renders injectors (awx_inject.py) into an ansible-runner private
# data directory, the MSI tutorial runs with `ansible-runner run` (no process isolation), and
# check_run.py judges each run from its job events and the emulator's request log: a token credential
# converges a fresh shop and reindexes it, OAuth and username/password credentials then change nothing,
# and no secret appears in any job event.
set -eux -o pipefail

source ../setup_magento_emulator/emulator.sh

root="$(collection_root)"
python="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}"
credential_type="${root}/extensions/awx/magento_credential_type.yml"

# Each secret starts with a marker of letters and digits, which JSON keeps, and goes on with characters
# it changes.
token='awxtokQ4Z+tok/1='
password='awxpwdN7B"\pw+/2'
consumer_key='awxckeyH2D+key/3'
consumer_secret='awxcsecK8F+sec/4'
access_token='awxatokT5M+tok/5'
access_token_secret='awxatsW3P+sec/6'
work="$(mktemp -d)"
printf '%s\n' awxtokQ4Z awxpwdN7B awxckeyH2D awxcsecK8F awxatokT5M awxatsW3P >"${work}/markers"

emulator_start fresh-install --token "${token}" --admin-user "admin:${password}" \
    --integration "${consumer_key}:${consumer_secret}:${access_token}:${access_token_secret}"
unset MAGENTO_URL MAGENTO_TOKEN
trap 'rm -rf "${work}"; emulator_stop' EXIT

"${root}/tests/magento_cli_standin/create_root.sh" "${work}/magento" "" "{\"emulator_url\": \"${EMULATOR_URL}\"}"

# A job: the project holds the tutorial playbook, the inventory localhost, env/ the job template's extra
# vars, ansible-runner's settings as AWX writes them, and what the credential injects.
run_job() {
    local name=$1 inputs=$2 extravars=$3 expect=$4
    local dir="${work}/${name}"
    mkdir -p "${dir}/project" "${dir}/inventory" "${dir}/env"
    cp "${root}/playbooks/msi_tutorial.yml" "${dir}/project/"
    printf 'localhost ansible_connection=local ansible_python_interpreter=%s\n' "${python}" >"${dir}/inventory/hosts"
    printf '%s\n' "${extravars}" >"${dir}/env/extravars"
    printf '{"suppress_output_file": false, "job_timeout": 600}\n' >"${dir}/env/settings"
    (umask 077 && printf '%s\n' "${inputs}" >"${work}/inputs.json")
    "${python}" awx_inject.py --credential-type "${credential_type}" --inputs "${work}/inputs.json" \
        --private-data-dir "${dir}"
    rm "${work}/inputs.json"
    ansible-runner run "${dir}" --playbook msi_tutorial.yml --ident "${name}"
    "${python}" check_run.py --artifacts "${dir}/artifacts/${name}" --emulator-url "${EMULATOR_URL}" \
        --markers "${work}/markers" --expect "${expect}"
}

# json_object key=string key:=json ...: one JSON object, whatever the strings hold.
json_object() {
    "${python}" -c '
import json, sys
pairs = [arg.split("=", 1) for arg in sys.argv[1:]]
print(json.dumps(dict((k[:-1], json.loads(v)) if k.endswith(":") else (k, v) for k, v in pairs)))' "$@"
}

env_of() {
    "${python}" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "${work}/$1/env/envvars" "$2"
}

run_job token "$(json_object url="${EMULATOR_URL}" token="${token}")" \
    "$(json_object msi_tutorial_magento_root="${work}/magento")" converged
# Inputs left out render as empty strings, a boolean left out as false: validation stays on, no CA file.
test "$(env_of token MAGENTO_USERNAME)" = ""
test "$(env_of token MAGENTO_VALIDATE_CERTS)" = "true"
test "$(env_of token MAGENTO_CA_PATH)" = ""

run_job oauth "$(json_object url="${EMULATOR_URL}" store_code=all consumer_key="${consumer_key}" \
    consumer_secret="${consumer_secret}" access_token="${access_token}" access_token_secret="${access_token_secret}")" \
    "$(json_object msi_tutorial_magento_root="${work}/magento")" unchanged
test "$(env_of oauth MAGENTO_TOKEN)" = ""

# Empty strings, as a form sends for fields left blank, count as not given.
run_job password "$(json_object url="${EMULATOR_URL}" username=admin password="${password}" token= store_code= \
    ca_cert= skip_tls_verify:=false)" '{}' unchanged
test "$(env_of password MAGENTO_TOKEN)" = ""
test "$(env_of password MAGENTO_STORE_CODE)" = ""

# A CA certificate is written to a file of its own (mode 0600) that MAGENTO_CA_PATH names.
mkdir -p "${work}/tls/env"
json_object url=https://shop.example.com token=x skip_tls_verify:=true \
    ca_cert="$(printf -- '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----')" >"${work}/tls-inputs.json"
"${python}" awx_inject.py --credential-type "${credential_type}" --inputs "${work}/tls-inputs.json" \
    --private-data-dir "${work}/tls"
ca_path="$(env_of tls MAGENTO_CA_PATH)"
grep -q 'BEGIN CERTIFICATE' "${ca_path}"
test "$(stat -c %a "${ca_path}")" = 600
test "$(env_of tls MAGENTO_VALIDATE_CERTS)" = "false"
test "$(env_of tls MAGENTO_CLIENT_CERT)" = ""

# What a platform administrator hands to awx.awx.credential_type, loaded as docs/awx.md shows, is the
# file's content: Ansible renders none of the injector templates.
ansible-playbook load_type.yml -e credential_type_path="${credential_type}" -e output_path="${work}/module_args.json" \
    -e ansible_python_interpreter="${python}" "$@"
"${python}" - "${credential_type}" "${work}/module_args.json" <<'PYEOF'
import json
import sys

import yaml

with open(sys.argv[1]) as handle:
    definition = yaml.safe_load(handle)
with open(sys.argv[2]) as handle:
    module_args = json.load(handle)
for key in ("name", "kind", "inputs", "injectors"):
    assert module_args[key] == definition[key], key
assert module_args["injectors"]["env"]["MAGENTO_URL"] == "{{ url }}"
PYEOF
