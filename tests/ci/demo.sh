#!/usr/bin/env bash
# `make demo`: the collection against a throwaway Magento MSI emulator on 127.0.0.1, in two parts.
#   A. Magento's tutorial step "Link stocks and sources" (playbooks/link_stocks_sources.yml): first run,
#      rerun, and a check-mode --diff of a changed priority.
#   B. The whole tutorial (playbooks/msi_tutorial.yml) on a fresh install, with the reindex role running a
#      stand-in bin/magento: it reindexes once after the change and not at all on the rerun.
#   C. Inventory as code (the msi role): export a "production" store, apply the file to a fresh "staging"
#      store, export staging (identical file), then a change made behind the play's back shows as drift.
# Usage: demo.sh PYTHON COLLECTIONS_PATH
set -euo pipefail
export ANSIBLE_LOCALHOST_WARNING=False ANSIBLE_INVENTORY_UNPARSED_WARNING=False ANSIBLE_DISPLAY_SKIPPED_HOSTS=False

python=$1
export ANSIBLE_COLLECTIONS_PATH=$2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
workdir=$(mktemp -d)
export EMULATOR_PYTHON=$python EMULATOR_ROOT=$root
# shellcheck source=../integration/targets/setup_magento_emulator/emulator.sh
source "$root/tests/integration/targets/setup_magento_emulator/emulator.sh"

stop_emulator() {
    emulator_stop
    rm -rf "$workdir"
}
trap stop_emulator EXIT

say() {
    printf '\n\033[1m== %s\033[0m\n' "$*"
}

# Reads the emulator's request log: how many requests, and how many of them were writes.
request_counts() {
    curl --silent "$EMULATOR_URL/__emulator__/log" | "$python" -c '
import json, sys
log = json.load(sys.stdin)["requests"]
writes = [entry for entry in log if entry["write"]]
print("Magento received %d requests, %d of them writes" % (len(log), len(writes)))'
    curl --silent -X DELETE "$EMULATOR_URL/__emulator__/log" >/dev/null
}

show_links() {
    curl --silent "$EMULATOR_URL/__emulator__/state" | "$python" -c '
import json, sys
state = json.load(sys.stdin)
names = dict((stock["stock_id"], stock["name"]) for stock in state["stocks"])
for link in sorted(state["links"], key=lambda link: (link["stock_id"], link["priority"])):
    print("  %-14s priority %d  %s" % (names.get(link["stock_id"], link["stock_id"]), link["priority"], link["source_code"]))'
}

reindex_calls() {
    "$python" -c '
import json, sys
calls = json.load(open(sys.argv[1])).get("calls", [])
changing = [" ".join(call["argv"]) for call in calls if call["argv"][:1] in (["indexer:reindex"], ["cache:flush"], ["cache:clean"])]
print("bin/magento calls that change Magento, since the start of part B: %d" % len(changing))
for line in changing:
    print("  bin/magento " + line)' "$magento_root/var/standin_state.json"
}

playbook() {
    ansible-playbook "$@" | sed 's/^/    /'
}

say "Starting the Magento MSI emulator (tutorial fixture: sources and stocks exist, no links yet)"
emulator_start tutorial
echo "Magento REST API: $MAGENTO_URL/rest/all/V1 (bearer token: emulator-token)"

say "A1. Link stocks and sources, first run: the links are created (expect changed=1)"
playbook "$root/playbooks/link_stocks_sources.yml"
request_counts
show_links

say "A2. The same play again: nothing differs, so nothing is written (expect changed=0, 0 writes)"
playbook "$root/playbooks/link_stocks_sources.yml"
request_counts

say "A3. Dry run of a change (de_warehouse to priority 5) with --check --diff: shown, not written"
changed_links='{"link_stocks_sources_links": [
  {"stock": "UK Stock", "source_code": "uk_warehouse", "priority": 1},
  {"stock": "UK Stock", "source_code": "uk_store", "priority": 2},
  {"stock": "UK Stock", "source_code": "de_warehouse", "priority": 5},
  {"stock": "US Stock", "source_code": "us_warehouse", "priority": 1},
  {"stock": "US Stock", "source_code": "uk_warehouse", "priority": 2}]}'
