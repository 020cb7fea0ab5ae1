#!/usr/bin/env bash
# Runs ./run.sh with the given arguments while a "blaster" sends datagrams of random bytes (1 to
# 1,400 bytes) to all four groups of the course's configuration, about 2,000 a second, for the whole
# run. Used by the end-to-end tests to show that foreign traffic changes nothing in the learners'
# output and is dropped and counted by every role. Runs itself inside an isolated namespace.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)"
[[ ${PAXOS_NETNS:-0} == 1 ]] || exec "$root/scripts/netns.sh" "$0" "$@"

blast() {
    local port
    while :; do
        for port in 5000 6000 7000 8000; do
            # bash sends to /dev/udp itself; a refused send (no listener yet) is fine.
            head -c $((RANDOM % 1400 + 1)) /dev/urandom >/dev/udp/239.0.0.1/$port 2>/dev/null || true
        done
        sleep 0.002
    done
}

blast &
blaster=$!
trap 'kill "$blaster" 2>/dev/null || true' EXIT
"$root/run.sh" "$@"
