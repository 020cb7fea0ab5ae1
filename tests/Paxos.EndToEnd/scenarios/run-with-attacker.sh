#!/usr/bin/env bash
# Runs ./run.sh with the given arguments while tests/Paxos.Attacker forges frames of the same cluster
# (same groups, same cluster id) without its key for the whole run.
#   PAXOS_KEY_FILE=<key file>  the cluster authenticates its frames with this key (the attacker does not
#                              get it); unset: the cluster runs without authentication (the control case)
#   ATTACKER_ARGS=--wrong-key  the attacker tags its frames with a random key instead of none
# Builds the attacker if needed (outside the namespace), then runs itself inside an isolated namespace.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)"
attacker="$root/tests/Paxos.Attacker/bin/Release/net10.0/Paxos.Attacker.dll"
if [[ ${PAXOS_NETNS:-0} != 1 ]]; then
    [[ -f $attacker ]] || dotnet build "$root/tests/Paxos.Attacker" -c Release -nologo -v q >&2
    exec "$root/scripts/netns.sh" "$0" "$@"
fi

# The attacker knows the configuration (groups, hence the cluster id) but not the key.
env -u PAXOS_KEY_FILE dotnet "$attacker" forge "$root/paxos.conf" 600 ${ATTACKER_ARGS:-} &
attacker_pid=$!
trap 'kill "$attacker_pid" 2>/dev/null || true' EXIT
"$root/run.sh" "$@"
