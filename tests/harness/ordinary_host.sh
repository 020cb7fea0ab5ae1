#!/usr/bin/env bash
# Runs a command on a stand-in for an ordinary machine (a grader's laptop, a lab host) and proves that
# it sent nothing on the machine's network:
#
#     tests/harness/ordinary_host.sh <command> [args...]
#
# The stand-in is a fresh user + network namespace (`unshare -rn`, no root needed) set up as such a
# machine is: loopback up but with neither the MULTICAST flag nor a multicast route, and an `eth0`
# (one end of a veth pair whose other end, wire0, nobody listens on) that has 10.99.0.2/24 and
# carries the default route. So a process that lets the system pick its multicast interface sends
# on eth0, as it would onto a real LAN; one that keeps to loopback sends nothing there.
#
# eth0's TX counters (`ip -s link`, which reads the namespace's own devices; /sys/class/net would
# show the host's) are taken right before and right after the command. IPv6 is off on eth0 from its
# creation, so the kernel itself sends nothing there (no DAD, router solicitation or MLD report):
# every packet counted is one a process of the command sent, or an IGMP join of a group on eth0.
# Every PAXOS_* variable is unset first: a grader's shell has none of ours.
#
# Prints "ordinary-host: eth0 sent <packets> packets (<bytes> bytes) while the command ran" on stderr
# and exits with the command's status, or 4 when the command succeeded but eth0 sent anything.
set -euo pipefail

me="$(basename "$0")"
if [[ $# -eq 0 || $1 == -h || $1 == --help ]]; then
    echo "usage: $me <command> [args...]   (runs it in a laptop-like network namespace; fails if anything was sent on its eth0)" >&2
    [[ $# -eq 0 ]] && exit 2
    exit 0
fi

# "<packets> <bytes>" sent so far by eth0. The line after the "TX:" header holds bytes, then packets.
tx_counters() {
    ip -s link show dev eth0 | awk '/^ *TX:/ { getline; print $2, $1; exit }'
}

if [[ $1 != --in-namespace ]]; then
    command -v unshare >/dev/null && command -v ip >/dev/null ||
        { echo "$me: needs 'unshare' (util-linux) and 'ip' (iproute2)" >&2; exit 1; }
    exec unshare -rn "$0" --in-namespace "$@"
fi
shift

# Refuse to touch a network that is not the fresh one unshare just made (only lo, down): called
# directly on a host, this part would otherwise add an eth0 and a default route to it.
if [[ $(ip -o link show | wc -l) -ne 1 ]]; then
    echo "$me: --in-namespace is internal; this network namespace is not a fresh one" >&2
    exit 1
fi

# Before eth0 exists, so it never gets an IPv6 address and the kernel never speaks on it.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add eth0 type veth peer name wire0
ip addr add 10.99.0.2/24 dev eth0
ip link set wire0 up
ip link set eth0 up
ip route add default via 10.99.0.1 dev eth0

while IFS='=' read -r name _; do
    unset "$name"
done < <(env | grep -E '^PAXOS_[A-Za-z0-9_]*=' || true)

read -r packets_before bytes_before < <(tx_counters)
status=0
"$@" || status=$?
read -r packets_after bytes_after < <(tx_counters)

packets=$((packets_after - packets_before))
bytes=$((bytes_after - bytes_before))
echo "ordinary-host: eth0 sent $packets packets ($bytes bytes) while the command ran" >&2
if ((status == 0 && packets > 0)); then
    exit 4
fi
exit "$status"
