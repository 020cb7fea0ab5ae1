#!/usr/bin/env bash
# Reads one benchmark run's folder (written by run.sh with PAXOS_STATS_DIR=<folder>/stats) and prints
# its Markdown tables on stdout; appends one row to <csv dir>/runs.csv and one per process to
# <csv dir>/roles.csv.
#   scripts/bench/collect.sh <run folder> <csv dir> <label> <values per client> <offered rate or max> <loss> <run.sh exit status> [<value size>] [<durable>]
# (value size: bytes per value of --value-size, or empty for the course's small random numbers;
# durable: 1 for a run with data_dir, else 0)
set -euo pipefail
run=$1 csv=$2 label=$3 n=$4 rate=$5 loss=$6 rc=$7 size=${8:-} durable=${9:-0}
stats="$run/stats"

get() { # <stats file> <key> -> value (empty if absent)
    awk -v k="$2" '$1 == k { print $2; exit }' "$1" 2>/dev/null || true
}
num() { local v; v=$(get "$1" "$2"); echo "${v:-0}"; }

total=$((2 * n))
roles=(acceptor1 acceptor2 acceptor3 proposer1 proposer2 learner1 learner2 client1 client2)

# End-to-end: from the first client send to the last value printed by the slower learner.
first_sent=0 last_printed=0 learned_min=-1
for c in client1 client2; do
    f="$stats/$c.stats"
    [[ -f $f ]] || continue
    v=$(num "$f" firstSentUs)
    ((v > 0 && (first_sent == 0 || v < first_sent))) && first_sent=$v
done
for l in learner1 learner2; do
    f="$stats/$l.stats"
    v=0
    [[ -f $f ]] && v=$(num "$f" lastPrintedUs)
    ((v > last_printed)) && last_printed=$v
    c=0
    [[ -f $f ]] && c=$(num "$f" values)
    ((learned_min < 0 || c < learned_min)) && learned_min=$c
done

checks=FAILED
if ((rc == 0)) && grep -q '^RESULT: OK' "$run/run.txt" && ((learned_min == total)); then
    checks=OK
fi
elapsed_s=0 throughput=0
if ((first_sent > 0 && last_printed > first_sent)); then
    elapsed_s=$(awk -v d=$((last_printed - first_sent)) 'BEGIN { printf "%.3f", d / 1e6 }')
    throughput=$(awk -v d=$((last_printed - first_sent)) -v t="$learned_min" 'BEGIN { printf "%.0f", t / (d / 1e6) }')
fi

# Bytes: the value bytes the slower learner printed (its output less one newline per value), so MB/s
# means the same for every value size. MB = 10^6 bytes.
value_bytes=-1
for l in learn1 learn2; do
    b=0
    if [[ -f "$run/$l" ]]; then
        b=$(($(wc -c <"$run/$l") - $(wc -l <"$run/$l")))
    fi
    ((value_bytes < 0 || b < value_bytes)) && value_bytes=$b
done
mb_per_s=0
if ((first_sent > 0 && last_printed > first_sent)); then
    mb_per_s=$(awk -v d=$((last_printed - first_sent)) -v b="$value_bytes" 'BEGIN { printf "%.1f", b / 1e6 / (d / 1e6) }')
fi

# Latency: the worse of the two clients at each percentile (percentiles of two samples do not merge).
lat() { # <key> -> max over clients, in ms
    local best=0 f v
    for f in "$stats/client1.stats" "$stats/client2.stats"; do
        [[ -f $f ]] || continue
        v=$(num "$f" "$1")
        ((v > best)) && best=$v
    done
    awk -v u="$best" 'BEGIN { printf "%.3f", u / 1000 }'
}
p50=$(lat latencyP50Us) p99=$(lat latencyP99Us) p999=$(lat latencyP999Us) pmax=$(lat latencyMaxUs)

# Instances: the leader's count of decided instances is what learners deliver (no-ops included).
instances=0
[[ -f "$stats/learner1.stats" ]] && instances=$(num "$stats/learner1.stats" instances)
per_instance=$(awk -v v="$learned_min" -v i="$instances" 'BEGIN { if (i > 0) printf "%.1f", v / i; else print 0 }')

retrans=0 datagrams=0 bytes=0 max_startup=0
# Each role's "retransmissions" counts its own kind of resend: a client's resent submissions, a
# proposer's re-sent Accepts (and Prepares), a learner's catch-up requests.
declare -A resent=([client]=0 [proposer]=0 [learner]=0 [acceptor]=0)
for r in "${roles[@]}"; do
    f="$stats/$r.stats"
    [[ -f $f ]] || continue
    rt=$(num "$f" retransmissions)
    retrans=$((retrans + rt))
    resent[${r%%[0-9]*}]=$((${resent[${r%%[0-9]*}]} + rt))
    datagrams=$((datagrams + $(num "$f" datagramsSent)))
    bytes=$((bytes + $(num "$f" bytesSent)))
