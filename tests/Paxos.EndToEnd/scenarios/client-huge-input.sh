#!/usr/bin/env bash
# A client streaming a large input must do so with bounded memory:   client-huge-input.sh <out dir> <MiB>
# Starts 3 acceptors, 1 proposer, 1 learner (its output only counted) and a client whose stdin is
# a file of <MiB> MiB of 8-byte lines ("1234567\n"), in an isolated namespace. Writes to
# <out dir>/result: the number of input lines, the lines the learner printed, and the client's peak
# resident memory in KiB (VmHWM, from the statistics the client logs when it stops).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)"
[[ ${PAXOS_NETNS:-0} == 1 ]] || { "$root/scripts/ensure-built.sh"; exec "$root/scripts/netns.sh" "$0" "$@"; }
out=$(cd "$1" && pwd -P)
mib=$2
conf="$out/paxos.conf"
cp "$root/paxos.conf" "$conf"
trap 'pkill -f "$conf" || true' EXIT

for i in 1 2 3; do "$root/acceptor.sh" "$i" "$conf" 2>"$out/acceptor$i.log" & done
"$root/proposer.sh" 1 "$conf" 2>"$out/proposer.log" &
"$root/learner.sh" 1 "$conf" 2>"$out/learner.log" | wc -l >"$out/learned" &
until grep -q 'receiving on' "$out/learner.log" 2>/dev/null && grep -q 'receiving on' "$out/proposer.log" 2>/dev/null; do sleep 0.05; done
sleep 0.5

lines=$((mib * 1024 * 1024 / 8))
# A file, not a pipe from yes: yes ends on EPIPE, which would fail the pipeline under pipefail.
yes 1234567 | head -n "$lines" >"$out/input" || true
"$root/client.sh" 1 "$conf" <"$out/input" 2>"$out/client.log"

# The client's own peak resident memory (VmHWM), from the statistics it logs when it stops.
peak=$(grep -o '"peakRssKb": [0-9]*' "$out/client.log" | tail -n 1 | grep -o '[0-9]*$' || echo 0)

# Let the learner print the last decisions, then stop it so wc can count.
sleep 1
pkill -f "$conf" || true
wait
echo "$lines $(cat "$out/learned") $peak" >"$out/result"
