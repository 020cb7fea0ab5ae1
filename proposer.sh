#!/usr/bin/env bash
# The proposer role: ./proposer.sh <id> <path to config>. Builds if needed, then becomes the program itself.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"
paxos_run_role Proposer "$@"
