#!/usr/bin/env bash
# Prints the path of the first Python >= 3.12 on this machine: ansible-core 2.20+ needs it, and a
# 3.11 venv would silently resolve ansible-core to 2.19.x.
set -euo pipefail

is_recent_python() {
    # pyenv shims of inactive versions exist on PATH but exit 127, so actually run each candidate.
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

for name in python3.13 python3.12 python3; do
    if candidate=$(command -v "$name") && is_recent_python "$candidate"; then
        "$candidate" -c 'import sys; print(sys.executable)'
        exit 0
    fi
done

if command -v pyenv >/dev/null 2>&1; then
    pyenv_root=$(pyenv root)
else
    pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
fi
for candidate in "$pyenv_root"/versions/3.1[23]*/bin/python3; do
    if [ -x "$candidate" ] && is_recent_python "$candidate"; then
        echo "$candidate"
        exit 0
    fi
done

cat >&2 <<'MSG'
No Python >= 3.12 found (looked for python3.13, python3.12 and python3 on PATH, then
$(pyenv root)/versions/3.12* and 3.13*). ansible-core 2.21 needs Python 3.12 or newer:
install one (e.g. `apt-get install python3` on Debian 13, or `pyenv install 3.12`), or pass
PYTHON=/path/to/python3.12 to make.
MSG
exit 1
