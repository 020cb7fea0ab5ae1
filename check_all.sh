#!/usr/bin/env bash
# The course's three checks on prop1 prop2 learn1 learn2:   ./check_all.sh [folder]
# (default folder: out/ at the repository root, where run.sh writes). Prints the course's titles,
# each followed by "  > OK" or "  > Failed!" on stdout; details of a failure go to stderr.
# Exit status: 0 all OK, 1 some test failed, 2 usage or missing files.
# Built on sort -u / comm / cmp under LC_ALL=C so 1,000,000-line files take about a second.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
if [[ $# -gt 1 || ${1:-} == -h || ${1:-} == --help ]]; then
    echo "usage: $(basename "$0") [folder with prop1 prop2 learn1 learn2]   (default: $root/out)" >&2
    [[ $# -gt 1 ]] && exit 2
    exit 0
fi
dir=${1:-$root/out}

missing=()
for f in prop1 prop2 learn1 learn2; do
    [[ -f "$dir/$f" ]] || missing+=("$f")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "$(basename "$0"): missing in $dir: ${missing[*]} (run ./run.sh first, or name the folder that has them)" >&2
    exit 2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
sort -u "$dir/prop1" "$dir/prop2" >"$tmp/proposed"
sort -u "$dir/learn1" >"$tmp/learned1"
sort -u "$dir/learn2" >"$tmp/learned2"

failed=0
ok() { echo "  > OK"; }
fail() { # <details for stderr>
    echo "  > Failed!"
    echo "    ($1)" >&2
    failed=1
}
lines() { wc -l <"$1" | tr -d ' '; }

echo "Test 1 - Learners learned the same set of values in total order"
if cmp -s "$dir/learn1" "$dir/learn2"; then
    ok
else
    # The first line where they differ tells a divergence apart from a learner that is behind.
    first=$(cmp "$dir/learn1" "$dir/learn2" 2>&1 | head -n 1 || true)
    fail "learn1 has $(lines "$dir/learn1") lines, learn2 has $(lines "$dir/learn2"); $first"
fi

echo "Test 2 - Values learned were actually proposed"
sort -u -m "$tmp/learned1" "$tmp/learned2" | comm -23 - "$tmp/proposed" >"$tmp/unproposed"
if [[ ! -s "$tmp/unproposed" ]]; then
    ok
else
    fail "$(lines "$tmp/unproposed") distinct learned values were never proposed, e.g. '$(head -n 1 "$tmp/unproposed")'"
fi

echo "Test 3 - Learners learned every value that was sent by some client"
details=()
for i in 1 2; do
    if ! cmp -s "$tmp/learned$i" "$tmp/proposed"; then
        details+=("learn$i: $(comm -23 "$tmp/proposed" "$tmp/learned$i" | wc -l | tr -d ' ') of $(lines "$tmp/proposed") distinct proposed values missing")
    fi
done
if [[ ${#details[@]} -eq 0 ]]; then
    ok
else
    fail "${details[0]}${details[1]:+; ${details[1]}}"
fi

exit "$failed"
