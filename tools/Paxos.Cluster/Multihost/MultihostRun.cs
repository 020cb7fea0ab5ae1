using System.Diagnostics;
using System.Globalization;
using System.Text;
using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Multihost;

/// <summary>
/// One multi-host run, inside its own `unshare -rnm`: builds the hosts, starts the course's line-up (one process per
/// host), feeds both clients distinct values at a steady pace, injects the scenario's fault mid-run, waits until
/// both learners printed every value (or a timeout), stops everything, checks the outputs and prints the verdict.
/// Exit status 0 when both learners printed every value exactly once in the same order, no process died
/// unexpectedly and both clients exited 0 within their grace (under loss a client still waiting is only noted); 1 when not.
/// </summary>
internal sealed class MultihostRun(Scenario scenario, string outFolder, long valuesPerClient, RepositoryLayout repository, CancellationToken interrupted)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _failures = [];
    private readonly List<string> _notes = [];
    private readonly LineCounter _learn1 = new(Path.Combine(outFolder, "learn1"));
    private readonly LineCounter _learn2 = new(Path.Combine(outFolder, "learn2"));
    private LearnProgress _progress = new(0);
    private long _startUs;
    private long _deadlineUs;

    private long Total => 2 * valuesPerClient;

    private long NowUs => _clock.ElapsedTicks * 1_000_000 / Stopwatch.Frequency;

    /// <summary>Runs the scenario; returns the exit status.</summary>
    public int Execute()
    {
        PrepareFolder();
        Topology.Build(repository, outFolder);
        if (scenario == Scenario.Loss)
        {
            Topology.AddLoss();
        }

        WriteValues();
        using var processes = new HostProcesses(repository, outFolder);
        using var stop = new CancellationTokenSource();
        var feeders = new List<PacedClientFeeder>();
        long? elapsedMs = null;
        try
        {
            foreach (string acceptor in (string[])["acceptor1", "acceptor2", "acceptor3"])
            {
                processes.Launch(acceptor, "/dev/null", "/dev/null");
            }

            processes.WaitReady("acceptor1", "acceptor2", "acceptor3");
            processes.Launch("learner1", "/dev/null", Path.Combine(outFolder, "learn1"));
            processes.Launch("learner2", "/dev/null", Path.Combine(outFolder, "learn2"));
            processes.WaitReady("learner1", "learner2");
            processes.Launch("proposer1", "/dev/null", "/dev/null");
            processes.Launch("proposer2", "/dev/null", "/dev/null");
            processes.WaitReady("proposer1", "proposer2");
            Thread.Sleep(1000); // proposer 1 hears no lower id for 3 heartbeats, leads, and runs Phase 1

            _startUs = NowUs;
            _progress = new LearnProgress(_startUs);
            foreach (int i in (int[])[1, 2])
            {
                RoleProcess client = processes.Launch($"client{i}", null, "/dev/null");
                feeders.Add(PacedClientFeeder.Start(Path.Combine(outFolder, $"prop{i}"), client.Input!, stop.Token));
            }

            _deadlineUs = _startUs + (scenario == Scenario.Loss ? 45 : 30) * 1_000_000L;
            Event("clients started");
            InjectFault(processes);

            if (WaitUntil(() => _progress.Learned1 >= Total && _progress.Learned2 >= Total))
            {
                Event("everything learned");
                elapsedMs = (NowUs - _startUs) / 1000;
            }
            else
            {
                Event($"timed out after {(_deadlineUs - _startUs) / 1_000_000} s");
                _failures.Add($"timed out: learn1 {_progress.Learned1}, learn2 {_progress.Learned2} of {Total}");
            }

            WaitForClients(processes);
            foreach (string process in processes.Started)
            {
                if (!processes.Ended(process) && !processes.Alive(process))
                {
                    _failures.Add($"{process} ended before the stop");
                }
            }
        }
        finally
        {
            stop.Cancel();
            processes.StopAll();
            foreach (PacedClientFeeder feeder in feeders)
            {
                feeder.Wait();
            }
        }

        _progress.Observe(NowUs, _learn1.Refresh(), _learn2.Refresh());
        return Report(elapsedMs);
    }

    private void PrepareFolder()
    {
        foreach (string name in (string[])["prop1", "prop2", "learn1", "learn2", "hosts.txt", "events.txt", "gap-ms.txt"])
        {
            File.Delete(Path.Combine(outFolder, name));
        }

        foreach (string name in (string[])["conf", "logs", "stats"])
        {
            string folder = Path.Combine(outFolder, name);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>Distinct values: client 1 submits c1-1 .. c1-N, client 2 c2-1 .. c2-N.</summary>
    private void WriteValues()
    {
        foreach (int i in (int[])[1, 2])
        {
            var values = new StringBuilder();
            for (long n = 1; n <= valuesPerClient; n++)
            {
                values.Append(CultureInfo.InvariantCulture, $"c{i}-{n}\n");
            }

            File.WriteAllText(Path.Combine(outFolder, $"prop{i}"), values.ToString());
        }
    }

    private void InjectFault(HostProcesses processes)
    {
        switch (scenario)
        {
            case Scenario.CutAcceptor when WaitUntilBoth(Total / 10):
                Topology.Cut("acceptor3");
                Event("cut acceptor3's host off the bridge");
                SleepPolling(3000);
                Topology.Reconnect("acceptor3");
                Event("reconnected acceptor3's host");
                SleepPolling(500);
                processes.Kill("acceptor2");
                Event("killed acceptor2 (majority now needs acceptor3)");
                break;
            case Scenario.KillLeader when WaitUntilBoth(Total * 2 / 5):
                processes.Kill("proposer1");
                _progress.MeasureGapsFrom(NowUs);
                Event("killed proposer1 (the leader)");
                break;
            case Scenario.Loss when WaitUntilBoth(Total * 3 / 10):
                processes.Kill("acceptor3");
                Event("killed acceptor3 (30% loss on every host)");
                break;
            case Scenario.Partition when WaitUntilBoth(Total / 5):
                Topology.Isolate("proposer1", true);
                Topology.Isolate("proposer2", true);
                Event("partitioned proposer1 from proposer2");
                SleepPolling(3000);
                Topology.Isolate("proposer1", false);
                Topology.Isolate("proposer2", false);
                Event("healed the partition");
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// The clients exit by themselves once their values are decided. Without loss they must be done within 5 s of the
    /// end. Under 30% loss a request and its acknowledgement both get through only about half the time and each value's
    /// resends back off to one every 2 s, so a client may hear of its last values many seconds after they were learned
    /// (up to 12.5 s seen): there a client still running after 15 s is only noted, not a failure.
    /// </summary>
    private void WaitForClients(HostProcesses processes)
    {
        int graceSeconds = scenario == Scenario.Loss ? 15 : 5;
        long graceUntil = NowUs + graceSeconds * 1_000_000L;
        Thread.Sleep(500); // any duplicate line gets a moment to show
        string[] clients = ["client1", "client2"];
        while (true)
        {
            foreach (string client in clients.Where(c => !processes.Ended(c) && !processes.Alive(c)))
            {
                int status = processes.Reap(client);
                Event($"{client} exited with status {status}");
                if (status != 0)
                {
                    _failures.Add($"{client} exited with status {status}");
                }
            }

            if (clients.All(processes.Ended))
            {
                return;
            }

            if (NowUs > graceUntil)
            {
                foreach (string client in clients.Where(c => !processes.Ended(c)))
                {
                    if (scenario == Scenario.Loss)
                    {
                        Event($"{client} still running (its last acknowledgements were lost)");
                        _notes.Add($"{client} still waiting for acknowledgements {graceSeconds} s after everything was learned");
                    }
                    else
                    {
                        _failures.Add($"{client} still running {graceSeconds} s after the end");
                    }
                }

                return;
            }

            interrupted.ThrowIfCancellationRequested();
            Thread.Sleep(50);
        }
    }

    private int Report(long? elapsedMs)
    {
        string? gapMs = null;
        if (scenario == Scenario.KillLeader && _progress.MeasuresGaps)
        {
            gapMs = (_progress.LongestGapUs / 1000).ToString(CultureInfo.InvariantCulture);
            File.WriteAllText(Path.Combine(outFolder, "gap-ms.txt"), gapMs + "\n");
        }

        _failures.AddRange(OutputCheck.Problems(outFolder));

        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"\n== multi-host scenario '{ScenarioNames.NameOf(scenario)}': {valuesPerClient} values per client, one host per process\n");
        report.Append(CultureInfo.InvariantCulture, $"learned: learn1 {_progress.Learned1}, learn2 {_progress.Learned2} of {Total}\n");
        if (elapsedMs is { } elapsed)
        {
            report.Append(CultureInfo.InvariantCulture, $"elapsed: {elapsed} ms from the clients' start to the last value learned\n");
        }

        if (gapMs is not null)
        {
            report.Append(CultureInfo.InvariantCulture, $"takeover: first decision {(_progress.FirstDecisionAfterUs ?? 0) / 1000} ms after the kill; longest gap without a decision {gapMs} ms\n");
        }

        foreach (string note in _notes)
        {
            report.Append("note: ").Append(note).Append('\n');
        }

        if (_failures.Count == 0)
        {
            Console.Out.Write(report.Append("RESULT: OK\n").ToString());
            return 0;
        }

        report.Append("RESULT: FAILED\n");
        foreach (string failure in _failures)
        {
            report.Append("  - ").Append(failure).Append('\n');
        }

        Console.Out.Write(report.ToString());
        return 1;
    }

    /// <summary>Reads the learners' counts (and stops the run when it was interrupted: every wait polls).</summary>
    private void Poll()
    {
        interrupted.ThrowIfCancellationRequested();
        _progress.Observe(NowUs, _learn1.Refresh(), _learn2.Refresh());
    }

    /// <summary>One line of the timeline (events.txt and stderr): ms since the clients started, the event, the learners' counts.</summary>
    private void Event(string text)
    {
        Poll();
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{(NowUs - _startUs) / 1000,6} ms  {text,-60} learn1 {_progress.Learned1}  learn2 {_progress.Learned2}\n");
        File.AppendAllText(Path.Combine(outFolder, "events.txt"), line);
        Console.Error.Write(line);
    }

    /// <summary>Polls until <paramref name="condition"/> holds (true) or the run's deadline passes (false).</summary>
    private bool WaitUntil(Func<bool> condition)
    {
        while (true)
        {
            Poll();
            if (condition())
            {
                return true;
            }

            if (NowUs >= _deadlineUs)
            {
                return false;
            }

            Thread.Sleep(10);
        }
    }

    private bool WaitUntilBoth(long learned) => WaitUntil(() => _progress.Learned1 >= learned && _progress.Learned2 >= learned);

    private void SleepPolling(int milliseconds)
    {
        long untilUs = NowUs + milliseconds * 1000L;
        while (NowUs < untilUs)
        {
            Poll();
            Thread.Sleep(10);
        }
    }
}
