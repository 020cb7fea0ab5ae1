#!/usr/bin/env bash
# The benchmark: `paxosctl bench` (tools/Paxos.Cluster/Bench) with the same options; see ./bench.sh --help.
# This wrapper builds the tool as run.sh does (scripts/ensure-built.sh --tool: only when its sources changed,
# its output only if it fails) and execs it; the tool builds the role programs itself before the first run.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"

if ! "$PAXOS_ROOT/scripts/ensure-built.sh" --tool; then
    echo "bench.sh: building paxosctl failed; nothing was started." >&2
    exit 2
fi
exec "$PAXOS_ROOT/tools/Paxos.Cluster/bin/Release/net10.0/paxosctl" bench "$@"
