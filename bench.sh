#!/usr/bin/env bash
# The benchmark: runs the real role programs (the course's line-up: 3 acceptors, 2 proposers,
# 2 learners, 2 clients) through run.sh, inside an isolated network namespace (no root needed), and
# reports per run one Markdown table (also as CSV) and, at the end, the medians. See --help.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
PROG=bench.sh
# For the report: the command as given.
command_text="$*"

usage() {
    cat <<'USAGE'
usage: ./bench.sh [--values N[,N...]] [--rate R[,R...]] [--runs K] [--loss P] [--value-size B] [--durable] [--out DIR]
       ./bench.sh --scenario table|load [--quick | --scale F] [--runs K] [--durable] [--out DIR]

Each run starts a fresh cluster (./run.sh in its own isolated network namespace), lets both clients
submit N values each, waits until both learners printed all of them, stops everything and runs the
course's three checks. It reports:
  - throughput: values per second from the first client send to the last value printed by the
    slower learner (from the processes' own clocks, written at stop), and MB/s: the value bytes the
    slower learner printed (newlines not counted; MB = 10^6 bytes) over the same time;
  - latency of each value from its client's send to the client's decision notice (ClientAck):
    p50, p99, p99.9, max (the worse of the two clients);
  - resends per value: clients' resent submissions + proposers' retransmissions + learners'
    catch-up requests, each divided by the values submitted (2N);
  - per process: start-up (role script start to "receiving"), CPU seconds, peak resident memory
    (VmHWM), datagrams and bytes sent, retransmissions; instances decided, values per instance;
  - the checks: a run whose outputs fail them (or that does not finish) is marked FAILED.
At the end: the medians, and plots (PNG) of throughput and latency against offered load and of the
latency distribution (tools/Paxos.BenchPlot).

Options:
  --values N[,N...]  values per client (default 10000); e.g. 10000,100000,1000000
  --rate R[,R...]    offered load in values/s for both clients together, open loop (each client
                     paces R/2 with PAXOS_CLIENT_RATE), or "max" for full speed (default max);
                     e.g. --rate 1000,10000,max
  --runs K           runs of each combination (default 1); the summary gives medians
  --loss P           drop each incoming datagram with probability P (iptables, in the namespace)
  --value-size B     each value is a line of B random letters (1..65000; nothing compresses, all
                     distinct), proposed through ./run.sh --inputs; default: the course's small
                     random numbers (0..32767)
  --durable          durable mode: each run gets a fresh data_dir in a temporary folder (removed
                     after the run; ./run.sh --data-dir): acceptors fsync before answering. With
                     --scenario load every run is durable; the table has durable rows anyway.
  --scenario NAME    a preset list of runs instead of --values/--rate/--loss/--value-size:
                       table: issue 10's targets, written as one Markdown table (table.md):
                              2 x 100,000 values of 1 KB (1024 B); 2 x 10,000 values of 8 KB;
                              2 x 1,000,000 small values with 10% loss and without (the ratio);
                              2 x 5,000,000 small values; 1,000 values/s offered (2 x 5,000);
                              issue 9's durable rows: 2 x 1,000,000 small values and 1,000
                              values/s offered, each with data_dir (the cost of durability
                              against the in-memory runs of the same table)
                       load:  small values at 1,000, 10,000, 100,000 values/s offered and full
                              speed, ~5 s each: the points of the plots against offered load
  --scale F          multiply the scenario's numbers of values by F (0 < F <= 1; at least 100
                     values per client, 500 for paced runs)
  --quick            --scale 0.01: the whole table in about a minute (numbers not comparable
                     with the targets)
  --out DIR          where run folders, runs.csv, roles.csv, medians.csv, report.md, table.md and
                     the plots go (default bench-out/<date-time>)

Examples:
  ./bench.sh                                        # quick: 2 x 10,000 values at full speed
  ./bench.sh --values 1000000 --runs 3              # the throughput target
  ./bench.sh --values 100000 --value-size 1024 --runs 3   # 1 KB values: MB/s and resends/value
  ./bench.sh --values 10000 --rate 1000,10000 --runs 3
  ./bench.sh --values 100000 --loss 0.1 --runs 3
  ./bench.sh --scenario table --quick               # the issue's table, scaled down, in a minute
  ./bench.sh --scenario table --runs 3              # the issue's table (many minutes)
USAGE
}

die() {
    echo "$PROG: $*" >&2
    exit 2
}

values=10000 rates=max runs=1 loss=0 size="" scenario="" scale=1 out="" durable=0
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
    --quick) scale=0.01 ;;
    --durable) durable=1 ;;
    --values | --rate | --runs | --loss | --value-size | --scenario | --scale | --out)
        [[ $# -gt 0 ]] || die "$arg needs a value"
        case $arg in
        --values) values=$1 ;;
        --rate) rates=$1 ;;
        --runs) runs=$1 ;;
        --loss) loss=$1 ;;
        --value-size) size=$1 ;;
        --scenario) scenario=$1 ;;
        --scale) scale=$1 ;;
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
# The clients skip a line longer than 65,000 bytes (WireLimits.MaxValueBytes): the run would fail.
[[ -z $size ]] || { [[ $size =~ ^[1-9][0-9]*$ ]] && ((size <= 65000)); } || die "--value-size must be 1..65000 bytes"
[[ -z $scenario || $scenario == table || $scenario == load ]] || die "--scenario must be table or load"
awk -v f="$scale" 'BEGIN { exit !(f > 0 && f <= 1) }' 2>/dev/null || die "--scale must be a number, 0 < F <= 1"
[[ $scale == 1 || -n $scenario ]] || die "--scale and --quick go with --scenario"

