#!/usr/bin/env bash
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Lay out a throwaway Magento root that uses the bin/magento stand-in:
#   create_root.sh ROOT [OWNER] [CONTROL_JSON]
# OWNER (default: the caller) owns the tree, as the Magento file system owner would.
# CONTROL_JSON is written to var/standin_control.json, e.g. '{"emulator_url": "http://127.0.0.1:8080"}'
# to take the inventory indexer's validity from the MSI emulator, or '{"lock": {"inventory": 2}}'.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 3 ]]; then
    echo "usage: $0 ROOT [OWNER] [CONTROL_JSON]" >&2
    exit 2
fi
root=$1
owner=${2:-$(id -un)}
control=${3:-"{}"}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [[ -e $root/bin/magento ]]; then
    echo "$root already holds a bin/magento; remove it first" >&2
    exit 1
fi
mkdir -p "$root/bin" "$root/app/etc" "$root/var"
cp "$here/bin/magento" "$root/bin/magento"
printf '%s\n' "<?php" "return ['MAGE_MODE' => 'production'];" > "$root/app/etc/env.php"
printf '%s\n' "$control" > "$root/var/standin_control.json"
chown -R "$owner" "$root"
# The owner must reach the root, whatever the umask of the caller.
chmod 0755 "$root" "$root/bin" "$root/app" "$root/app/etc" "$root/var"
