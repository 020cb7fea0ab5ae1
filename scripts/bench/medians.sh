#!/usr/bin/env bash
# Prints the medians over the runs of each (values, rate, loss) combination in <dir>/runs.csv as a
# Markdown table, and writes them to <dir>/medians.csv.   scripts/bench/medians.sh <dir>
set -euo pipefail
dir=$1
awk -F, -v csv="$dir/medians.csv" '
function median(key, col,    n, i, j, t, a) {
    n = count[key]
    for (i = 1; i <= n; i++) a[i] = val[key, i, col] + 0
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    if (n % 2) return a[(n + 1) / 2]
    return (a[n / 2] + a[n / 2 + 1]) / 2
}
NR == 1 { next }
{
    key = $2 "," $3 "," $4
    if (!(key in count)) order[++keys] = key
    count[key]++
    ok[key] += ($5 == "OK")
    for (c = 6; c <= NF; c++) val[key, count[key], c] = $c
}
END {
    print "### Medians"
    print ""
    print "| values | offered (values/s) | loss | runs | checks OK | throughput (values/s) | elapsed (s) | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | values/instance | retransmissions | slowest start-up (ms) | peak RSS acceptor / proposer / learner / client (MB) |"
    print "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    print "values,rate,loss,runs,checks_ok,throughput,elapsed_s,p50_ms,p99_ms,p999_ms,max_ms,values_per_instance,retransmissions,max_startup_ms,rss_acceptor_mb,rss_proposer_mb,rss_learner_mb,rss_client_mb" > csv
    for (k = 1; k <= keys; k++) {
        key = order[k]
        split(key, p, ",")
        rate = p[2] == "max" ? "full speed" : p[2]
        printf "| %d | %s | %s | %d | %d/%d | %.0f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f | %.0f | %.0f | %.1f / %.1f / %.1f / %.1f |\n", \
            2 * p[1], rate, p[3], count[key], ok[key], count[key], median(key, 6), median(key, 7), median(key, 8), median(key, 9), \
            median(key, 10), median(key, 11), median(key, 13), median(key, 16), median(key, 17), median(key, 18), median(key, 19), median(key, 20), median(key, 21)
        printf "%d,%s,%s,%d,%d,%.0f,%.3f,%.3f,%.3f,%.3f,%.3f,%.1f,%.0f,%.0f,%.1f,%.1f,%.1f,%.1f\n", \
            2 * p[1], p[2], p[3], count[key], ok[key], median(key, 6), median(key, 7), median(key, 8), median(key, 9), \
            median(key, 10), median(key, 11), median(key, 13), median(key, 16), median(key, 17), median(key, 18), median(key, 19), median(key, 20), median(key, 21) > csv
    }
    print ""
}' "$dir/runs.csv"
