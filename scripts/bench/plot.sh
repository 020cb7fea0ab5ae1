#!/usr/bin/env bash
# Draws a benchmark's medians.csv as PNGs in its folder (throughput-vs-load.png, latency-vs-load.png,
# latency-cdf.png) with tools/Paxos.BenchPlot (ScottPlot), building the tool first if needed.
#   scripts/bench/plot.sh <bench output folder>
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
project="$root/tools/Paxos.BenchPlot"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1
# A quiet build: an up-to-date tool costs a couple of seconds; its output only if it fails.
if ! log=$(dotnet build "$project" -c Release -nologo -v q -nodeReuse:false -p:NuGetAudit=false 2>&1); then
    echo "plot.sh: building $project failed:" >&2
    echo "$log" | tail -n 20 >&2
    exit 1
fi
dotnet "$project/bin/Release/net10.0/Paxos.BenchPlot.dll" "$1"
