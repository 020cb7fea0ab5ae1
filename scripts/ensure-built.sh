#!/usr/bin/env bash
# Makes the four role programs (Release) current with their sources. Two builds, two programs:
#   - the JIT build (`dotnet build`, run as `dotnet <dll>`): about 6-10 s from a fresh clone on 2
#     cores, so the course's harness, run first thing on a fresh clone, has its roles receiving
#     before its clients start (12 s after the acceptors);
#   - the Native AOT publish (receiving ~15 ms after exec, against ~200 ms for the JIT; about a minute
#     to build), when a C toolchain (clang or gcc) is present. It builds into .build/aot/ (its own
#     bin/ and obj/, see Directory.Build.props) and installs each executable into .build/native/ by
#     rename, so it never writes over a file a running program uses.
# scripts/common.sh runs the native program when .build/native.stamp says it is current, else the JIT one.
#
#   scripts/ensure-built.sh          both, in the foreground (run.sh, bench.sh: measure what ships)
#   scripts/ensure-built.sh --quick  the role scripts: the JIT build if it is stale, then the native
#                                    publish in the background, detached, if that is stale
#   scripts/ensure-built.sh --tool   run.sh: paxosctl (tools/Paxos.Cluster, Release, JIT) if it is stale
#
# Called by every role script before it starts, so it must be fast when there is nothing to do (a
# stamp plus a `find` that stops at the first newer file) and safe when many start at once (the
# harness starts 3 acceptors together): callers serialize on a lock per build and re-check, so one
# of them builds. Messages go to stderr, dotnet's output to .build/build.log (shown if it fails), the
# background publish's to .build/native.log: a learner's stdout is data.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
state="$root/.build"
roles=(Client Proposer Acceptor Learner)
jit_stamp="$state/stamp"
native_stamp="$state/native.stamp"
native_dir="$state/native"
native_log="$state/native.log"
tool_stamp="$state/tool.stamp"
tool_project="$root/tools/Paxos.Cluster"
tool_program="$tool_project/bin/Release/net10.0/paxosctl"

mode=full
case ${1:-} in
"") ;;
--quick) mode=quick ;;
--tool) mode=tool ;;
--native-background) mode=native-background ;;
*)
    echo "usage: $(basename "$0") [--quick | --tool]   (--native-background is internal: what --quick starts)" >&2
    exit 2
    ;;
esac

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild server or reused MSBuild nodes: they would outlive the build by minutes.
export DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1
# The compiler and MSBuild processes live seconds: workstation GC (the compiler asks for server GC,
# a heap and a thread per core) and no tiered PGO instrumentation save CPU.
export DOTNET_gcServer=0 DOTNET_TieredPGO=0
# For the JIT build, one compiler server of our own (its pipe named after this checkout) compiles
# the five projects: the compiler starts once instead of five times; and one MSBuild node (-m:1)
# instead of one per core. Together they cut the first JIT build from about 24 to about 7
# CPU-seconds on our 2-core machine. The build stops its server as soon as it is done.
compiler_server="paxos-$(printf '%s' "$root" | cksum | cut -d' ' -f1)"
stop_compiler_server() { ! command -v pkill >/dev/null || pkill -f -- "-pipename:$compiler_server\$" || true; }
# What every build of ours passes; and no NuGet vulnerability audit, which needs the network even
# when every package is in the cache (offline, it failed the build with NU1900). `dotnet build` and
# `dotnet test` of the solution still audit.
common_args=(-p:Configuration=Release -nologo -v q -clp:NoSummary -nodeReuse:false -m:1 -p:NuGetAudit=false)
# The compiler server is for the JIT build, which the harness waits for; the publish is niced and
# must not hand its compiling to a server that is not.
jit_args=(-p:UseSharedCompilation=true -p:SharedCompilationId="$compiler_server" -p:RunAnalyzers=false -p:PublishAot=false)
native_args=(-p:UseSharedCompilation=false)

# Runs dotnet with its output in <log> (shown on stderr if it fails) and none of our descriptors: the
# compiler server it may start outlives it and inherits them, and must hold neither a lock nor the
# caller's stderr (a harness reading that to its end would wait for the server).
dotnet_logged() { # <log> <dotnet arguments...>
    local log=$1
    shift
    if dotnet "$@" </dev/null >"$log" 2>&1 8>&- 9>&-; then
        return 0
    fi
    cat "$log" >&2
    return 1
}

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

jit_current() {
    [[ -f $jit_stamp ]] || return 1
    local role
    for role in "${roles[@]}"; do
        [[ -f "$root/src/Paxos.$role/bin/Release/net10.0/Paxos.$role.dll" ]] || return 1
    done
    ! sources_changed_since "$jit_stamp"
}

native_current() {
    [[ -f $native_stamp ]] || return 1
    local role
    for role in "${roles[@]}"; do
        [[ -x "$native_dir/Paxos.$role" ]] || return 1
    done
    ! sources_changed_since "$native_stamp"
}

