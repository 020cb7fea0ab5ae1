#!/usr/bin/env bash
# Prints issue 10's target table (workload | measured | target | met) as Markdown, from the medians
# of a `bench.sh --scenario table` run.   scripts/bench/table.sh <dir> <scale>
# Rows are found in <dir>/medians.csv by value size, offered rate and loss, which tell the scenario's
# runs apart (see bench.sh); the two loss-free small-value runs at full speed by their numbers of
# values (1,000,000 and 5,000,000 per client, scaled alike); durable runs (data_dir) by their own key.
set -euo pipefail
dir=$1 scale=$2
awk -F, -v scale="$scale" '
function num(n,    s, r) { s = sprintf("%d", n); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } return s r }
function pct(x) { return sprintf("%.2f%%", 100 * x) }
function resends(k) {
    return sprintf("resends %s of values (client %s, proposer %s, learner %s)", pct(rpv[k]), pct(cpv[k]), pct(ppv[k]), pct(lpv[k]))
}
function row(workload, k, measured, target, met,    checks) {
    if (!(k in have)) { printf "| %s | (not run) | %s | |\n", workload, target; return }
    checks = ok[k] == runs[k] ? "" : sprintf(" (**checks OK in %d of %d runs**)", ok[k], runs[k])
    printf "| %s | %s; %d run%s%s | %s | %s |\n", workload, measured, runs[k], runs[k] == 1 ? "" : "s", checks, target, \
        met < 0 ? "—" : ok[k] == runs[k] && met ? "yes" : "**no**"
}
NR == 1 { next }
{
    k = ($25 == 1 ? "durable" : "") $2 "|" $3 "|" $4
    # Loss-free small values at full speed: the fewer values are the ratio reference, the more the big run.
    if (k == "|max|0") {
        if (!("small" in have) || $1 < total["small"]) { if ("small" in have) copy("small", "big"); k = "small" }
        else k = "big"
    }
    set(k, $0)
}
function set(k, line,    f) {
    split(line, f, ",")
    have[k] = 1; total[k] = f[1]; runs[k] = f[5]; ok[k] = f[6]; tput[k] = f[7]; mbs[k] = f[8]
    p50[k] = f[10]; p99[k] = f[11]; rpv[k] = f[16]; cpv[k] = f[17]; ppv[k] = f[18]; lpv[k] = f[19]; rssa[k] = f[21]; src[k] = line
}
function copy(from, to) { set(to, src[from]) }
END {
    print "### Issue 10 targets" (scale == 1 ? "" : " (values scaled by " scale ": not comparable with the targets)")
    print ""
    print "| workload | measured (median) | target | met |"
    print "| --- | --- | --- | :---: |"
    k = "1024|max|0"
    row("2 × " num(total[k] / 2) " values of 1 KB (1024 B)", k, sprintf("%.1f MB/s (%s values/s), %s", mbs[k], num(tput[k]), resends(k)), \
        "≥ 300 MB/s, resends < 1%", mbs[k] >= 300 && rpv[k] < 0.01)
    k = "8192|max|0"
    row("2 × " num(total[k] / 2) " values of 8 KB (8192 B)", k, sprintf("%.1f MB/s (%s values/s), %s", mbs[k], num(tput[k]), resends(k)), \
        "≥ 500 MB/s, resends < 1%", mbs[k] >= 500 && rpv[k] < 0.01)
    k = "|max|0.1"
    ratio = ("small" in have && tput["small"] > 0) ? tput[k] / tput["small"] : 0
    row("2 × " num(total[k] / 2) " small values, 10% loss", k, \
        sprintf("%s values/s = %.0f%% of loss-free, p99 %.3f ms, %s", num(tput[k]), 100 * ratio, p99[k], resends(k)), \
        "≥ 60% of loss-free, p99 ≤ 50 ms", ratio >= 0.6 && p99[k] <= 50)
    row("2 × " num(total["small"] / 2) " small values, no loss (the reference of the ratio)", "small", \
        sprintf("%s values/s, p99 %.3f ms, %s", num(tput["small"]), p99["small"], resends("small")), "—", -1)
    row("2 × " num(total["big"] / 2) " small values, no loss", "big", \
        sprintf("%s values/s, %s", num(tput["big"]), resends("big")), "≥ 5,000,000 values/s", tput["big"] >= 5000000)
    k = "|1000|0"
    row("1,000 values/s offered (2 × " num(total[k] / 2) " small values)", k, sprintf("p50 %.3f ms, p99 %.3f ms", p50[k], p99[k]), \
        "p50 ≤ 0.1 ms, p99 ≤ 0.5 ms", p50[k] <= 0.1 && p99[k] <= 0.5)
    # Issue 9: the same workloads with data_dir (acceptors fsync before answering); the cost of
    # durability is the ratio to the in-memory run of the same table.
    k = "durable|max|0"
    ratio = ("small" in have && tput["small"] > 0) ? tput[k] / tput["small"] : 0
    row("durable: 2 × " num(total[k] / 2) " small values (data_dir, fsync)", k, \
        sprintf("%s values/s = %.0f%% of in-memory, p99 %.3f ms, peak RSS acceptor %s MB, %s", num(tput[k]), 100 * ratio, p99[k], rssa[k], resends(k)), \
        "≥ 1,000,000 values/s", tput[k] >= 1000000)
    k = "durable|1000|0"
    row("durable: 1,000 values/s offered (2 × " num(total[k] / 2) " small values)", k, sprintf("p50 %.3f ms, p99 %.3f ms", p50[k], p99[k]), \
        "p50 ≤ 1 ms, p99 ≤ 5 ms", p50[k] <= 1 && p99[k] <= 5)
    print ""
}' "$dir/medians.csv"
