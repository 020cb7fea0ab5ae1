#!/usr/bin/env bash
# Runs two whole clusters at the same time on the same groups and ports, in one isolated namespace:
#   run-two-clusters.sh <dir A> <dir B> [run.sh options...]
# Each cluster proposes <dir>/inputs/prop1 and prop2 and writes its run to <dir>/out (run.sh's output
# to <dir>/run.txt). Both use the repository's paxos.conf; cluster B differs only by its cluster id
# (PAXOS_CLUSTER_ID), so every datagram of one reaches every process of the other.
# Exit status: 0 if both runs are OK.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)"
[[ ${PAXOS_NETNS:-0} == 1 ]] || exec "$root/scripts/netns.sh" "$0" "$@"
dir_a=$1 dir_b=$2
shift 2

PAXOS_CLUSTER_ID=1111 "$root/run.sh" --inputs "$dir_a/inputs" --out "$dir_a/out" "$@" >"$dir_a/run.txt" 2>&1 &
a=$!
PAXOS_CLUSTER_ID=2222 "$root/run.sh" --inputs "$dir_b/inputs" --out "$dir_b/out" "$@" >"$dir_b/run.txt" 2>&1 &
b=$!
status=0
wait "$a" || status=1
wait "$b" || status=1
cat "$dir_a/run.txt" "$dir_b/run.txt"
exit "$status"
