#!/usr/bin/env bash
# Measures what a grader sees on the very first run: the course's harness (our replica,
# tests/harness/course_run.sh) started on a fresh copy of the repository with no build output.
#
#     scripts/bench/first-run.sh [values per client, default 1000]
#
# The copy holds the tracked files as they are in the work tree (`git ls-files`, so uncommitted edits
# count), under a course-like parent folder in /tmp. The harness runs in an isolated network
# namespace (scripts/netns.sh). Prints, in seconds since the harness started, when each role said
# "receiving on" and when the build said what, then check_all's verdict. The NuGet cache must be
# warm: the namespace has no network. (For a cold cache, time the build alone on the host network:
# NUGET_PACKAGES=$(mktemp -d) scripts/ensure-built.sh --quick in a fresh copy.)
# The background Native AOT publish the run starts is stopped (by its process group) at the end.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
n=${1:-1000}
[[ $n =~ ^[1-9][0-9]*$ ]] || {
    echo "usage: $(basename "$0") [values per client]" >&2
    exit 2
}

parent="$(mktemp -d /tmp/paxos-first-run.XXXXXX)"
project="$parent/paxos"
mkdir -p "$project"
(cd "$root" && git ls-files -z | xargs -0 cp --parents -t "$project")
echo "fresh copy: $project (no build output)"

stop_publish() {
    local pgid
    pgid=$(cat "$project/.build/native.pid" 2>/dev/null) || return 0
    if kill -0 -- "-$pgid" 2>/dev/null; then
        echo "stopping the background Native AOT publish (process group $pgid)"
        kill -TERM -- "-$pgid" 2>/dev/null || true
        while kill -0 -- "-$pgid" 2>/dev/null; do sleep 0.2; done
    fi
}
trap stop_publish EXIT

# Each line of the harness's output (the roles' logs included), stamped with the time since start.
start=${EPOCHREALTIME/[.,]/}
(cd "$parent" && "$root/scripts/netns.sh" bash "$project/tests/harness/course_run.sh" "$project" "$n") 2>&1 |
    while IFS= read -r line; do
        us=$((${EPOCHREALTIME/[.,]/} - start))
        printf '%4d.%02d %s\n' $((us / 1000000)) $((us % 1000000 / 10000)) "$line"
    done >"$parent/harness.log"

grep -E 'receiving on|ensure-built|starting|BUILD FAILED' "$parent/harness.log" || true
echo "--- check_all"
"$root/check_all.sh" "$parent" || true
echo "log: $parent/harness.log; background publish log: $project/.build/native.log"
