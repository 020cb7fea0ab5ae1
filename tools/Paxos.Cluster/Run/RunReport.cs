using System.Globalization;
using Paxos.Cluster.Check;
using Paxos.Cluster.Shared;
using Paxos.Core.Hosting.Reports;

namespace Paxos.Cluster.Run;

/// <summary>
/// The end of a run: waits for the clients to finish, stops everything, prints the summary (stdout), runs
/// ./check_all.sh, states the verdict (RESULT: OK / FAILED) and writes result.json. Returns the exit status.
/// </summary>
public static class RunReport
{
    /// <summary>Finishes <paramref name="session"/>; <paramref name="description"/> heads the summary.</summary>
    public static int Finish(RepositoryLayout repository, RunSession session, string description)
    {
        ArgumentNullException.ThrowIfNull(session);
        RunProcesses processes = session.Processes;
        string? clientWarning = WaitForClients(session);
        List<string> clients = [];
        foreach (string name in processes.Names.Where(RunProcesses.IsClient))
        {
            RoleProcess client = processes[name];
            if (!client.HasExited)
            {
                clients.Add($"{name} still running");
                continue;
            }

            clients.Add($"{name} {ExitStatus.Describe(client.ExitStatus)}");
            if (client.ExitStatus != 0 && !processes.WasNoted(name))
            {
                processes.Failures.Add($"{name} ended ({ExitStatus.Describe(client.ExitStatus)})");
            }
        }

        processes.NoteDeadBeforeStop();
        session.StopFeeders();
        processes.StopAll();

        RunPaths paths = session.Paths;
        long c1 = LineCounter.Count(paths.Learned(1));
        long c2 = LineCounter.Count(paths.Learned(2));
        double? elapsed = session.DoneAt is { } done ? Math.Max(done.TotalSeconds, 1e-6) : null;
        Console.WriteLine();
        Console.WriteLine($"== {description}");
        Console.WriteLine($"learned: learn1 {c1} values, learn2 {c2} values (submitted: {session.Total})");
        if (elapsed is { } seconds)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"elapsed: {seconds:F2} s from the clients' start to the last value learned: {session.Total / seconds:F2} values/s"));
        }

        List<string> notes = [.. session.SummaryLines];
        foreach (string line in session.SummaryLines)
        {
            Console.WriteLine(line);
        }

        Dictionary<string, double> peakRss = new(StringComparer.Ordinal);
        if (session.Settings.LateLearner)
        {
            string line = PeakRss(session, peakRss);
            notes.Add(line);
            Console.WriteLine(line);
        }

        Console.WriteLine($"clients: {string.Join(", ", clients)}");
        if (clientWarning is not null)
        {
            Console.WriteLine($"warning: {clientWarning}");
        }

        foreach (string name in processes.Names)
        {
            RoleProcess process = processes[name];
            // Stopped by our SIGTERM (143) or, for clients, done (0): expected. Anything else is worth a look.
            if (!processes.WasKilled(name) && process.HasExited && process.ExitStatus is not 0 and not 143)
            {
                Console.WriteLine($"note: {name} ended ({ExitStatus.Describe(process.ExitStatus)}; log: {paths.Log(name)})");
            }
        }

        Console.WriteLine();
        int checkAll = CourseChecks.Run(repository, paths.Folder);
        Console.WriteLine();

        List<string> failures = [.. processes.Failures, .. RunFolderVerdict.Failures(paths.Folder, session.Expectation, new RunFolderVerdict.RunFacts(checkAll, session.DoneAt is not null))];
        string expected = session.Expectation.Text;
        int exitCode = failures.Count == 0 ? 0 : 1;
        if (exitCode == 0)
        {
            Console.WriteLine($"RESULT: OK — as expected: {expected}.");
        }
        else
        {
            Console.WriteLine($"RESULT: FAILED — expected: {expected}.");
            foreach (string reason in failures)
            {
                Console.WriteLine($"  - {reason}");
            }

            Console.WriteLine($"  (logs: {paths.Logs}/)");
        }

        new RunOutcome(exitCode, expected, failures, session.Total, c1, c2, elapsed, elapsed is { } s ? session.Total / s : null, checkAll, clients, notes, peakRss)
            .WriteTo(paths.Folder);
        return exitCode;
    }

    /// <summary>result.json for a run that failed before its report (exit status 1).</summary>
    public static void WriteFailure(RunSession session, string reason)
    {
        ArgumentNullException.ThrowIfNull(session);
        new RunOutcome(1, session.Expectation.Text, [reason], session.Total, LineCounter.Count(session.Paths.Learned(1)), LineCounter.Count(session.Paths.Learned(2)), null, null, null, [], [], new Dictionary<string, double>())
            .WriteTo(session.Paths.Folder);
    }

    // When everything was learned: a moment for any duplicate to show, and for the clients to see their last values
    // decided and exit by themselves (they exit 0 then). Returns a warning when one did not.
    private static string? WaitForClients(RunSession session)
    {
        if (session.DoneAt is null)
        {
            return null;
        }

        RunProcesses processes = session.Processes;
        session.Sleep(TimeSpan.FromSeconds(0.5));
        DateTime until = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < until && processes.Names.Any(name => RunProcesses.IsClient(name) && !processes[name].HasExited))
        {
            session.Sleep(TimeSpan.FromMilliseconds(50));
        }

        return processes.Names.Any(name => RunProcesses.IsClient(name) && !processes[name].HasExited)
            ? "a client did not exit within 5 s of all values being learned"
            : null;
    }

    // Peak resident memory of every process, from the stats report each wrote when it stopped; also peak-rss.txt.
    private static string PeakRss(RunSession session, Dictionary<string, double> peakRss)
    {
        var lines = new List<string>();
        foreach (string name in session.Processes.Names)
        {
            RoleLaunch launch = session.Processes[name].Launch;
            RoleReport? stats = RoleReportFile.TryRead(session.Paths.Stats, launch.Role, launch.Id, RoleReportKind.Stats);
            double? mb = stats?.Measures.TryGetValue("peakRssKb", out double kb) == true ? kb / 1024 : null;
            peakRss[name] = mb ?? -1;
            lines.Add($"{name} {(mb is { } value ? value.ToString("F1", CultureInfo.InvariantCulture) : "?")}");
        }

        File.WriteAllLines(session.Paths.File("peak-rss.txt"), lines);
        return $"peak RSS (MB): {string.Join(", ", lines)}";
    }
}
