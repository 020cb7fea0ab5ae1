using System.Globalization;
using Paxos.Cluster.Check;
using Paxos.Cluster.Run.Scenarios;
using Paxos.Cluster.Shared;
using Paxos.Core.Configuration;

namespace Paxos.Cluster.Run;

/// <summary>
/// One whole run inside the namespace: prepares the folder, starts acceptors, learners and proposers (each waited
/// for by its ready report), starts the clients, lets the scenario drive its milestones, stops everything, and
/// reports (summary, check_all.sh, verdict, result.json). Returns the exit status.
/// </summary>
public static class ClusterRun
{
    /// <summary>Runs <paramref name="settings"/> (already valid); <paramref name="program"/> prefixes the messages.</summary>
    public static int Execute(RepositoryLayout repository, RunSettings settings, string program, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(settings);
        RunDisplay display = RunDisplay.Create(program);
        RunPaths paths;
        string? dataDir;
        try
        {
            (paths, dataDir) = RunPreparation.Prepare(repository, settings, program);
        }
        catch (RunUsageException usage)
        {
            Console.Error.WriteLine($"{program}: {usage.Message}");
            Console.Error.WriteLine("(see ./run.sh --help)");
            return 2;
        }
        catch (RunFailedException failed) when (failed.Reported)
        {
            return 1;
        }

        (long n1, long n2) = RunPreparation.ValueCounts(paths);
        RunScenario scenario = RunScenario.For(settings);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Every process of this run uses the binaries as they are now (the wrapper built them).
            ["PAXOS_SKIP_BUILD"] = "1",
            [ProcessOptions.StatsDirectoryVariable] = paths.Stats,
        };
        using var processes = new RunProcesses(repository, paths, display, environment) { SettleMode = settings.Settle is not null, DisplayName = program };
        var session = new RunSession(settings, paths, processes, display, n1, n2, interrupt)
        {
            TimeoutSeconds = settings.Timeout ?? DefaultTimeout(settings, n1, n2),
            Expectation = scenario.Expectation(settings),
        };
        string description = Describe(settings, n1, n2, dataDir);
        display.Message($"{description}; output in {paths.Folder}");
        try
        {
            display.Show(() =>
            {
                StartCluster(session, scenario);
                scenario.Drive(session);
                return 0;
            });
            return RunReport.Finish(repository, session, description);
        }
        catch (RunFailedException failed)
        {
            display.EndProgress();
            Console.Error.WriteLine($"{program}: FAILED: {failed.Message}");
            if (failed.ProcessWithLog is { } name)
            {
                processes.ShowLog(name);
            }

            session.StopFeeders();
            processes.StopAll();
            RunReport.WriteFailure(session, failed.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            display.EndProgress();
            Console.Error.WriteLine($"{program}: interrupted; stopping everything.");
            session.StopFeeders();
            processes.StopAll();
            return Interrupts.ExitStatus;
        }
    }

    // Acceptors, learners and proposers, each group receiving before the next starts; then the clients.
    private static void StartCluster(RunSession session, RunScenario scenario)
    {
        RunSettings settings = session.Settings;
        RunProcesses processes = session.Processes;
        string[] acceptors = [.. Enumerable.Range(1, settings.Acceptors).Select(id => $"acceptor{id}")];
        session.Display.Phase("starting acceptors, learners, proposers");
        for (int id = 1; id <= settings.Acceptors; id++)
        {
            processes.Start(session.Launch("acceptor", id));
        }

        processes.WaitUntilReady(acceptors);
        string[] learners = scenario.StartsLearner2 ? ["learner1", "learner2"] : ["learner1"];
        string[] proposers = scenario.StartsProposer2 ? ["proposer1", "proposer2"] : ["proposer1"];
        foreach (string[] group in (string[][])[learners, proposers])
        {
            foreach (string name in group)
            {
                processes.Start(session.Launch(name[..^1], name[^1] - '0'));
            }

            processes.WaitUntilReady(group);
        }

        session.Sleep(TimeSpan.FromSeconds(settings.ClientDelay));
        session.Say("acceptors, learners and proposers are receiving; starting the clients.");
        session.Display.Phase("starting the clients");
        session.ClientsStarting();
        scenario.StartClients(session);
    }

    // 30 s + 1 s per 2,000 values of the larger input, x3 under loss.
    private static double DefaultTimeout(RunSettings settings, long n1, long n2)
    {
        long timeout = 30 + (Math.Max(n1, n2) / 2000);
        return settings.Loss is null ? timeout : timeout * 3;
    }

    private static string Describe(RunSettings settings, long n1, long n2, string? dataDir)
    {
        var text = new System.Text.StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{settings.Acceptors} acceptor(s)"));
        text.Append(settings.CatchUp ? ", 1 proposer, learner 1 + client 1, then learner 2 + client 2 (catch-up)" : ", 2 proposers, 2 learners, 2 clients");
        text.Append(settings.Inputs is not null ? $", values from {Path.GetFullPath(settings.Inputs)} ({n1} + {n2})" : $", {settings.ValuesPerClient} values per client");
        Append(settings.Loss is not null, $", loss {settings.Loss?.ToString("R", CultureInfo.InvariantCulture)}");
        Append(settings.KillAcceptors > 0, $", killing {settings.KillAcceptors} acceptor(s) mid-run");
        Append(settings.Settle is not null, $", stop after {settings.Settle?.ToString("R", CultureInfo.InvariantCulture)} s");
        Append(dataDir is not null, $", durable (data_dir {dataDir})");
        Append(settings.RestartAcceptors, ", restarting each acceptor mid-run");
        Append(settings.RestartProposer, ", restarting the leading proposer mid-run");
        Append(settings.PowerCut, ", power cut mid-run");
        Append(settings.LateLearner, ", learner 2 starts after everything was learned");
        return text.ToString();

        void Append(bool when, string part)
        {
            if (when)
            {
                text.Append(part);
            }
        }
    }
}
