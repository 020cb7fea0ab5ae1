#!/usr/bin/env bash
# The acceptor role: ./acceptor.sh <id> <path to config>. Builds if needed, then becomes the program itself.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"
paxos_run_role Acceptor "$@"
