#!/usr/bin/env bash
# Runs ./run.sh with the given arguments while tests/Paxos.Attacker sends raw datagrams of random bytes
# in every size a receive path must survive (0 bytes, 1, 11, 12, 13, 1,472, 1,473, 8,192, 65,000 and
# 65,507, the largest IPv4 UDP payload) to all four groups for the whole run, about 2,000 a second.
# Used by the end-to-end tests: every value must still be learned, and every role must count the
# empty and the foreign datagrams as dropped. Runs itself inside an isolated namespace.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)"
attacker="$root/tests/Paxos.Attacker/bin/Release/net10.0/Paxos.Attacker.dll"
if [[ ${PAXOS_NETNS:-0} != 1 ]]; then
    [[ -f $attacker ]] || dotnet build "$root/tests/Paxos.Attacker" -c Release -nologo -v q >&2
    exec "$root/scripts/netns.sh" "$0" "$@"
fi

dotnet "$attacker" raw "$root/paxos.conf" 600 2000 &
attacker_pid=$!
trap 'kill "$attacker_pid" 2>/dev/null || true' EXIT
"$root/run.sh" "$@"
