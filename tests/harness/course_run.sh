#!/usr/bin/env bash
# Our replica of the course's own test harness (run.sh, run_1acceptor.sh, run_2acceptor.sh,
# run_catch_up.sh, run_loss.sh with loss_set.sh/loss_unset.sh and generate.sh), written from the
# facts of the public originals, to check that our role scripts work under them unchanged. One mode
# per original script:
#
#     course_run.sh [--mode run|1acceptor|2acceptor|catch_up|loss] <project dir> <values per client>
#
# Like the originals it is run from the *parent* folder of the project, and it writes prop1, prop2,
# learn1 and learn2 there; then `<project>/check_all.sh <parent folder>` gives the course's verdict.
#
# The facts every mode shares, as the originals have them:
#   - the config is "$(pwd)/paxos.conf" of the parent folder, taken before the cd (the course ships
#     that file next to its scripts; when it is missing we write the course's four lines there);
#   - first `pkill -f <config>` ends whatever an earlier run left behind;
#   - cd into the project; prop1 and prop2 get one bash $RANDOM per line (duplicates are common);
#   - every role is started as ./<role>.sh <id> <config> in the background, learners with stdout to
#     ../learn1 and ../learn2, clients with stdin from ../prop1 and ../prop2;
#   - 5 s after the last start, `pkill -f <config>` (SIGTERM) stops everything; then `wait`.
#
# The timelines (seconds after the first start):
#   run        acceptors 1 2 3 @0, learners 1 2 @1, proposers 1 2 @2, clients 1 2 @12, kill @17
#   2acceptor  the same with acceptors 1 2 only
#   1acceptor  the same with acceptor 1 only (no majority: nothing may be learned)
#   loss       loss set first (iptables drops incoming 239.0.0.1 with probability 0.1, or $LOSS:
#              the course's script says to edit it there), then as run; loss unset after the wait
#   catch_up   acceptors 1 2 3 @0, learner 1 @1, proposers 1 2 @2, client 1 @12, learner 2 @13,
#              client 2 @14, kill @19 (learner 2 must learn client 1's values from the others)
#
# Loss is set as the course does (`sudo iptables -A INPUT -d 239.0.0.1 -m statistic ...`) and unset by
# deleting every rule that names 239.0.0.1. Already root (as inside `unshare -r`), iptables is run
# directly; otherwise through sudo, as on a grader's machine. Where no iptables can be run at all
# the loss mode stops before starting anything: a "loss" run without loss would prove nothing.
#
# It uses nothing of the project but the four role scripts. It sends multicast only through them;
# run it in a namespace (scripts/netns.sh, or tests/harness/ordinary_host.sh for a laptop-like one).
set -euo pipefail

usage() {
    echo "usage: $(basename "$0") [--mode run|1acceptor|2acceptor|catch_up|loss] <project dir> <values per client>" >&2
    exit 1
}

mode=run
if [[ ${1:-} == --mode ]]; then
    [[ $# -ge 2 ]] || usage
    mode=$2
    shift 2
fi
case $mode in
run | 1acceptor | 2acceptor | catch_up | loss) ;;
*)
    echo "$(basename "$0"): unknown mode '$mode'" >&2
    usage
    ;;
esac
[[ $# -eq 2 && -n $1 && -n $2 ]] || usage
projdir=$1
n=$2
loss=${LOSS:-0.1}
group=239.0.0.1

# The course's generate.sh: one bash $RANDOM per line.
generate() {
    local i
    for ((i = 0; i < $1; i++)); do
        echo "$RANDOM"
    done
}

# The course calls `sudo iptables`; as root (our namespaces) sudo is neither needed nor installed.
firewall() {
    if [[ $EUID -eq 0 ]]; then
        iptables "$@"
    else
        sudo iptables "$@"
    fi
}

set_loss() {
    firewall -A INPUT -d "$group" -m statistic --mode random --probability "$loss" -j DROP
}

# loss_unset.sh: every rule of the filter table that names the group, deleted one by one.
unset_loss() {
    local rule
    { firewall -S | grep -F "$group" || true; } | sed 's/^-A //' | while read -r rule; do
        # shellcheck disable=SC2086 # a rule is a list of iptables arguments
        firewall -D $rule
    done
}

if [[ $mode == loss ]] && ! { command -v iptables >/dev/null && { [[ $EUID -eq 0 ]] || command -v sudo >/dev/null; }; }; then
    echo "$(basename "$0"): the loss mode needs iptables (and sudo when not root), as the course's loss_set.sh does" >&2
    exit 2
fi

conf="$(pwd)/paxos.conf"
if [[ ! -f $conf ]]; then
    printf 'clients 239.0.0.1 5000\nproposers 239.0.0.1 6000\nacceptors 239.0.0.1 7000\nlearners 239.0.0.1 8000\n' >"$conf"
fi

pkill -f "$conf" || true

cd "$projdir"

if [[ $mode == loss ]]; then
    echo "setting message loss to $loss..."
    set_loss
    # Not in the original, which never stops half-way: an interrupted run must not leave the rule behind.
    trap unset_loss EXIT
fi

generate "$n" >../prop1
generate "$n" >../prop2

start_acceptors() {
    local count=3 i
    [[ $mode == 2acceptor ]] && count=2
    [[ $mode == 1acceptor ]] && count=1
    echo "starting $count acceptor(s)..."
    for ((i = 1; i <= count; i++)); do
        ./acceptor.sh "$i" "$conf" &
    done
}

start_proposers() {
    echo "starting proposers..."
    ./proposer.sh 1 "$conf" &
    ./proposer.sh 2 "$conf" &
}

start_acceptors
sleep 1
if [[ $mode == catch_up ]]; then
    echo "starting learner 1..."
    ./learner.sh 1 "$conf" >../learn1 &
    sleep 1
    start_proposers
    echo "waiting 10 s before the first client..."
    sleep 10
    echo "starting client 1..."
    ./client.sh 1 "$conf" <../prop1 &
    sleep 1
    echo "starting learner 2 (it must catch up)..."
    ./learner.sh 2 "$conf" >../learn2 &
    sleep 1
    echo "starting client 2..."
    ./client.sh 2 "$conf" <../prop2 &
else
    echo "starting learners..."
    ./learner.sh 1 "$conf" >../learn1 &
    ./learner.sh 2 "$conf" >../learn2 &
    sleep 1
    start_proposers
    echo "waiting 10 s before the clients..."
    sleep 10
    echo "starting clients..."
    ./client.sh 1 "$conf" <../prop1 &
    ./client.sh 2 "$conf" <../prop2 &
fi

sleep 5
pkill -f "$conf" || true
wait

if [[ $mode == loss ]]; then
    unset_loss
    trap - EXIT
fi

cd ..
