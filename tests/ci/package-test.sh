#!/usr/bin/env bash
# `make package-test`: what ships is what is tested. Installs the built tarball into an empty
# collections path, checks its Python requirements, and runs the tutorial play from that installed
# copy (never from this work tree) against a fresh Magento MSI emulator: the first run changes
# Magento and reindexes once, the second changes nothing and sends no write.
# Usage: package-test.sh VENV TARBALL
set -euo pipefail
export ANSIBLE_LOCALHOST_WARNING=False ANSIBLE_INVENTORY_UNPARSED_WARNING=False

venv=$(cd "$1" && pwd)
tarball=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
python=$venv/bin/python
export PATH=$venv/bin:$PATH
workdir=$(mktemp -d)
# The emulator comes from the work tree (it is not shipped); the collection under test never does.
export EMULATOR_PYTHON=$python EMULATOR_ROOT=$root
# shellcheck source=../integration/targets/setup_magento_emulator/emulator.sh
source "$root/tests/integration/targets/setup_magento_emulator/emulator.sh"

cleanup() {
    emulator_stop
    rm -rf "$workdir"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

changed_count() {
    sed -n 's/^localhost *: .*changed=\([0-9][0-9]*\).*/\1/p' "$1"
}

write_count() {
    curl --silent --fail "$EMULATOR_URL/__emulator__/log" |
        "$python" -c 'import json, sys; print(sum(1 for entry in json.load(sys.stdin)["requests"] if entry["write"]))'
}

installed=$workdir/collections
collection=$installed/ansible_collections/commerceops/magento
# Only the installed copy may be found: not the work tree, not a copy under ~/.ansible/collections
# (ansible-galaxy would even skip the install, seeing it "already installed"), not site-packages.
export ANSIBLE_COLLECTIONS_PATH=$installed ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=False
cd "$workdir"
echo "== Installing $(basename "$tarball") into an empty collections path"
ansible-galaxy collection install --offline -p "$installed" "$tarball"
listed=$(ansible-galaxy collection list commerceops.magento 2>/dev/null)
grep -q "^# $installed/ansible_collections\$" <<<"$listed" || fail "ansible-galaxy does not list the installed copy: $listed"
[ -f "$collection/playbooks/msi_tutorial.yml" ] || fail "the tarball has no playbooks/msi_tutorial.yml"

echo "== Python requirements of the installed copy"
"$python" "$root/tests/ci/check_python_requirements.py" "$collection"

echo "== Starting the Magento MSI emulator (fresh-install fixture)"
emulator_start fresh-install || fail "the emulator did not start"

magento_root=$workdir/magento
"$root/tests/magento_cli_standin/create_root.sh" "$magento_root" "" "{\"emulator_url\": \"$EMULATOR_URL\"}"

for run in first second; do
    echo "== ansible-playbook commerceops.magento.msi_tutorial, $run run (installed copy)"
    curl --silent --fail -X DELETE "$EMULATOR_URL/__emulator__/log" >/dev/null
    ansible-playbook commerceops.magento.msi_tutorial -e "msi_tutorial_magento_root=$magento_root" |
        tee "$workdir/$run.txt"
    printf '%s run: changed=%s, writes to Magento=%s\n' "$run" "$(changed_count "$workdir/$run.txt")" "$(write_count)" |
        tee "$workdir/$run.counts"
done

first_changed=$(changed_count "$workdir/first.txt")
if [ -z "$first_changed" ] || [ "$first_changed" -lt 4 ]; then
    fail "the first run changed '$first_changed' tasks, expected 4 or more"
fi
grep -q 'writes to Magento=0$' "$workdir/first.counts" && fail "the first run wrote nothing to Magento"
[ "$(changed_count "$workdir/second.txt")" = 0 ] || fail "the second run reported changes"
grep -q 'writes to Magento=0$' "$workdir/second.counts" || fail "the second run wrote to Magento"
reindexes=$("$python" -c '
import json, sys
calls = json.load(open(sys.argv[1])).get("calls", [])
print(sum(1 for call in calls if call["argv"][:1] == ["indexer:reindex"]))' "$magento_root/var/standin_state.json")
[ "$reindexes" = 1 ] || fail "bin/magento indexer:reindex ran $reindexes times over both runs, expected once"

echo "package-test: the installed $(basename "$tarball") provisioned the tutorial, then changed nothing (1 reindex)"