[[ -n $out ]] || out="$ROOT/bench-out/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
out="$(cd "$out" && pwd -P)"
rm -f "$out/runs.csv" "$out/roles.csv" "$out/medians.csv" "$out/report.md" "$out/table.md" "$out"/*.png

"$ROOT/scripts/ensure-built.sh"

report() { tee -a "$out/report.md"; }
{
    echo "## Benchmark $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) CPUs ($(uname -r))"
    echo
    echo "Command: ./bench.sh $command_text"
    echo
} | report

# <values per client> <rate or max> <loss> <value size or empty> [durable 0|1]: K runs of one combination.
run_combination() {
    local n=$1 rate=$2 loss=$3 size=$4 with_data=${5:-$durable} k label run args client_rate rc data=""
    for ((k = 1; k <= runs; k++)); do
        label="n${n}$([[ -z $size ]] || echo "-s$size")-r${rate}-l${loss}$([[ $with_data == 0 ]] || echo "-durable")-run${k}"
        run="$out/$label"
        rm -rf "$run"
        mkdir -p "$run/stats"
        # The clients start once a proposer leads (0.3 s of heartbeats), as under the course's
        # harness (10 s): otherwise their first requests wait for a 0.3 s resend.
        args=(--out "$run" --client-delay 0.5)
        if [[ -n $size ]]; then
            # Values of random letters, written into the run folder: run.sh proposes them in place.
            "$ROOT/scripts/bench/random-lines.sh" "$n" "$size" >"$run/prop1"
            "$ROOT/scripts/bench/random-lines.sh" "$n" "$size" >"$run/prop2"
            args+=(--inputs "$run")
        else
            args+=("$n")
        fi
        [[ $loss == 0 ]] || args+=(--loss "$loss")
        if [[ $with_data == 1 ]]; then
            # A fresh data folder per run, on the machine's temporary disk (what fsync measures).
            data=$(mktemp -d "${TMPDIR:-/tmp}/paxos-bench-data.XXXXXX")
            args+=(--data-dir "$data")
        fi
        client_rate=""
        if [[ $rate != max ]]; then
            client_rate=$(awk -v r="$rate" 'BEGIN { printf "%.3f", r / 2 }')
            # Paced runs last 2n/rate seconds: give them that and a margin.
            args+=(--timeout $((60 + 3 * 2 * n / rate)))
        fi
        echo "$PROG: run $k/$runs: 2 x $n values$([[ -z $size ]] || echo " of $size bytes"), offered ${rate}${client_rate:+ values/s}$([[ $loss == 0 ]] || echo ", loss $loss")$([[ $with_data == 0 ]] || echo ", durable")..." >&2
        rc=0
        PAXOS_STATS_DIR="$run/stats" PAXOS_CLIENT_RATE="$client_rate" \
            "$ROOT/run.sh" "${args[@]}" >"$run/run.txt" 2>&1 || rc=$?
        [[ -z $data ]] || rm -rf "$data"
        "$ROOT/scripts/bench/collect.sh" "$run" "$out" "$label" "$n" "$rate" "$loss" "$rc" "$size" "$with_data" | report
        # The values themselves are large and not needed any more (learners' outputs were checked).
        rm -f "$run"/prop1 "$run"/prop2 "$run"/learn1 "$run"/learn2
    done
}

# A scenario's number of values per client, times --scale, at least <minimum>.
scaled() { # <values> <minimum>
    awk -v n="$1" -v f="$scale" -v m="$2" 'BEGIN { v = int(n * f); printf "%d", v < m ? m : v }'
}

case $scenario in
table)
    # issue 10's target table and issue 9's durable rows; scripts/bench/table.sh finds these rows
    # again by their parameters.
    run_combination "$(scaled 100000 100)" max 0 1024 0
    run_combination "$(scaled 10000 100)" max 0 8192 0
    run_combination "$(scaled 1000000 100)" max 0.1 "" 0
    run_combination "$(scaled 1000000 100)" max 0 "" 0
    run_combination "$(scaled 5000000 100)" max 0 "" 0
    run_combination "$(scaled 5000 500)" 1000 0 "" 0
    run_combination "$(scaled 1000000 100)" max 0 "" 1
    run_combination "$(scaled 5000 500)" 1000 0 "" 1
    ;;
load)
    # About 5 s of offered load each (2n / rate), and a full-speed run.
    for rate in 1000 10000 100000; do
        run_combination "$(scaled $((rate * 5 / 2)) 500)" "$rate" 0 ""
    done
    run_combination "$(scaled 1000000 100)" max 0 ""
    ;;
*)
    for n in "${value_list[@]}"; do
        for rate in "${rate_list[@]}"; do
            run_combination "$n" "$rate" "$loss" "$size"
        done
    done
    ;;
esac

"$ROOT/scripts/bench/medians.sh" "$out" | report
if [[ $scenario == table ]]; then
    "$ROOT/scripts/bench/table.sh" "$out" "$scale" >"$out/table.md"
    report <"$out/table.md"
fi
"$ROOT/scripts/bench/plot.sh" "$out" || echo "$PROG: no plots (see above); the tables are complete." >&2
echo "$PROG: report in $out/report.md; CSV in $out/runs.csv, $out/roles.csv, $out/medians.csv$([[ $scenario != table ]] || echo "; $out/table.md"); plots $out/*.png" >&2
# Exit 1 if any run failed its checks.
! awk -F, 'NR > 1 && $5 != "OK" { bad = 1 } END { exit !bad }' "$out/runs.csv"
