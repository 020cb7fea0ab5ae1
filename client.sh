#!/usr/bin/env bash
# The client role: ./client.sh <id> <path to config>. Submits the lines of stdin and exits 0 once
# all are decided. Builds if needed, then becomes the program itself.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"
paxos_run_role Client "$@"
