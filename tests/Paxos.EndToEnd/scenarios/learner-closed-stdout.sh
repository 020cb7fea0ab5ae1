#!/usr/bin/env bash
# A learner whose standard output is a pipe nobody reads (its reader has exited) must stop with a
# clear message instead of spinning:   learner-closed-stdout.sh <out dir>
# Starts 3 acceptors, 1 proposer, that learner and a client of 100 values in an isolated namespace;
# writes the learner's exit status to <out dir>/learner.status (its log is <out dir>/learner.log).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)"
[[ ${PAXOS_NETNS:-0} == 1 ]] || { "$root/scripts/ensure-built.sh"; exec "$root/scripts/netns.sh" "$0" "$@"; }
out=$(cd "$1" && pwd -P)
conf="$out/paxos.conf"
cp "$root/paxos.conf" "$conf"
trap 'pkill -f "$conf" || true' EXIT

for i in 1 2 3; do "$root/acceptor.sh" "$i" "$conf" 2>"$out/acceptor$i.log" & done
"$root/proposer.sh" 1 "$conf" 2>"$out/proposer.log" &
# `true` exits at once, so the learner's stdout is a pipe without a reader.
{
    status=0
    "$root/learner.sh" 1 "$conf" 2>"$out/learner.log" || status=$?
    echo "$status" >"$out/learner.status"
} | true &
sleep 1
seq 1 100 | "$root/client.sh" 1 "$conf" 2>"$out/client.log"

for _ in $(seq 1 100); do
    [[ -f $out/learner.status ]] && exit 0
    sleep 0.1
done
echo "the learner was still running 10 s after its values were decided" >&2
for pid in $(pgrep -f "Paxos.Learner.* 1 $conf"); do
    for t in /proc/$pid/task/*; do echo "  $pid $(cat "$t/comm") $(cat "$t/wchan") $(grep State "$t/status")" >&2; done
done
exit 1