done

per_value() { awk -v c="$1" -v t="$total" 'BEGIN { printf "%.4f", (t > 0 ? c / t : 0) }'; }
resends_pv=$(per_value "$retrans")
client_pv=$(per_value "${resent[client]}") proposer_pv=$(per_value "${resent[proposer]}") learner_pv=$(per_value "${resent[learner]}")

rate_text=$rate
[[ $rate == max ]] && rate_text="full speed"
size_text="small"
[[ -z $size ]] || size_text="$size B"
echo "### $label: 2 × $n values ($size_text), offered $rate_text$([[ $loss == 0 ]] || echo ", loss $loss")$([[ $durable == 0 ]] || echo ", durable (data_dir, fsync)")"
echo
echo "| values | value size | offered (values/s) | checks | throughput (values/s) | MB/s | elapsed (s) | latency p50 / p99 / p99.9 / max (ms) | instances | values/instance | datagrams | MB sent | resends/value: all (client + proposer + learner) |"
echo "| ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '| %s | %s | %s | %s | %s | %s | %s | %s / %s / %s / %s | %s | %s | %s | %s | %s (%s + %s + %s) |\n' \
    "$total" "$size_text" "$rate_text" "$checks" "$throughput" "$mb_per_s" "$elapsed_s" "$p50" "$p99" "$p999" "$pmax" "$instances" "$per_instance" \
    "$datagrams" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')" "$resends_pv" "$client_pv" "$proposer_pv" "$learner_pv"
echo
echo "| process | start-up (ms) | CPU (s) | peak RSS (MB) | datagrams sent | MB sent | datagrams received | retransmissions |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
[[ -f "$csv/roles.csv" ]] || echo "label,values,rate,loss,process,startup_ms,cpu_s,peak_rss_mb,datagrams_sent,bytes_sent,datagrams_received,retransmissions" >"$csv/roles.csv"
for r in "${roles[@]}"; do
    f="$stats/$r.stats"
    if [[ ! -f $f ]]; then
        echo "| $r | (no report) | | | | | | |"
        continue
    fi
    launched=$(num "$f" launchedUs) ready=$(num "$f" readyUs)
    startup=$(awk -v a="$launched" -v b="$ready" 'BEGIN { if (a > 0) printf "%.0f", (b - a) / 1000; else print "" }')
    cpu=$(num "$f" cpuSeconds)
    rss=$(awk -v k="$(num "$f" peakRssKb)" 'BEGIN { printf "%.1f", k / 1024 }')
    ds=$(num "$f" datagramsSent) bs=$(num "$f" bytesSent) dr=$(num "$f" datagramsReceived) rt=$(num "$f" retransmissions)
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$r" "$startup" "$cpu" "$rss" "$ds" \
        "$(awk -v b="$bs" 'BEGIN { printf "%.1f", b / 1048576 }')" "$dr" "$rt"
    echo "$label,$n,$rate,$loss,$r,$startup,$cpu,$rss,$ds,$bs,$dr,$rt" >>"$csv/roles.csv"
    [[ -n $startup ]] && ((startup > max_startup)) && max_startup=$startup
done
echo

# Peak memory per kind of role (the largest process of each kind), for the summary.
peak_of() { # <prefix>
    local best=0 f v
    for f in "$stats/$1"*.stats; do
        [[ -f $f ]] || continue
        v=$(num "$f" peakRssKb)
        ((v > best)) && best=$v
    done
    awk -v k="$best" 'BEGIN { printf "%.1f", k / 1024 }'
}
[[ -f "$csv/runs.csv" ]] || echo "label,values,rate,loss,checks,throughput,elapsed_s,p50_ms,p99_ms,p999_ms,max_ms,instances,values_per_instance,datagrams,bytes,retransmissions,max_startup_ms,rss_acceptor_mb,rss_proposer_mb,rss_learner_mb,rss_client_mb,value_size,value_bytes,mb_per_s,client_resends,proposer_retransmissions,learner_catchup_requests,resends_per_value,durable" >"$csv/runs.csv"
echo "$label,$n,$rate,$loss,$checks,$throughput,$elapsed_s,$p50,$p99,$p999,$pmax,$instances,$per_instance,$datagrams,$bytes,$retrans,$max_startup,$(peak_of acceptor),$(peak_of proposer),$(peak_of learner),$(peak_of client),$size,$value_bytes,$mb_per_s,${resent[client]},${resent[proposer]},${resent[learner]},$resends_pv,$durable" >>"$csv/runs.csv"
