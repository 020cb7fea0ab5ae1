#!/usr/bin/env bash
# Runs a whole cluster on this machine, checks the outcome, and reports. See `./run.sh --help`.
# The work is paxosctl's (tools/Paxos.Cluster: `paxosctl run`, same options, exit statuses and output
# folder). This wrapper builds, outside any namespace (the build may need NuGet), the role programs
# and the tool, then hands its arguments over; the tool re-runs itself inside a fresh isolated network
# namespace (scripts/netns.sh), where all the multicast stays.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"
PROG=run.sh

# --loss needs iptables (used only inside the namespace); as root, install it if it is missing.
for arg in "$@"; do
    [[ $arg != --loss && $arg != --loss=* ]] || paxos_require_iptables "$PROG"
done

if ! "$PAXOS_ROOT/scripts/ensure-built.sh" || ! "$PAXOS_ROOT/scripts/ensure-built.sh" --tool; then
    echo "$PROG: the build failed; nothing was started." >&2
    exit 1
fi

# The tool prefixes its messages with this name, as run.sh always did.
export PAXOS_PROGRAM_NAME=$PROG
exec "$PAXOS_ROOT/tools/Paxos.Cluster/bin/Release/net10.0/paxosctl" run "$@"
