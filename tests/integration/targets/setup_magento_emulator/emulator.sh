#!/usr/bin/env bash
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Sourced by integration targets:
#   source ../setup_magento_emulator/emulator.sh
#   emulator_start tutorial            # exports EMULATOR_URL, MAGENTO_URL, MAGENTO_TOKEN
#   emulator_reset default             # state back to a fixture, log and faults cleared
# The emulator is stopped by an EXIT trap, unless the caller has one of its own (then it calls emulator_stop).
# Also for targets that need the collection's own files: root="$(collection_root)".
# tests/ci/demo.sh and package-test.sh source it too, with EMULATOR_PYTHON (the venv's python) and
# EMULATOR_ROOT (the work tree) set, since they run outside ansible-test and outside the tree.

collection_root() {
    if [ -n "${EMULATOR_ROOT:-}" ]; then
        printf '%s\n' "${EMULATOR_ROOT}"
        return 0
    fi
    # ansible-test runs targets from a copy below <root>/tests/output/.tmp/, so walk up to galaxy.yml
    local dir
    dir="$(pwd -P)"
    while [ "${dir}" != "/" ]; do
        if [ -f "${dir}/galaxy.yml" ] && [ -d "${dir}/tests/emulator/magento_msi_emulator" ]; then
            printf '%s\n' "${dir}"
            return 0
        fi
        dir="$(dirname "${dir}")"
    done
    echo "emulator.sh: no galaxy.yml with tests/emulator found above $(pwd)" >&2
    return 1
}

_emulator_python() {
    printf '%s\n' "${EMULATOR_PYTHON:-${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}}"
}

_emulator_http() {
    # method path [json-body]; stdlib only, so it works with whatever interpreter runs the tests
    "$(_emulator_python)" - "$EMULATOR_URL" "$@" <<'PYEOF'
import sys
import urllib.request
url, method, path = sys.argv[1], sys.argv[2], sys.argv[3]
data = sys.argv[4].encode() if len(sys.argv) > 4 else None
request = urllib.request.Request(url + path, data=data, method=method, headers={'Content-Type': 'application/json'})
with urllib.request.urlopen(request, timeout=5) as response:
    sys.stdout.write(response.read().decode() + '\n')
PYEOF
}

emulator_stop() {
    if [ -n "${_EMULATOR_PID:-}" ]; then
        kill -TERM "${_EMULATOR_PID}" 2>/dev/null || true
        wait "${_EMULATOR_PID}" 2>/dev/null || true
        _EMULATOR_PID=""
    fi
    if [ -n "${_EMULATOR_WORKDIR:-}" ]; then
        rm -rf "${_EMULATOR_WORKDIR}"
        _EMULATOR_WORKDIR=""
    fi
}

emulator_start() {
    local fixture="${1:-default}"
    local root
    [ "$#" -gt 0 ] && shift
    root="$(collection_root)" || return 1
    emulator_stop
    _EMULATOR_WORKDIR="$(mktemp -d)"
    if [ -z "$(trap -p EXIT)" ]; then
        trap emulator_stop EXIT
    fi
    PYTHONPATH="${root}/tests/emulator${PYTHONPATH:+:${PYTHONPATH}}" \
        "$(_emulator_python)" -m magento_msi_emulator --port 0 --port-file "${_EMULATOR_WORKDIR}/port" \
        --fixture "${fixture}" "$@" >"${_EMULATOR_WORKDIR}/stdout" 2>"${_EMULATOR_WORKDIR}/stderr" &
    _EMULATOR_PID=$!
    local attempt
    for attempt in $(seq 1 100); do
        if [ -s "${_EMULATOR_WORKDIR}/port" ]; then
            break
        fi
        if ! kill -0 "${_EMULATOR_PID}" 2>/dev/null; then
            echo "emulator.sh: the emulator exited early (attempt ${attempt}):" >&2
            cat "${_EMULATOR_WORKDIR}/stderr" >&2
            _EMULATOR_PID=""
            return 1
        fi
        sleep 0.1
    done
    if [ ! -s "${_EMULATOR_WORKDIR}/port" ]; then
        echo "emulator.sh: the emulator did not start within 10 s" >&2
        return 1
    fi
    local port
    port="$(tr -d '[:space:]' <"${_EMULATOR_WORKDIR}/port")"
    export EMULATOR_URL="http://127.0.0.1:${port}"
    export MAGENTO_URL="${EMULATOR_URL}"
    export MAGENTO_TOKEN="emulator-token"
    _emulator_http GET /__emulator__/config >/dev/null || {
        echo "emulator.sh: the emulator does not answer at ${EMULATOR_URL}" >&2
        return 1
    }
}

emulator_reset() {
    local fixture="${1:-}"
    if [ -n "${fixture}" ]; then
        _emulator_http POST /__emulator__/reset "{\"fixture\": \"${fixture}\"}" >/dev/null
    else
        _emulator_http POST /__emulator__/reset '{}' >/dev/null
    fi
}
