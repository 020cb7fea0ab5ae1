#!/usr/bin/env bash
# Real faults across hosts: `paxosctl multihost` (tools/Paxos.Cluster/Multihost), same arguments:
#   scripts/multihost/cluster.sh <scenario> <out dir> [values per client (default 10000)]
# Scenarios none, cut-acceptor, kill-leader, loss, partition; outputs and exit statuses: see --help.
# This wrapper builds the tool when its sources changed (quietly; its output only if it fails) and execs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
project="$root/tools/Paxos.Cluster"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1
if ! log=$(dotnet build "$project" -c Release -nologo -v q -nodeReuse:false -p:NuGetAudit=false 2>&1); then
    echo "multihost/cluster.sh: building $project failed:" >&2
    echo "$log" | tail -n 20 >&2
    exit 2
fi
PAXOS_ROOT="$root" exec dotnet "$project/bin/Release/net10.0/paxosctl.dll" multihost "$@"
