#!/usr/bin/env bash
# Runs a command inside a fresh, isolated network namespace that has only loopback, with multicast
# routed to it:   scripts/netns.sh <command> [args...]
# Why: multicast sent on the host's network leaves the machine; inside this namespace it cannot.
# It needs no root (a user namespace, `unshare -r`), and iptables rules added inside (message-loss
# tests) vanish with the namespace. The namespace lives as long as its processes do.
# Inside, PAXOS_NETNS=1 is set so scripts can tell; called again from inside, it just runs the
# command (one namespace is enough, and processes started by one run must see each other).
set -euo pipefail

if [[ $# -eq 0 || $1 == -h || $1 == --help ]]; then
    echo "usage: $(basename "$0") <command> [args...]   (runs it in an isolated loopback-only network namespace)" >&2
    [[ $# -eq 0 ]] && exit 2
    exit 0
fi

if [[ "${PAXOS_NETNS:-0}" == 1 ]]; then
    exec "$@"
fi

if ! command -v unshare >/dev/null || ! command -v ip >/dev/null; then
    echo "$(basename "$0"): needs 'unshare' (util-linux) and 'ip' (iproute2)" >&2
    exit 1
fi

export PAXOS_NETNS=1
# lo is down and has no multicast route in a new namespace; the 224.0.0.0/4 route is what lets a
# socket join and send to 239.x groups without a default route.
exec unshare -rn bash -c '
    set -e
    ip link set lo up
    ip link set lo multicast on
    ip route add 224.0.0.0/4 dev lo
    exec "$@"' netns "$@"
