using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Paxos.Cluster.Check;
using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Bench;

/// <summary>
/// `paxosctl bench first-run [values per client]` (./bench.sh first-run): what a grader sees on the very first run. The
/// course's harness (our replica, tests/harness/course_run.sh) is started on a fresh copy of the repository with no
/// build output, inside an isolated network namespace (scripts/netns.sh).
/// </summary>
internal static partial class FirstRunCommand
{
    private const string Description = """
        Measures what a grader sees on the very first run: the course's harness (our replica,
        tests/harness/course_run.sh) started on a fresh copy of the repository with no build output.
        The copy holds the tracked files as they are in the work tree (`git ls-files`, so uncommitted edits
        count), under a course-like parent folder in the temporary folder. The harness runs in an isolated network
        namespace (scripts/netns.sh). Prints, in seconds since the harness started, when each role said
        "receiving on" and when the build said what, then check_all's verdict. The NuGet cache must be
        warm: the namespace has no network. (For a cold cache, time the build alone on the host network:
        NUGET_PACKAGES=$(mktemp -d) scripts/ensure-built.sh --quick in a fresh copy.)
        The background Native AOT publish the run starts is stopped (by its process group) at the end.
        """;

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var values = new Argument<string>("values per client") { Description = "default 1000", DefaultValueFactory = _ => "1000" };
        var command = new Command("first-run", Description);
        command.Arguments.Add(values);
        command.SetAction(parseResult =>
        {
            string text = parseResult.GetValue(values)!;
            if (!PositiveInteger().IsMatch(text))
            {
                Console.Error.WriteLine("usage: paxosctl bench first-run [values per client]");
                return 2;
            }

            return Run(RepositoryLayout.Find(), text);
        });
        return command;
    }

    private static int Run(RepositoryLayout repository, string values)
    {
        string parent = Directory.CreateTempSubdirectory("paxos-first-run.").FullName;
        string project = Path.Combine(parent, "paxos");
        CopyTrackedFiles(repository.Root, project);
        Console.WriteLine($"fresh copy: {project} (no build output)");
        string log = Path.Combine(parent, "harness.log");
        try
        {
            int status = RunHarness(repository, parent, project, values, log);
            if (status != 0)
            {
                return status;
            }

            foreach (string line in File.ReadLines(log).Where(l => Milestone().IsMatch(l)))
            {
                Console.WriteLine(line);
            }

            Console.WriteLine("--- check_all");
            Console.Out.Flush();
            CourseChecks.Run(repository, parent);
            Console.WriteLine($"log: {log}; background publish log: {Path.Combine(project, ".build", "native.log")}");
            return 0;
        }
        finally
        {
            StopBackgroundPublish(project);
        }
    }

    /// <summary>Copies what `git ls-files` lists, as it is in the work tree, with its permissions (the scripts stay executable).</summary>
    private static void CopyTrackedFiles(string repository, string project)
    {
        var start = new ProcessStartInfo("git") { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = repository };
        foreach (string argument in (string[])["ls-files", "-z"])
        {
            start.ArgumentList.Add(argument);
        }

        using Process git = Process.Start(start) ?? throw new InvalidOperationException("cannot start git");
        string[] files = git.StandardOutput.ReadToEnd().Split('\0', StringSplitOptions.RemoveEmptyEntries);
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git ls-files failed in {repository}");
        }

        foreach (string file in files)
        {
            string source = Path.Combine(repository, file), target = Path.Combine(project, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(source));
            }
        }
    }

    /// <summary>Runs the harness in a namespace from the parent folder; each line of its output (the roles' logs included), stamped with the seconds since start, goes to <paramref name="log"/>.</summary>
    private static int RunHarness(RepositoryLayout repository, string parent, string project, string values, string log)
    {
        var start = new ProcessStartInfo("/usr/bin/env") { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = parent };
        // One pipe for stdout and stderr, so the lines keep the order they were written in.
        foreach (string argument in (string[])
                 ["bash", "-c", "exec \"$@\" 2>&1", "bash", repository.NetnsScript, "bash",
                  Path.Combine(project, "tests", "harness", "course_run.sh"), project, values])
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using Process harness = Process.Start(start) ?? throw new InvalidOperationException("cannot start the harness");
        using (var stamped = new StreamWriter(log))
        {
            while (harness.StandardOutput.ReadLine() is { } line)
            {
                long centiseconds = clock.ElapsedMilliseconds / 10;
                stamped.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{centiseconds / 100,4}.{centiseconds % 100:D2} {line}"));
            }
        }

        harness.WaitForExit();
        return harness.ExitCode;
    }

    /// <summary>Stops the background Native AOT publish the copy's first build started (its process group is in .build/native.pid).</summary>
    private static void StopBackgroundPublish(string project)
    {
        string pidFile = Path.Combine(project, ".build", "native.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out int group) || !Signals.GroupExists(group))
        {
            return;
        }

        Console.WriteLine($"stopping the background Native AOT publish (process group {group})");
        Signals.SendToGroup(group, Signals.Terminate);
        while (Signals.GroupExists(group))
        {
            Thread.Sleep(200);
        }
    }

    [GeneratedRegex("^[1-9][0-9]*$")]
    private static partial Regex PositiveInteger();

    [GeneratedRegex("receiving on|ensure-built|starting|BUILD FAILED")]
    private static partial Regex Milestone();
}
