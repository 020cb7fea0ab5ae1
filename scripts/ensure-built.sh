#!/usr/bin/env bash
# Builds the four role programs (Release) when they are missing or older than their sources: as
# native executables (Native AOT: receiving ~6 ms after exec, against ~100 ms for the JIT) when a C
# toolchain (clang or gcc) is present, else as ordinary .NET programs run by `dotnet`.
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

# Native AOT links with clang, or gcc when told so; without either the JIT build is used.
aot_linker=""
if [[ -f "$state/aot-failed" ]]; then
    : # Native AOT failed here before: keep to the JIT build (delete the file to try again).
elif command -v clang >/dev/null; then
    aot_linker=clang
elif command -v gcc >/dev/null; then
    aot_linker=gcc
fi

# What the role scripts run (scripts/common.sh finds the same paths): the native executable of
# `dotnet publish` (bin/Release/net10.0/<rid>/publish/Paxos.<Role>) or the JIT build's dll.
built_program() { # <role>
    if [[ -n $aot_linker ]]; then
        compgen -G "$root/src/Paxos.$1/bin/Release/net10.0/*/publish/Paxos.$1" >/dev/null
    else
        [[ -f "$root/src/Paxos.$1/bin/Release/net10.0/Paxos.$1.dll" ]]
    fi
}

needs_build() {
    [[ -f $stamp ]] || return 0
    local role
    for role in "${roles[@]}"; do
        built_program "$role" || return 0
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

build_once() {
    if [[ -n $aot_linker ]]; then
        # Native AOT, each role for this machine's runtime identifier; the JIT build of the same
        # sources is left in bin/Release/net10.0/<rid>/ (PAXOS_RUNTIME=jit runs it, to compare).
        if dotnet publish "$filter" -c Release -nologo -v q -p:CppCompilerAndLinker="$aot_linker" >&2; then
            return 0
        fi
        echo "ensure-built: the Native AOT publish failed (see above); building the JIT programs instead (and from now on: delete $state/aot-failed to try again)." >&2
        aot_linker=""
        touch "$state/aot-failed"
        rm -rf "$root"/src/Paxos.*/bin/Release/net10.0/*/publish
    fi
    dotnet build "$filter" -c Release -nologo -v q >&2
}

echo "ensure-built: building the role programs (Release${aot_linker:+, Native AOT with $aot_linker}; the first time takes a minute)..." >&2
started="$state/started"
for attempt in 1 2 3; do
    touch "$started"
    if ! build_once; then
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
