using System.Globalization;
using System.Text.RegularExpressions;

namespace Paxos.EndToEnd;

/// <summary>
/// One run of our replica of the course's harness (tests/harness/course_run.sh) the way a grader runs
/// it: from a parent folder that holds a copy of the built project, so that prop1 prop2 learn1 learn2
/// land in the parent (the run's <see cref="Folder"/>).
/// </summary>
internal sealed partial class CourseHarnessRun : IDisposable
{
    private CourseHarnessRun(RunFolder folder, CapturedRun result)
    {
        Folder = folder;
        Result = result;
    }

    /// <summary>The parent folder: prop1 prop2 learn1 learn2, and project/.</summary>
    public RunFolder Folder { get; }

    public CapturedRun Result { get; }

    /// <summary>
    /// Packets eth0 sent while the harness ran, as tests/harness/ordinary_host.sh reported them; null
    /// when the run was not made on an ordinary host or the report is missing.
    /// </summary>
    public long? PacketsSentOnEth0
    {
        get
        {
            Match report = Eth0Report().Match(Result.StandardError);
            return report.Success ? long.Parse(report.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }
    }

    /// <summary>Role processes that logged their statistics at stop (each role logs it once, on SIGTERM or when done).</summary>
    public int StoppedProcesses => StopEvent().Count(Result.StandardError);

    /// <summary>
    /// Runs <c>course_run.sh --mode <paramref name="mode"/> project <paramref name="valuesPerClient"/></c> from a
    /// fresh parent folder, inside <paramref name="wrapper"/> (a script that makes the network namespace).
    /// The repository's role programs must be built (<see cref="EnsureBuilt"/>): the copy is not rebuilt.
    /// </summary>
    public static CourseHarnessRun Start(string wrapper, string mode, int valuesPerClient)
    {
        var folder = new RunFolder($"course-{mode}");
        CopyBuiltProject(Path.Combine(folder.Path, "project"));
        CapturedRun result = Command.Run(
            Repository.PathOf(wrapper),
            ["bash", Repository.PathOf("tests/harness/course_run.sh"), "--mode", mode, "project",
                valuesPerClient.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(2),
            workingDirectory: folder.Path);
        return new CourseHarnessRun(folder, result);
    }

    /// <summary>
    /// Builds the role programs of the repository if they are stale, outside any namespace (the build
    /// may need NuGet): the course's harness starts clients 12 s after the acceptors, far too soon for
    /// a build of its own.
    /// </summary>
    public static void EnsureBuilt()
    {
        CapturedRun build = Command.Run(Repository.PathOf("scripts/ensure-built.sh"), [], TimeSpan.FromMinutes(10));
        Assert.True(build.ExitCode == 0, build.Transcript);
    }

    /// <summary>
    /// Copies what the role scripts need, built programs and build stamps included and times kept, so that
    /// nothing is rebuilt. Of the build output only what the role scripts run is copied (the JIT build's
    /// bin/ and the Native AOT executables in .build/native, ~35 MB): not obj/, not the self-contained
    /// runtime in bin/'s runtime-identifier folders (linux-x64/ etc., ~400 MB), and of .build/ neither a
    /// publish's work folder nor its locks and process-group file.
    /// </summary>
    public static void CopyBuiltProject(string destination)
    {
        Directory.CreateDirectory(destination);
        const string Script = """
            set -euo pipefail
            cd "$1"
            cp -a acceptor.sh proposer.sh learner.sh client.sh paxos.conf check_all.sh scripts \
                Directory.Build.props Directory.Packages.props Paxos.sln "$2"
            tar -cf - --exclude='./.build/aot' --exclude='./.build/native.pid' --exclude='./.build/*lock' \
                --exclude='./.build/*.started' --exclude='./.build/started' ./.build | tar -C "$2" -xf -
            tar -cf - --exclude='./src/*/obj' --exclude='./src/*/bin/Release/net10.0/*-*' ./src | tar -C "$2" -xf -
            """;
        CapturedRun copy = Command.Run("bash", ["-c", Script, "copy", Repository.Root, destination], TimeSpan.FromMinutes(1));
        Assert.True(copy.ExitCode == 0, copy.Transcript);
    }

    public void Dispose() => Folder.Dispose();

    [GeneratedRegex(@"(acceptor|proposer|learner|client) \d+: statistics at stop: \{")]
    private static partial Regex StopEvent();

    [GeneratedRegex(@"^ordinary-host: eth0 sent (\d+) packets", RegexOptions.Multiline)]
    private static partial Regex Eth0Report();
}
