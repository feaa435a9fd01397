#!/usr/bin/env bash
# The msi role and the export, round trip and drift, against the emulator:
#   1. export store A (disabled sources, pickup fields, regions by id and by name, non-ASCII names, a stock
#      with three websites, a source linked to three stocks, items out of stock, a stock without links);
#   2. apply A's file to a fresh install: --check --diff writes nothing, then the real run;
#   3. export the fresh install again: the file is identical to A's;
#   4. apply A's file back to A: no change, no write;
#   5. drift made behind the play's back: --check --diff shows it per resource, msi_fail_on_drift fails
#      with the summary and writes it as JSON, without a write to Magento;
#   6. the export refuses a store whose stock names are not unique.
set -eux

source ../setup_magento_emulator/emulator.sh
fixtures="$(collection_root)/tests/emulator/magento_msi_emulator/fixtures"
emulator_start "$fixtures/inventory-code-store-a.json"

work=$(mktemp -d)
trap 'rm -rf "$work"; emulator_stop' EXIT

changed_count() {
    sed -n 's/^localhost *: .*changed=\([0-9][0-9]*\).*/\1/p' "$1"
}

export_store() {
    ansible-playbook commerceops.magento.msi_export -e "msi_export_file=$1" -e msi_export_source_items=true "${@:2}"
}

# 1. Export store A.
export_store "$work/a.yml" "$@"
ansible-playbook verify.yml -e step=export -e "state_file=$work/a.yml" "$@"

# 2. Apply it to a fresh install, check mode first.
emulator_reset "$fixtures/inventory-code-fresh.json"
ansible-playbook commerceops.magento.msi_apply -e "@$work/a.yml" --check --diff "$@" | tee "$work/check.txt"
grep -q -- '--- before: source jp_store (before)' "$work/check.txt"
grep -q "stock 'Europe Stock (Ω)' (new)" "$work/check.txt"
ansible-playbook verify.yml -e step=check_on_fresh "$@"
ansible-playbook commerceops.magento.msi_apply -e "@$work/a.yml" "$@" | tee "$work/apply.txt"
test "$(changed_count "$work/apply.txt")" -eq 4
ansible-playbook verify.yml -e step=applied_to_fresh "$@"

# 3. Export the fresh install: the same file.
export_store "$work/b.yml" "$@"
diff -u "$work/a.yml" "$work/b.yml"

# 4. A's file back onto A: nothing to do.
emulator_reset "$fixtures/inventory-code-store-a.json"
ansible-playbook commerceops.magento.msi_apply -e "@$work/a.yml" -e "msi_drift_file=$work/none.json" "$@" \
    | tee "$work/reapply.txt"
test "$(changed_count "$work/reapply.txt")" -eq 0
ansible-playbook verify.yml -e step=reapplied -e "drift_file=$work/none.json" "$@"

# 4b. Items filtered by source and by a SKU pattern (Magento's like, compared ignoring case).
export_store "$work/filtered.yml" -e '{"msi_export_item_source_codes": ["uk_warehouse", "uk_store", "us_warehouse"]}' \
    -e msi_export_item_sku_pattern=24-mb% "$@"
"${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}" - "$work/filtered.yml" <<'PYEOF'
import sys
import yaml
items = yaml.safe_load(open(sys.argv[1]))["msi_source_items"]
pairs = sorted((item["sku"], item["source_code"]) for item in items)
assert pairs == [("24-MB01", "uk_store"), ("24-MB01", "uk_warehouse")], pairs
PYEOF

# 5. Drift behind the play's back.
ansible-playbook drift.yml "$@"
ansible-playbook commerceops.magento.msi_apply -e "@$work/a.yml" --check --diff "$@" | tee "$work/drift.txt"
grep -q -- '-city: "Croydon"' "$work/drift.txt"
grep -q -- '+city: "London"' "$work/drift.txt"
grep -q 'priority 2: uk_store' "$work/drift.txt"
grep -q 'sources: 0 added, 1 updated, 0 removed, 1 unlisted' "$work/drift.txt"
if ansible-playbook commerceops.magento.msi_apply -e "@$work/a.yml" -e msi_fail_on_drift=true \
        -e "msi_drift_file=$work/drift.json" "$@" > "$work/fail.txt"; then
    echo "msi_fail_on_drift did not fail on drift" >&2
    exit 1
fi
grep -q "differs from the variables (differences: 4; nothing was written)" "$work/fail.txt"
ansible-playbook verify.yml -e step=drift -e "drift_file=$work/drift.json" "$@"

# 6. Stock names that are not unique cannot be exported.
emulator_reset "$fixtures/inventory-code-twin-stocks.json"
if export_store "$work/twins.yml" "$@" > "$work/twins.txt"; then
    echo "the export wrote a file for twin stock names" >&2
    exit 1
fi
grep -q "stock name 'Outlet' is used by stocks 4 ('Outlet'), 6 ('outlet ')" "$work/twins.txt"
test ! -e "$work/twins.yml"
