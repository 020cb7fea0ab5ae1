#!/usr/bin/env bash
# An idle role under a flood of hostile datagrams:   idle-role-flood.sh <out dir>
# Starts one acceptor alone in an isolated namespace, floods its group (and the others) with raw
# datagrams of every hostile size, the empty one included, as fast as the attacker can for 2 s, waits
# 1 s (time to drain what the socket still holds, even on a busy machine), then measures the acceptor's
# CPU time over 2 s of silence: a receive path wedged by a datagram it cannot consume spins a core here.
# Writes to <out dir>/flood.txt:
#   flood_cpu_ms <CPU from the flood's start to 1 s after it>  idle_cpu_ms <CPU in the 2 s after that>  alive <1|0>
# and the acceptor's log (with its statistics at stop) to <out dir>/acceptor1.log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)"
attacker="$root/tests/Paxos.Attacker/bin/Release/net10.0/Paxos.Attacker.dll"
if [[ ${PAXOS_NETNS:-0} != 1 ]]; then
    [[ -f $attacker ]] || dotnet build "$root/tests/Paxos.Attacker" -c Release -nologo -v q >&2
    "$root/scripts/ensure-built.sh"
    exec "$root/scripts/netns.sh" "$0" "$@"
fi
out=$(cd "$1" && pwd -P)
conf="$out/paxos.conf"
cp "$root/paxos.conf" "$conf"

"$root/acceptor.sh" 1 "$conf" 2>"$out/acceptor1.log" &
acceptor=$!
trap 'kill "$acceptor" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    grep -q "receiving on" "$out/acceptor1.log" && break
    sleep 0.05
done

cpu_ms() { # CPU time (user + system) of the acceptor so far, in ms
    awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$acceptor/stat"
}

before=$(cpu_ms)
dotnet "$attacker" raw "$conf" 2 0 2>"$out/attacker.log"
sleep 1
after_flood=$(cpu_ms)
sleep 2
after_idle=$(cpu_ms)
alive=0
kill -0 "$acceptor" 2>/dev/null && alive=1
echo "flood_cpu_ms $((after_flood - before)) idle_cpu_ms $((after_idle - after_flood)) alive $alive" >"$out/flood.txt"
kill -TERM "$acceptor"
wait "$acceptor" || true
trap - EXIT
