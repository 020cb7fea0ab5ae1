#!/usr/bin/env bash
# A faithful re-implementation of the course's own run.sh, to check that our role scripts work
# under it unchanged. Like the original it lives in a *parent* folder of the project and is run
# from there:
#
#     cp tests/harness/course_run.sh ..; cd ..        # (or call it by its path from the parent)
#     <project>/scripts/netns.sh ./course_run.sh <project dir> <values per client>
#     <project>/check_all.sh .
#
# What it does, as the original: writes ../prop1 ../prop2 (bash $RANDOM, one per line), takes the
# config as "$(pwd)/paxos.conf" of the *parent* folder (computed before the cd, as the original
# does), cd's into the project, starts 3 acceptors, 1 s later 2 learners (stdout to ../learn1,
# ../learn2), 1 s later 2 proposers, 10 s later 2 clients (stdin from ../prop1, ../prop2), waits
# 5 s, kills everything with `pkill -f <config>` (SIGTERM) and waits for it all to end.
# It uses nothing of the project but the four role scripts. If the parent folder has no
# paxos.conf, it writes the course's own four lines there (the course ships that file).
#
# Variants (environment):
#   ACCEPTORS=3|2|1   how many acceptors to start (default 3)
#   LOSS=P            drop incoming multicast with probability P (iptables rule added first;
#                     needs the isolated namespace, where the rule vanishes with it)
#   SETTLE=S          seconds to wait after starting the clients (default 5, the course's)
#
# It must run in an isolated network namespace (see the usage above): it refuses otherwise.
set -euo pipefail

projdir=${1:-}
n=${2:-}
if [[ -z $projdir || -z $n ]]; then
    echo "Usage: $0 <project dir> <number of values per proposer>" >&2
    exit 1
fi
acceptors=${ACCEPTORS:-3}
settle=${SETTLE:-5}

if [[ ${PAXOS_ALLOW_HOST_NETWORK:-0} != 1 ]] &&
    awk 'NR > 1 && $2 == "00000000" && $1 != "lo" { f = 1 } END { exit !f }' /proc/net/route; then
    echo "$0: refusing to run on a network with a default route (multicast would leave the machine);" >&2
    echo "run it inside an isolated namespace: $projdir/scripts/netns.sh $0 $*" >&2
    exit 3
fi

# The course's generate.sh: one bash $RANDOM per line.
generate() {
    local i
    for ((i = 1; i <= $1; i++)); do
        echo "$RANDOM"
    done
}

conf="$(pwd)/paxos.conf"
if [[ ! -f $conf ]]; then
    printf 'clients 239.0.0.1 5000\nproposers 239.0.0.1 6000\nacceptors 239.0.0.1 7000\nlearners 239.0.0.1 8000\n' >"$conf"
fi

# The original starts by killing whatever a previous run left (processes with the config path).
pkill -f "$conf" || true

if [[ -n ${LOSS:-} ]]; then
    echo "setting message loss to $LOSS..."
    iptables -A INPUT -d 239.0.0.1 -m statistic --mode random --probability "$LOSS" -j DROP
fi

cd "$projdir"

generate "$n" >../prop1
generate "$n" >../prop2

echo "starting acceptors..."
for ((i = 1; i <= acceptors; i++)); do
    ./acceptor.sh "$i" "$conf" &
done

sleep 1
echo "starting learners..."
./learner.sh 1 "$conf" >../learn1 &
./learner.sh 2 "$conf" >../learn2 &

sleep 1
echo "starting proposers..."
./proposer.sh 1 "$conf" &
./proposer.sh 2 "$conf" &

echo "waiting to start clients"
sleep 10
echo "starting clients..."
./client.sh 1 "$conf" <../prop1 &
./client.sh 2 "$conf" <../prop2 &

sleep "$settle"

pkill -f "$conf" || true
wait

cd ..
