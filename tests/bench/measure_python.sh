#!/usr/bin/env bash
# Copyright: (c) 2026, commerceops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Used as ansible_python_interpreter: runs each module process under GNU time, which appends the
# process's peak resident set size (KiB) and its user and system CPU seconds to BENCH_RSS_FILE. The module's exit status passes through.
# Without GNU time the module still runs and the peak is reported as unknown.
if [ -x /usr/bin/time ]; then
    exec /usr/bin/time --append --format '%M %U %S' --output "${BENCH_RSS_FILE:?}" "${BENCH_MODULE_PYTHON:?}" "$@"
fi
exec "${BENCH_MODULE_PYTHON:?}" "$@"
