using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Run;

/// <summary>
/// Every role process of one run by name (acceptor1, learner2, ...): starts them through the role scripts, restarts
/// them (the earlier life's log kept as &lt;name&gt;.log.&lt;life&gt;), crashes them, waits for their ready reports, notices
/// those that end unexpectedly, and stops them all.
/// </summary>
public sealed class RunProcesses(RepositoryLayout repository, RunPaths paths, RunDisplay display, IReadOnlyDictionary<string, string> environment) : IDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, RoleProcess> _current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lives = new(StringComparer.Ordinal);
    private readonly HashSet<string> _killed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _noted = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private bool _stopped;

    /// <summary>The names in start order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Reasons the outcome is not the expected one, found while running.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Set once a process ended in a way that makes waiting any longer pointless.</summary>
    public bool Aborted { get; private set; }

    /// <summary>With --settle a failed client does not end the waiting (the fixed wait goes on, as under the course's harness).</summary>
    public bool SettleMode { get; init; }

    /// <summary>The message prefix (the display's program name).</summary>
    public string DisplayName { get; init; } = "paxosctl run";

    /// <summary>The current life of <paramref name="name"/>.</summary>
    public RoleProcess this[string name] => _current[name];

    /// <summary>True when it was started (in some life).</summary>
    public bool Has(string name) => _current.ContainsKey(name);

    /// <summary>True when a failure was already reported for <paramref name="name"/>.</summary>
    public bool WasNoted(string name) => _noted.Contains(name);

    /// <summary>True when <paramref name="name"/> was killed on purpose (its end is no failure).</summary>
    public bool WasKilled(string name) => _killed.Contains(name);

    /// <summary>Starts <paramref name="launch"/>; a name started before is a restart.</summary>
    public RoleProcess Start(RoleLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        string name = launch.Name;
        if (_lives.TryGetValue(name, out int lives))
        {
            // A restart: keep the earlier life's log (the readiness check reads the new life's report, by pid).
            string log = paths.Log(name);
            if (File.Exists(log))
            {
                File.Move(log, $"{log}.{lives}", overwrite: true);
            }

            _killed.Remove(name);
            _noted.Remove(name);
            _current[name].Dispose();
        }
        else
        {
            _names.Add(name);
        }

        _lives[name] = lives + 1;
        RoleProcess process = RoleProcess.Start(repository, launch, environment);
        _current[name] = process;
        return process;
    }

    /// <summary>Starts <paramref name="name"/> again as it was started (with the same data folder), or with another input file.</summary>
    public RoleProcess Restart(string name, string? inputFile = null)
    {
        RoleLaunch launch = _current[name].Launch;
        return Start(inputFile is null ? launch : launch with { InputFile = inputFile, InputPiped = false });
    }

    /// <summary>SIGKILL (a crash: no shutdown code runs) and wait until each is gone.</summary>
    public void Crash(params IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            _current[name].Crash();
            _killed.Add(name);
        }
    }

    /// <summary>
    /// Waits until each of <paramref name="names"/> reports it is receiving (10 s each at most). A client that already
    /// ended may be done (few values) or have given up on its input: the run goes on and the summary tells.
    /// </summary>
    public void WaitUntilReady(params IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            RoleProcess process = _current[name];
            switch (RoleReadiness.WaitUntilReady(process, paths.Stats, ReadyLimit))
            {
                case ReadyOutcome.Ready:
                    break;
                case ReadyOutcome.Ended when name.StartsWith("client", StringComparison.Ordinal):
                    NoteEnded(name);
                    break;
                case ReadyOutcome.Ended:
                    throw new RunFailedException($"{name} ended before it was receiving ({ExitStatus.Describe(process.ExitStatus)})") { ProcessWithLog = name };
                default:
                    throw new RunFailedException($"{name} did not report it was receiving within {ReadyLimit.TotalSeconds:F0} s") { ProcessWithLog = name };
            }
        }
    }

    /// <summary>Notes every process that ended by itself and should not have (anything but a client that exited 0).</summary>
    public void CheckProcesses()
    {
        foreach (string name in _names)
        {
            if (!_killed.Contains(name) && _current[name].HasExited)
            {
                NoteEnded(name);
            }
        }
    }

    /// <summary>
    /// Before the stop: the processes (other than clients and killed ones) that died and were not noted yet, as
    /// failures. Worded as <see cref="CheckProcesses"/> words them: a role that ended by itself is the same failure
    /// whether the waiting loop or this last look saw it first (one that died just as the run was being wound up
    /// used to read "ended before the stop", and a test looking for its exit status missed it).
    /// </summary>
    public void NoteDeadBeforeStop()
    {
        foreach (string name in _names)
        {
            if (IsClient(name) || _killed.Contains(name) || !_current[name].HasExited)
            {
                continue;
            }

            NoteEnded(name);
        }
    }

    /// <summary>
    /// Stops everything: SIGTERM to each process of the run (and any other whose command line holds the run's config
    /// path, as `pkill -f` would), SIGKILL to what still runs 3 s later.
    /// </summary>
    public void StopAll()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        foreach (RoleProcess process in _current.Values)
        {
            process.CloseInput();
            process.Signal(Signals.Terminate);
        }

        foreach (int pid in ProcessTable.WithCommandLineContaining(paths.Config))
        {
            Signals.Send(pid, Signals.Terminate);
        }

        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        List<string> left;
        while ((left = [.. _names.Where(name => !_current[name].HasExited)]).Count > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                display.EndProgress();
                Console.Error.WriteLine($"{DisplayName}: still running 3 s after SIGTERM, killing: {string.Join(' ', left)}");
                foreach (string name in left)
                {
                    _current[name].Crash();
                }

                foreach (int pid in ProcessTable.WithCommandLineContaining(paths.Config))
                {
                    Signals.Send(pid, Signals.Kill);
                }

                break;
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>The last 15 lines of a process's log, indented, on standard error.</summary>
    public void ShowLog(string name)
    {
        string log = paths.Log(name);
        Console.Error.WriteLine($"  last lines of {log}:");
        if (File.Exists(log))
        {
            foreach (string line in File.ReadLines(log).TakeLast(15))
            {
                Console.Error.WriteLine($"    {line}");
            }
        }
    }

    /// <summary>True for client processes.</summary>
    public static bool IsClient(string name) => name.StartsWith("client", StringComparison.Ordinal);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (RoleProcess process in _current.Values)
        {
            process.Dispose();
        }
    }

    // A process ended by itself: a client with status 0 is done; anything else is reported with its log and ends
    // the waiting (with --settle, a failed client does not).
    private void NoteEnded(string name)
    {
        RoleProcess process = _current[name];
        if (_noted.Contains(name) || (IsClient(name) && process.ExitStatus == 0))
        {
            return;
        }

        _noted.Add(name);
        display.EndProgress();
        string status = ExitStatus.Describe(process.ExitStatus);
        display.Message($"{name} ended unexpectedly ({status})");
        ShowLog(name);
        Failures.Add($"{name} ended unexpectedly ({status})");
        if (!IsClient(name) || !SettleMode)
        {
            Aborted = true;
        }
    }
}