playbook "$root/playbooks/link_stocks_sources.yml" --check --diff -e "$changed_links"
request_counts

say "B. Resetting the emulator to a fresh install (Default Stock and Default Source only)"
curl --silent -X POST -H 'Content-Type: application/json' --data '{"fixture": "fresh-install"}' \
    "$EMULATOR_URL/__emulator__/reset" >/dev/null
magento_root="$workdir/magento"
"$root/tests/magento_cli_standin/create_root.sh" "$magento_root" "" "{\"emulator_url\": \"$EMULATOR_URL\"}"
echo "A stand-in Magento root with bin/magento (run by php) at $magento_root"

say "B1. The whole MSI tutorial: sources, stocks, links, source items, then one reindex and flush"
playbook "$root/playbooks/msi_tutorial.yml" -e "msi_tutorial_magento_root=$magento_root"
request_counts
show_links
reindex_calls

say "B2. The whole tutorial again: nothing to change, no write, no reindex (expect changed=0)"
playbook "$root/playbooks/msi_tutorial.yml" -e "msi_tutorial_magento_root=$magento_root"
request_counts
reindex_calls

fixtures="$root/tests/emulator/magento_msi_emulator/fixtures"

say "C1. A 'production' store clicked together over years: export its MSI state to one file"
emulator_reset "$fixtures/inventory-code-store-a.json"
playbook "$root/playbooks/msi_export.yml" -e "msi_export_file=$workdir/production-msi.yml" -e msi_export_source_items=true
request_counts
echo "The file (stocks and links by name, no ids, no connection data), first lines:"
head -n 24 "$workdir/production-msi.yml" | sed 's/^/    /'

say "C2. A fresh 'staging' store: dry run of the file (--check), then apply it"
emulator_reset "$fixtures/inventory-code-fresh.json"
playbook "$root/playbooks/msi_apply.yml" -e "@$workdir/production-msi.yml" --check
request_counts
playbook "$root/playbooks/msi_apply.yml" -e "@$workdir/production-msi.yml"
request_counts
show_links

say "C3. Export staging and compare with production's file"
playbook "$root/playbooks/msi_export.yml" -e "msi_export_file=$workdir/staging-msi.yml" -e msi_export_source_items=true \
    >/dev/null
if diff -u "$workdir/production-msi.yml" "$workdir/staging-msi.yml"; then
    echo "    The two files are identical: staging now holds production's MSI state."
fi
curl --silent -X DELETE "$EMULATOR_URL/__emulator__/log" >/dev/null

say "C4. Someone changes staging behind the play's back: uk_store's priority in UK Stock goes from 2 to 5"
uk_stock_id=$(curl --silent "$EMULATOR_URL/__emulator__/state" | "$python" -c '
import json, sys
print([stock["stock_id"] for stock in json.load(sys.stdin)["stocks"] if stock["name"] == "UK Stock"][0])')
curl --silent -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $MAGENTO_TOKEN" \
    --data "{\"links\": [{\"stock_id\": $uk_stock_id, \"source_code\": \"uk_store\", \"priority\": 5}]}" \
    "$MAGENTO_URL/rest/all/V1/inventory/stock-source-links" >/dev/null
curl --silent -X DELETE "$EMULATOR_URL/__emulator__/log" >/dev/null
show_links

say "C5. The scheduled drift check: --check --diff shows the drift; msi_fail_on_drift fails with a summary"
playbook "$root/playbooks/msi_apply.yml" -e "@$workdir/production-msi.yml" --check --diff || true
if playbook "$root/playbooks/msi_apply.yml" -e "@$workdir/production-msi.yml" -e msi_fail_on_drift=true \
        -e "msi_drift_file=$workdir/drift.json"; then
    echo "unexpected: no drift found" >&2
    exit 1
fi
echo "The drift check failed as it should. Its machine-readable summary ($workdir/drift.json):"
"$python" -c 'import json, sys; d = json.load(open(sys.argv[1])); print("    differs=%s total=%d" % (d["differs"], d["total"])); print("    links updated: %s" % d["links"]["updated"])' "$workdir/drift.json"
request_counts

say "Done. Stopping the emulator."
