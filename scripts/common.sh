# shellcheck shell=bash
# Helpers shared by the role scripts (client.sh, proposer.sh, acceptor.sh, learner.sh) and run.sh.
# Sourced, never executed: it defines functions and PAXOS_ROOT and has no side effects.

# The repository root, from this file's own location, so that every script works from any cwd
# (the course harness runs the role scripts from the project dir, run.sh from anywhere).
PAXOS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export PAXOS_ROOT

# The SDK's first-run banner and telemetry notice would otherwise land in our output; a learner's
# stdout is data, so keep the dotnet host quiet.
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

paxos_dll() { # <Role>: path of the role's built program (JIT build)
    printf '%s/src/Paxos.%s/bin/Release/net10.0/Paxos.%s.dll' "$PAXOS_ROOT" "$1" "$1"
}

# <Role>: prints the command that runs the role: its native executable when scripts/ensure-built.sh
# has installed a current one (Native AOT; .build/native.stamp), else `dotnet <dll>` of the JIT build.
# PAXOS_RUNTIME=jit picks the JIT build even then, to compare the two.
paxos_program() {
    local native="$PAXOS_ROOT/.build/native/Paxos.$1"
    if [[ ${PAXOS_RUNTIME:-} != jit && -f "$PAXOS_ROOT/.build/native.stamp" && -x $native ]]; then
        printf '%s\n' "$native"
    else
        printf 'dotnet\n%s\n' "$(paxos_dll "$1")"
    fi
}

# The whole body of a role script: <Role> <id> <config path>. Ends by exec'ing the program, so the
# running process is the one whose command line carries the config path (the course harness stops
# everything with `pkill -f <config path>`) and whose stdout is the script's stdout.
paxos_run_role() {
    # When start-up began, for the benchmark's start-up time (Unix seconds; "." whatever the locale).
    export PAXOS_LAUNCHED_AT=${EPOCHREALTIME/,/.}
    local role=$1
    shift
    if [[ $# -ne 2 ]]; then
        echo "usage: $(basename "$0") <id> <path to config>" >&2
        exit 2
    fi
    # run.sh builds once before it starts anything and sets PAXOS_SKIP_BUILD=1, so that a source
    # edited mid-run cannot make a late-started process rebuild the binaries under the running ones.
    if [[ ${PAXOS_SKIP_BUILD:-0} != 1 ]]; then
        # --quick: on a fresh clone the JIT build (seconds), the Native AOT one in the background.
        "$PAXOS_ROOT/scripts/ensure-built.sh" --quick
    fi
    local program
    mapfile -t program < <(paxos_program "$role")
    exec "${program[@]}" "$@"
}

# Makes sure iptables (for the loss scenarios, used only inside a namespace) is installed: as root with
# apt-get it installs it, otherwise it explains and exits 2. <program name> prefixes the messages.
paxos_require_iptables() {
    command -v iptables >/dev/null && return 0
    if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "$1: message loss needs iptables; installing it (apt-get install iptables)..." >&2
        if { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iptables; } >&2; then
            return 0
        fi
        echo "$1: could not install iptables; install it and try again" >&2
    else
        echo "$1: message loss needs iptables (apt-get install iptables); it is used only inside the namespace" >&2
    fi
    exit 2
}