# paxosctl is current when its program exists and neither src/ nor tools/Paxos.Cluster changed since its stamp.
tool_current() {
    [[ -f $tool_stamp && -x $tool_program ]] || return 1
    sources_changed_since "$tool_stamp" && return 1
    [[ -z "$(find "$tool_project" \( -name bin -o -name obj \) -prune -o -newer "$tool_stamp" -print -quit)" ]]
}

# paxosctl's build, under .build/tool.lock: only its project (and Paxos.Core, current after the JIT build), with
# the JIT build's lean settings and compiler server, so it adds seconds, not a second full build.
build_tool() {
    exec 9>"$state/tool.lock"
    flock 9
    if tool_current; then
        exec 9>&-
        return 0
    fi
    echo "ensure-built: building paxosctl (tools/Paxos.Cluster, Release)..." >&2
    local started="$state/tool.started" status=0
    touch "$started"
    dotnet_logged "$state/tool-build.log" build "$tool_project/Paxos.Cluster.csproj" "${common_args[@]}" "${jit_args[@]}" || status=$?
    stop_compiler_server
    if ((status != 0)); then
        echo "ensure-built: BUILD FAILED (dotnet build -c Release of tools/Paxos.Cluster); see the errors above." >&2
        rm -f "$tool_stamp"
        exit 1
    fi
    # As for the roles: a source saved during the build leaves the stamp off, so the next run builds again.
    touch "$tool_stamp"
    if sources_changed_since "$started" ! -type d ||
        [[ -n "$(find "$tool_project" \( -name bin -o -name obj \) -prune -o ! -type d -newer "$started" -print -quit)" ]]; then
        rm -f "$tool_stamp"
    fi
    exec 9>&-
}

# Native AOT links with clang, or gcc when told so; without either only the JIT build is used.
aot_linker=""
if [[ -f "$state/aot-failed" ]]; then
    : # Native AOT failed here before: keep to the JIT build (delete the file to try again).
elif command -v clang >/dev/null; then
    aot_linker=clang
elif command -v gcc >/dev/null; then
    aot_linker=gcc
fi

# A solution filter of the four role projects: one MSBuild run builds Paxos.Core once and the roles
# in parallel, and leaves out the test projects (which may not even compile mid-change).
write_filter() {
    # A file of its own per writer: the JIT build and the background publish hold different locks.
    local role sep tmp
    tmp=$(mktemp "$state/roles.slnf.XXXXXX")
    {
        printf '{\n  "solution": {\n    "path": "%s",\n    "projects": [\n' "$root/Paxos.sln"
        for role in "${roles[@]}"; do
            sep=,
            [[ $role == "${roles[-1]}" ]] && sep=
            printf '      "src/Paxos.%s/Paxos.%s.csproj"%s\n' "$role" "$role" "$sep"
        done
        printf '    ]\n  }\n}\n'
    } >"$tmp"
    mv -f "$tmp" "$state/roles.slnf"
}

# The JIT build, under .build/lock. Kept lean because the course's harness waits for it: no
# analyzers (`dotnet build` of the solution runs them), no Native AOT package to restore.
build_jit() {
    exec 9>"$state/lock"
    flock 9
    # Whoever held the lock before us may have just built everything.
    if jit_current; then
        exec 9>&-
        return 0
    fi
    write_filter
    echo "ensure-built: building the role programs (Release, JIT; about 10 s the first time)..." >&2
    local attempt started="$state/started" status
    for attempt in 1 2 3; do
        touch "$started"
        status=0
        dotnet_logged "$state/build.log" build "$state/roles.slnf" "${common_args[@]}" "${jit_args[@]}" || status=$?
        stop_compiler_server
        if ((status != 0)); then
            echo "ensure-built: BUILD FAILED (dotnet build -c Release of the four role projects under src/); see the errors above." >&2
            rm -f "$jit_stamp"
            exit 1
        fi
        # A source edited while we were building may or may not be in the binaries: build again
        # rather than stamp a possibly stale build as current. (Files only: the build itself creates
        # bin/ and obj/, which changes the project directories' times.) Stamp first, then look: a
        # source saved after the look is newer than the stamp, so the next start sees it.
        touch "$jit_stamp"
        if ! sources_changed_since "$started" ! -type d; then
            echo "ensure-built: done." >&2
            exec 9>&-
            return 0
        fi
        rm -f "$jit_stamp"
        echo "ensure-built: sources changed during the build; building again ($attempt/3)..." >&2
    done
    echo "ensure-built: sources keep changing during the build; not marking it up to date." >&2
    exec 9>&-
}

