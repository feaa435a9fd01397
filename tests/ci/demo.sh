#!/usr/bin/env bash
# `make demo`: a throwaway emulator on a free port, the tutorial's stock-source links posted with plain
# curl and read back, then the emulator stopped. A placeholder the lead extends with the playbooks.
# Usage: demo.sh PYTHON
set -euo pipefail

python=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
workdir=$(mktemp -d)
emulator_pid=

stop_emulator() {
    if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
        kill "$emulator_pid"
        wait "$emulator_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap stop_emulator EXIT

step() {
    printf '\n== Step %s\n' "$*"
}

step "1: start the emulator with the tutorial fixture on a free port"
PYTHONPATH="$root/tests/emulator" "$python" -m magento_msi_emulator \
    --host 127.0.0.1 --port 0 --port-file "$workdir/port" --fixture tutorial >"$workdir/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 100); do
    [ -s "$workdir/port" ] && break
    if ! kill -0 "$emulator_pid" 2>/dev/null; then
        cat "$workdir/emulator.log" >&2
        exit 1
    fi
    sleep 0.1
done
if [ ! -s "$workdir/port" ]; then
    echo "the emulator did not report its port within 10 s" >&2
    exit 1
fi
base="http://127.0.0.1:$(cat "$workdir/port")/rest/all/V1"
echo "listening: $base"

links_url="$base/inventory/stock-source-links"
curl_api() {
    curl --silent --show-error --globoff --fail-with-body \
        -H 'Authorization: Bearer emulator-token' -H 'Content-Type: application/json' "$@"
}

step "2: POST $links_url (the tutorial's links for UK Stock = 2 and US Stock = 3)"
payload='{"links": [
  {"stock_id": 2, "source_code": "uk_warehouse", "priority": 1},
  {"stock_id": 2, "source_code": "uk_store", "priority": 2},
  {"stock_id": 2, "source_code": "de_warehouse", "priority": 3},
  {"stock_id": 3, "source_code": "us_warehouse", "priority": 1},
  {"stock_id": 3, "source_code": "uk_warehouse", "priority": 2}
]}'
echo "$payload"
curl_api -X POST --data "$payload" -w '\n-> HTTP %{http_code}\n' "$links_url"

step "3: GET $links_url?searchCriteria= (every link, read back)"
curl_api "$links_url?searchCriteria=" | "$python" -m json.tool

step "4: stop the emulator"
stop_emulator
trap - EXIT
echo "stopped"
