#!/usr/bin/env bash
# The benchmark: `paxosctl bench` (tools/Paxos.Cluster/Bench) with the same options; see ./bench.sh --help.
# This wrapper builds the tool when its sources changed (quietly; its output only if it fails) and execs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
project="$root/tools/Paxos.Cluster"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1
if ! log=$(dotnet build "$project" -c Release -nologo -v q -nodeReuse:false -p:NuGetAudit=false 2>&1); then
    echo "bench.sh: building $project failed:" >&2
    echo "$log" | tail -n 20 >&2
    exit 2
fi
PAXOS_ROOT="$root" exec dotnet "$project/bin/Release/net10.0/paxosctl.dll" bench "$@"
