#!/usr/bin/env bash
# Real faults across hosts: `paxosctl multihost` (tools/Paxos.Cluster/Multihost), same arguments:
#   scripts/multihost/cluster.sh <scenario> <out dir> [values per client (default 10000)]
# Scenarios none, cut-acceptor, kill-leader, loss, partition; outputs and exit statuses: see --help.
# This wrapper builds the tool as run.sh does (scripts/ensure-built.sh --tool: only when its sources changed,
# its output only if it fails) and execs it; the tool builds the role programs itself.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"

if ! "$PAXOS_ROOT/scripts/ensure-built.sh" --tool; then
    echo "multihost/cluster.sh: building paxosctl failed; nothing was started." >&2
    exit 2
fi
exec "$PAXOS_ROOT/tools/Paxos.Cluster/bin/Release/net10.0/paxosctl" multihost "$@"
