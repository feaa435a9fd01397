#!/usr/bin/env bash
# Runs each named make target as a gate, keeps going after a failure, prints a PASS/FAIL table with
# durations and ends with one line "N passed, N failed". Exits non-zero when any gate failed.
# Usage: run-gates.sh LOG_DIR GATE...   (MAKE may name the make binary; MAKEFLAGS is passed through)
set -uo pipefail

log_dir=$1
shift
make_cmd=${MAKE:-make}
mkdir -p "$log_dir"
# The output is kept in log files and read in CI; colour escape codes only clutter it.
export NO_COLOR=1 PY_COLORS=0 ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0

gates=()
results=()
durations=()
passed=0
failed=0

for gate in "$@"; do
    log="$log_dir/$gate.log"
    printf '\n==> gate %s\n' "$gate"
    started=$(date +%s%N)
    $make_cmd --no-print-directory "$gate" 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    elapsed_ms=$((($(date +%s%N) - started) / 1000000))

    if [ "$status" -eq 0 ]; then
        result=PASS
        passed=$((passed + 1))
        # Gates whose inputs do not exist yet say so; keep that visible in the summary.
        if grep -q '^SKIPPED:' "$log"; then
            result="PASS (skipped)"
        fi
    else
        result="FAIL (exit $status)"
        failed=$((failed + 1))
    fi
    gates+=("$gate")
    results+=("$result")
    durations+=("$(printf '%d.%d' $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100)))")
    printf '<== gate %s: %s in %ss\n' "$gate" "$result" "${durations[-1]}"
done

printf '\n%-16s %-16s %8s\n' gate result seconds
printf '%-16s %-16s %8s\n' ---------------- ---------------- --------
for index in "${!gates[@]}"; do
    printf '%-16s %-16s %8s\n' "${gates[$index]}" "${results[$index]}" "${durations[$index]}"
done
printf 'logs: %s\n\n' "$log_dir"
printf '%d passed, %d failed\n' "$passed" "$failed"

[ "$failed" -eq 0 ]