# The Native AOT publish and install, under .build/native.lock. <wait|held>: wait for a publish in
# progress (then re-check), or the lock is already held on descriptor 8 (handed over by --quick).
publish_native() {
    if [[ $1 == wait ]]; then
        exec 8>"$state/native.lock"
        flock 8
    fi
    native_current && return 0
    write_filter
    echo "ensure-built: publishing the native role programs (Native AOT with $aot_linker; about a minute)..." >&2
    local started="$state/native.started" role
    touch "$started"
    # _IsPublishing: what `dotnet publish` sets, so the restore too picks this machine's runtime identifier.
    native_args+=(-p:CppCompilerAndLinker="$aot_linker" -p:PaxosNativeOutput="$state/aot" -p:_IsPublishing=true)
    # Restore first: failing to fetch the Native AOT packages (offline, cold cache) is no reason to
    # give up on Native AOT for good, as a failing publish is.
    if ! dotnet_logged "$state/native-build.log" restore "$state/roles.slnf" "${common_args[@]}" "${native_args[@]}"; then
        echo "ensure-built: could not restore the Native AOT packages (offline?); the role scripts keep to the JIT build and try again next time." >&2
        return 0
    fi
    if ! dotnet_logged "$state/native-build.log" publish "$state/roles.slnf" "${common_args[@]}" "${native_args[@]}" --no-restore; then
        echo "ensure-built: the Native AOT publish failed (see above); the role scripts keep to the JIT build (from now on: delete $state/aot-failed to try again)." >&2
        touch "$state/aot-failed"
        rm -f "$native_stamp"
        return 0
    fi
    if sources_changed_since "$started" ! -type d; then
        echo "ensure-built: sources changed during the publish; not installing it (the next start publishes again)." >&2
        return 0
    fi
    mkdir -p "$native_dir"
    rm -f "$native_stamp"
    for role in "${roles[@]}"; do
        # Copy, then rename over the old one: a process running the old executable keeps its file.
        if ! cp "$state"/aot/Paxos."$role"/bin/Release/net10.0/*/publish/Paxos."$role" "$native_dir/.Paxos.$role.new"; then
            echo "ensure-built: the Native AOT publish left no Paxos.$role to install; the role scripts keep to the JIT build (from now on: delete $state/aot-failed to try again)." >&2
            touch "$state/aot-failed"
            rm -rf "$state/aot"
            return 0
        fi
        mv -f "$native_dir/.Paxos.$role.new" "$native_dir/Paxos.$role"
    done
    # Stamp, then look again: a source saved from the first look until now must not pass for built.
    touch "$native_stamp"
    if sources_changed_since "$started" ! -type d; then
        rm -f "$native_stamp"
        echo "ensure-built: sources changed during the install; the next start publishes again." >&2
    fi
    # The publish's intermediate files (~400 MB) buy little: a source change reruns the native
    # compiler on everything anyway.
    rm -rf "$state/aot"
    echo "ensure-built: native programs installed in $native_dir." >&2
}

# Starts the publish unless one is running (false then). Its lock is taken here and handed to it, so
# of the many role scripts starting together exactly one starts it. Detached: its own session
# (setsid), so the harness's process group and terminal signals miss it, and its command line holds
# no config path, so `pkill -f <config>` misses it too; niced, so the cluster running meanwhile keeps the CPU; stdin,
# stdout and stderr away from the caller's (a learner's stdout is data; a harness may read its
# output to the end), and the JIT lock's descriptor closed so the publish does not hold it.
start_native_in_background() {
    exec 8>"$state/native.lock"
    if ! flock -n 8; then
        exec 8>&-
        return 1
    fi
    echo "ensure-built: publishing the Native AOT programs in the background (log: $native_log); until they are done the JIT build runs." >&2
    setsid nice -n 19 "$root/scripts/ensure-built.sh" --native-background \
        </dev/null >>"$native_log" 2>&1 9>&- &
    exec 8>&-
}

mkdir -p "$state"
# A stale native program must not run: without its stamp scripts/common.sh picks the JIT one.
if [[ -f $native_stamp ]] && sources_changed_since "$native_stamp"; then
    rm -f "$native_stamp"
fi
case $mode in
full)
    jit_current || build_jit
    if [[ -n $aot_linker ]] && ! native_current; then
        publish_native wait
    fi
    ;;
quick)
    # The usual case, after the first minute: the native programs are current (the JIT build is
    # checked too only when PAXOS_RUNTIME=jit asks for it).
    if [[ -n $aot_linker ]] && native_current; then
        [[ ${PAXOS_RUNTIME:-} == jit ]] && { jit_current || build_jit; }
        exit 0
    fi
    jit_current || build_jit
    [[ -z $aot_linker ]] || start_native_in_background || true
    ;;
tool)
    tool_current || build_tool
    ;;
native-background)
    # Started by start_native_in_background, which holds the lock on descriptor 8 for us; by hand,
    # take it (or leave the work to the publish that holds it).
    if [[ ! -e /dev/fd/8 ]]; then
        exec 8>"$state/native.lock"
        flock -n 8 || exit 0
    fi
    # Our process group (setsid made it), so that a test or a person can stop the whole publish
    # with one kill; the file goes when we end on our own, and stays if we are killed.
    read -r _ _ _ _ pgid _ </proc/$$/stat
    echo "$pgid" >"$state/native.pid"
    [[ -z $aot_linker ]] || publish_native held
    rm -f "$state/native.pid"
    ;;
esac
exit 0
