#!/usr/bin/env bash
# Prints the path of a Python that the oldest claimed ansible-core (2.17) runs on as a controller:
# 3.12, 3.11 or 3.10, newest first; for each, PATH and then pyenv's real interpreters (pyenv's shims
# of inactive versions exist on PATH but exit 127, so every candidate is actually run).
set -euo pipefail

fits() {
    "$1" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 12) else 1)' >/dev/null 2>&1
}

if command -v pyenv >/dev/null 2>&1; then
    pyenv_root=$(pyenv root)
else
    pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
fi
for version in 3.12 3.11 3.10; do
    if candidate=$(command -v "python$version") && fits "$candidate"; then
        "$candidate" -c 'import sys; print(sys.executable)'
        exit 0
    fi
    for candidate in "$pyenv_root"/versions/"$version".*/bin/python3; do
        if [ -x "$candidate" ] && fits "$candidate"; then
            echo "$candidate"
            exit 0
        fi
    done
done

cat >&2 <<'MSG'
No Python 3.10-3.12 found (looked for python3.12, python3.11, python3.10 on PATH, then in
$(pyenv root)/versions). ansible-core 2.17, the oldest release this collection claims, runs on
those only: install one (e.g. `pyenv install 3.12`), or pass COMPAT_PYTHON=/path/to/python3.12.
MSG
exit 1
