#!/usr/bin/env bash
# Prints the medians over the runs of each (values, rate, loss, value size, durable) combination in
# <dir>/runs.csv as a Markdown table, and writes them to <dir>/medians.csv.   scripts/bench/medians.sh <dir>
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
    # Column 22 is the value size (empty: the course small random numbers), 29 whether data_dir was set.
    key = $2 "," $3 "," $4 "," $22 "," ($29 == 1 ? 1 : 0)
    if (!(key in count)) order[++keys] = key
    count[key]++
    ok[key] += ($5 == "OK")
    for (c = 6; c <= NF; c++) val[key, count[key], c] = $c
}
END {
    print "### Medians"
    print ""
    print "| values | value size (B) | offered (values/s) | loss | storage | runs | checks OK | throughput (values/s) | MB/s | elapsed (s) | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | values/instance | resends/value: all (client + proposer + learner) | slowest start-up (ms) | peak RSS acceptor / proposer / learner / client (MB) |"
    print "| ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    print "values,value_size,rate,loss,runs,checks_ok,throughput,mb_per_s,elapsed_s,p50_ms,p99_ms,p999_ms,max_ms,values_per_instance,retransmissions,resends_per_value,client_resends_per_value,proposer_retransmissions_per_value,learner_catchup_requests_per_value,max_startup_ms,rss_acceptor_mb,rss_proposer_mb,rss_learner_mb,rss_client_mb,durable" > csv
    for (k = 1; k <= keys; k++) {
        key = order[k]
        split(key, p, ",")
        total = 2 * p[1]
        rate = p[2] == "max" ? "full speed" : p[2]
        size = p[4] == "" ? "small" : p[4]
        printf "| %d | %s | %s | %s | %s | %d | %d/%d | %.0f | %.1f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f | %.4f (%.4f + %.4f + %.4f) | %.0f | %.1f / %.1f / %.1f / %.1f |\n", \
            total, size, rate, p[3], p[5] == 1 ? "durable" : "memory", count[key], ok[key], count[key], median(key, 6), median(key, 24), median(key, 7), median(key, 8), \
            median(key, 9), median(key, 10), median(key, 11), median(key, 13), median(key, 28), \
            median(key, 25) / total, median(key, 26) / total, median(key, 27) / total, \
            median(key, 17), median(key, 18), median(key, 19), median(key, 20), median(key, 21)
        printf "%d,%s,%s,%s,%d,%d,%.0f,%.1f,%.3f,%.3f,%.3f,%.3f,%.3f,%.1f,%.0f,%.4f,%.4f,%.4f,%.4f,%.0f,%.1f,%.1f,%.1f,%.1f,%d\n", \
            total, p[4], p[2], p[3], count[key], ok[key], median(key, 6), median(key, 24), median(key, 7), median(key, 8), \
            median(key, 9), median(key, 10), median(key, 11), median(key, 13), median(key, 16), median(key, 28), \
            median(key, 25) / total, median(key, 26) / total, median(key, 27) / total, \
            median(key, 17), median(key, 18), median(key, 19), median(key, 20), median(key, 21), p[5] > csv
    }
    print ""
}' "$dir/runs.csv"
