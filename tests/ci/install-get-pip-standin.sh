#!/usr/bin/env bash
# Installs the offline get-pip stand-in where ansible-test looks for its cached bootstrap script.
# Usage: install-get-pip-standin.sh PYTHON (the interpreter that has ansible-test installed)
set -euo pipefail

python=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The cache file name carries the pip version ansible-test pins, so read it from the installed
# ansible-test instead of hard-coding it: an ansible-core upgrade then keeps working.
pip_version=$("$python" - <<'PY'
import os
import re
import ansible_test

source = os.path.join(os.path.dirname(ansible_test.__file__), '_internal', 'python_requirements.py')
with open(source, encoding='utf-8') as handle:
    match = re.search(r"\bpip='([0-9.]+)'", handle.read())
if not match:
    raise SystemExit('cannot find the pinned pip version in ' + source)
print(match.group(1))
PY
)

target="$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
if ! cmp -s "$here/get_pip_standin.py" "$target"; then
    mkdir -p "$(dirname "$target")"
    cp "$here/get_pip_standin.py" "$target"
    echo "Installed the offline get-pip stand-in as $target"
fi
