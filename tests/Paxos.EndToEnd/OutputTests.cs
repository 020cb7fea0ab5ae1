using System.Diagnostics;
using System.Globalization;

namespace Paxos.EndToEnd;

/// <summary>What a learner does when its standard output goes away.</summary>
public sealed class OutputTests
{
    [Fact]
    public void Learner_whose_stdout_is_a_closed_pipe_exits_with_a_clear_message()
    {
        using var run = new RunFolder("closedpipe");

        CapturedRun result = InNamespace.RunWithBuiltRoles(TimeSpan.FromMinutes(2), "learner-closed-stdout", run.Path);

        Assert.True(result.ExitCode == 0, result.Transcript + "\n--- learner.log\n" + File.ReadAllText(run.File("learner.log")));
        Assert.Equal("1", File.ReadAllText(run.File("learner.status")).Trim());
        Assert.Contains("standard output failed", File.ReadAllText(run.File("learner.log")), StringComparison.Ordinal);
    }

    /// <summary>
    /// Inside the namespace: <c>&lt;out dir&gt;</c>. Starts 3 acceptors, 1 proposer, a learner whose standard output is a pipe
    /// nobody reads (its reading end closed at once) and a client of 100 values; writes the learner's exit status to
    /// &lt;out dir&gt;/learner.status (its log is &lt;out dir&gt;/learner.log). Exit status 1 when the learner is still running
    /// 10 s after its values were decided (its threads' states on stderr).
    /// </summary>
    internal static int LearnerClosedStdout(string[] arguments)
    {
        string folder = arguments[0];
        string config = Path.Combine(folder, "paxos.conf");
        File.Copy(Repository.PathOf("paxos.conf"), config, overwrite: true);
        RepositoryLayout repository = RepositoryLayout.At(Repository.Root);
        var started = new List<RoleProcess>();
        try
        {
            foreach (int id in (int[])[1, 2, 3])
            {
                started.Add(Start(new RoleLaunch("acceptor", id, config, Path.Combine(folder, $"acceptor{id}.log"))));
            }

            started.Add(Start(new RoleLaunch("proposer", 1, config, Path.Combine(folder, "proposer.log"))));
            using Process learner = StartWithUnreadOutput(repository.RoleScript("learner"), config, Path.Combine(folder, "learner.log"));
            Thread.Sleep(1000);
            string values = Path.Combine(folder, "values");
            File.WriteAllLines(values, Enumerable.Range(1, 100).Select(i => i.ToString(CultureInfo.InvariantCulture)));
            using (RoleProcess client = Start(new RoleLaunch("client", 1, config, Path.Combine(folder, "client.log")) { InputFile = values }))
            {
                client.WaitForExit(TimeSpan.FromMinutes(1));
            }

            if (learner.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                File.WriteAllText(Path.Combine(folder, "learner.status"), learner.ExitCode.ToString(CultureInfo.InvariantCulture) + "\n");
                return 0;
            }

            Console.Error.WriteLine("the learner was still running 10 s after its values were decided");
            foreach (string thread in Directory.EnumerateDirectories($"/proc/{learner.Id}/task"))
            {
                string state = File.ReadLines(Path.Combine(thread, "status")).FirstOrDefault(line => line.StartsWith("State", StringComparison.Ordinal)) ?? "";
                Console.Error.WriteLine($"  {learner.Id} {File.ReadAllText(Path.Combine(thread, "comm")).Trim()} {File.ReadAllText(Path.Combine(thread, "wchan"))} {state}");
            }

            return 1;
        }
        finally
        {
            InNamespace.StopEverythingOf(config);
            started.ForEach(process => process.Dispose());
        }

        RoleProcess Start(RoleLaunch launch) => RoleProcess.Start(repository, launch with { OutputFile = "/dev/null" }, new Dictionary<string, string>());
    }

    /// <summary>Starts learner 1 with its stderr in <paramref name="log"/> and its stdout a pipe whose reading end is closed at once.</summary>
    private static Process StartWithUnreadOutput(string learnerScript, string config, string log)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string argument in (string[])["-c", "log=$1; shift; exec \"$@\" 2>\"$log\"", "bash", log, learnerScript, "1", config])
        {
            start.ArgumentList.Add(argument);
        }

        Process learner = Process.Start(start) ?? throw new InvalidOperationException("cannot start the learner");
        learner.StandardOutput.Close();
        return learner;
    }
}
