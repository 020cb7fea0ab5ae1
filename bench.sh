#!/usr/bin/env bash
# The benchmark: runs the real role programs (the course's line-up: 3 acceptors, 2 proposers,
# 2 learners, 2 clients) through run.sh, inside an isolated network namespace (no root needed), and
# reports per run one Markdown table (also as CSV) and, at the end, the medians. See --help.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
PROG=bench.sh

usage() {
    cat <<'USAGE'
usage: ./bench.sh [--values N[,N...]] [--rate R[,R...]] [--runs K] [--loss P] [--out DIR]

Each run starts a fresh cluster (./run.sh in its own isolated network namespace), lets both clients
submit N random values each, waits until both learners printed all of them, stops everything and
runs the course's three checks. It reports:
  - throughput: values per second from the first client send to the last value printed by the
    slower learner (from the processes' own clocks, written at stop);
  - latency of each value from its client's send to the client's decision notice (ClientAck):
    p50, p99, p99.9, max (the worse of the two clients);
  - per process: start-up (role script start to "receiving"), CPU seconds, peak resident memory
    (VmHWM), datagrams and bytes sent, retransmissions; instances decided, values per instance;
  - the checks: a run whose outputs fail them (or that does not finish) is marked FAILED.

Options:
  --values N[,N...]  values per client (default 10000); e.g. 10000,100000,1000000
  --rate R[,R...]    offered load in values/s for both clients together, open loop (each client
                     paces R/2 with PAXOS_CLIENT_RATE), or "max" for full speed (default max);
                     e.g. --rate 1000,10000,max
  --runs K           runs of each combination (default 1); the summary gives medians
  --loss P           drop each incoming datagram with probability P (iptables, in the namespace)
  --out DIR          where run folders, runs.csv, roles.csv, medians.csv and report.md go
                     (default bench-out/<date-time>)

Examples:
  ./bench.sh                                        # quick: 2 x 10,000 values at full speed
  ./bench.sh --values 1000000 --runs 3              # the throughput target
  ./bench.sh --values 10000 --rate 1000,10000 --runs 3
  ./bench.sh --values 100000 --loss 0.1 --runs 3
USAGE
}

die() {
    echo "$PROG: $*" >&2
    exit 2
}

values=10000 rates=max runs=1 loss=0 out=""
while [[ $# -gt 0 ]]; do
    arg=$1
    shift
    if [[ $arg == --*=* ]]; then
        set -- "${arg#*=}" "$@"
        arg=${arg%%=*}
    fi
    case $arg in
    -h | --help)
        usage
        exit 0
        ;;
    --values | --rate | --runs | --loss | --out)
        [[ $# -gt 0 ]] || die "$arg needs a value"
        case $arg in
        --values) values=$1 ;;
        --rate) rates=$1 ;;
        --runs) runs=$1 ;;
        --loss) loss=$1 ;;
        --out) out=$1 ;;
        esac
        shift
        ;;
    *) die "unknown argument: $arg (see --help)" ;;
    esac
done
IFS=, read -r -a value_list <<<"$values"
IFS=, read -r -a rate_list <<<"$rates"
for v in "${value_list[@]}"; do [[ $v =~ ^[1-9][0-9]*$ ]] || die "--values: not a positive integer: $v"; done
for r in "${rate_list[@]}"; do [[ $r == max || $r =~ ^[1-9][0-9]*$ ]] || die "--rate: not a positive integer or max: $r"; done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ $loss =~ ^(0|0?[.][0-9]+)$ ]] || die "--loss must be a probability below 1"

[[ -n $out ]] || out="$ROOT/bench-out/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
out="$(cd "$out" && pwd -P)"
rm -f "$out/runs.csv" "$out/roles.csv" "$out/medians.csv" "$out/report.md"

"$ROOT/scripts/ensure-built.sh"

report() { tee -a "$out/report.md"; }
{
    echo "## Benchmark $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) CPUs ($(uname -r))"
    echo
    echo "Command: ./bench.sh --values $values --rate $rates --runs $runs$([[ $loss == 0 ]] || echo " --loss $loss")"
    echo
} | report

for n in "${value_list[@]}"; do
    for rate in "${rate_list[@]}"; do
        for ((k = 1; k <= runs; k++)); do
            label="n${n}-r${rate}-l${loss}-run${k}"
            run="$out/$label"
            rm -rf "$run"
            mkdir -p "$run/stats"
            # The clients start once a proposer leads (0.3 s of heartbeats), as under the course's
            # harness (10 s): otherwise their first requests wait for a 0.3 s resend.
            args=("$n" --out "$run" --client-delay 0.5)
            [[ $loss == 0 ]] || args+=(--loss "$loss")
            client_rate=""
            if [[ $rate != max ]]; then
                client_rate=$(awk -v r="$rate" 'BEGIN { printf "%.3f", r / 2 }')
                # Paced runs last 2n/rate seconds: give them that and a margin.
                args+=(--timeout $((60 + 3 * 2 * n / rate)))
            fi
            echo "$PROG: run $k/$runs: 2 x $n values, offered ${rate}${client_rate:+ values/s}$([[ $loss == 0 ]] || echo ", loss $loss")..." >&2
            rc=0
            PAXOS_STATS_DIR="$run/stats" PAXOS_CLIENT_RATE="$client_rate" \
                "$ROOT/run.sh" "${args[@]}" >"$run/run.txt" 2>&1 || rc=$?
            "$ROOT/scripts/bench/collect.sh" "$run" "$out" "$label" "$n" "$rate" "$loss" "$rc" | report
            # The values themselves are large and not needed any more (learners' outputs were checked).
            rm -f "$run"/prop1 "$run"/prop2 "$run"/learn1 "$run"/learn2
        done
    done
done

"$ROOT/scripts/bench/medians.sh" "$out" | report
echo "$PROG: report in $out/report.md; CSV in $out/runs.csv, $out/roles.csv, $out/medians.csv" >&2
# Exit 1 if any run failed its checks.
! awk -F, 'NR > 1 && $5 != "OK" { bad = 1 } END { exit !bad }' "$out/runs.csv"
