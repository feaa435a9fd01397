#!/usr/bin/env bash
# Runs galaxy-importer on a built collection tarball and fails on anything it complains about.
# Usage: run-importer.sh PYTHON TARBALL
#
# The importer exits non-zero only when the import itself breaks. Everything Galaxy would show as a
# problem (ansible-lint findings, a missing changelog, sanity ignore files, doc loading trouble)
# is only logged, as lines starting with "WARNING:" or "ERROR:", so those lines decide the gate.
set -euo pipefail

python=$1
tarball=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

# The importer writes importer_result.json into its working directory.
status=0
(cd "$workdir" && GALAXY_IMPORTER_CONFIG="$here/galaxy-importer.cfg" \
    "$python" -m galaxy_importer.main "$tarball") | tee "$workdir/importer.log" || status=$?

if [ "$status" -ne 0 ]; then
    echo "galaxy-importer exited with status $status" >&2
    exit 1
fi
if ! grep -q '^Importer processing completed successfully' "$workdir/importer.log"; then
    echo "galaxy-importer did not report a completed import" >&2
    exit 1
fi
problems=$(grep -cE '^(WARNING|ERROR|CRITICAL):' "$workdir/importer.log" || true)
if [ "$problems" -ne 0 ]; then
    echo "galaxy-importer reported $problems problem line(s) (WARNING/ERROR above)" >&2
    exit 1
fi
echo "galaxy-importer: $(basename "$tarball") imported cleanly"
