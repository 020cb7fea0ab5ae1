#!/usr/bin/env bash
# The learner role: ./learner.sh <id> <path to config>. Decided values go to stdout, one per line,
# nothing else (logs go to stderr). Builds if needed, then becomes the program itself.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"
paxos_run_role Learner "$@"
