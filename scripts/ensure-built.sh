#!/usr/bin/env bash
# Builds the four role programs (Release) when they are missing or older than their sources.
# Called by every role script before it starts, so it must be fast when there is nothing to do
# (one `find` that stops at the first newer file) and safe when many start at once (the harness
# starts 3 acceptors together): callers serialize on a lock and re-check, so one of them builds.
# All output goes to stderr: a learner's stdout is data.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
state="$root/.build"
stamp="$state/stamp"
roles=(Client Proposer Acceptor Learner)

# Anything under src/ (bin/ and obj/ excepted: the build writes there) or the shared props newer
# than the stamp. Directories count too: their time changes when a file is added or removed.
sources_changed_since() { # <reference file> [find test, e.g. "! -type d"]
    local ref=$1 f
    shift
    for f in "$root/Directory.Build.props" "$root/Directory.Packages.props"; do
        [[ -e $f && $f -nt $ref ]] && return 0
    done
    [[ -n "$(find "$root/src" \( -name bin -o -name obj \) -prune -o "$@" -newer "$ref" -print -quit)" ]]
}

needs_build() {
    [[ -f $stamp ]] || return 0
    local role
    for role in "${roles[@]}"; do
        [[ -f "$root/src/Paxos.$role/bin/Release/net10.0/Paxos.$role.dll" ]] || return 0
    done
    sources_changed_since "$stamp"
}

needs_build || exit 0

mkdir -p "$state"
exec 9>"$state/lock"
flock 9
# Whoever held the lock before us may have just built everything.
needs_build || exit 0

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# One MSBuild run over a solution filter of the four role projects: Paxos.Core is built once and
# the roles in parallel, and the test projects (which may not even compile mid-change) are left out.
filter="$state/roles.slnf"
{
    printf '{\n  "solution": {\n    "path": "%s",\n    "projects": [\n' "$root/Paxos.sln"
    for role in "${roles[@]}"; do
        sep=,
        [[ $role == "${roles[-1]}" ]] && sep=
        printf '      "src/Paxos.%s/Paxos.%s.csproj"%s\n' "$role" "$role" "$sep"
    done
    printf '    ]\n  }\n}\n'
} >"$filter"

echo "ensure-built: building the role programs (Release)..." >&2
started="$state/started"
for attempt in 1 2 3; do
    touch "$started"
    if ! dotnet build "$filter" -c Release -nologo -v q >&2; then
        echo "ensure-built: BUILD FAILED (dotnet build -c Release of the four role projects under src/); see the errors above." >&2
        rm -f "$stamp"
        exit 1
    fi
    # A source edited while we were building may or may not be in the binaries: build again
    # rather than stamp a possibly stale build as current. (Files only: the build itself creates
    # bin/ and obj/, which changes the project directories' times.)
    if ! sources_changed_since "$started" ! -type d; then
        touch "$stamp"
        echo "ensure-built: done." >&2
        exit 0
    fi
    echo "ensure-built: sources changed during the build; building again ($attempt/3)..." >&2
done
echo "ensure-built: sources keep changing during the build; not marking it up to date." >&2
exit 0
