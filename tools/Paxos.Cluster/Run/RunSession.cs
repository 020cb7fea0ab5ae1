using System.Diagnostics;
using Paxos.Cluster.Check;
using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Run;

/// <summary>What waiting for a milestone came to.</summary>
public enum PollResult
{
    /// <summary>The condition holds.</summary>
    Reached,

    /// <summary>The deadline passed first.</summary>
    Deadline,

    /// <summary>A process ended and waiting is pointless (already reported).</summary>
    Aborted,
}

/// <summary>
/// One run in progress inside the namespace: its settings, folder, processes, the learners' counts and the clock
/// from the clients' start. The scenarios (Run/Scenarios) drive it from milestone to milestone.
/// </summary>
public sealed class RunSession(RunSettings settings, RunPaths paths, RunProcesses processes, RunDisplay display, long perClient1, long perClient2, CancellationToken interrupt)
{
    private readonly LineCounter _learn1 = new(paths.Learned(1));
    private readonly LineCounter _learn2 = new(paths.Learned(2));
    private readonly Stopwatch _sinceClientsStarted = new();
    private readonly List<ClientFeeder> _feeders = [];

    public RunSettings Settings { get; } = settings;

    public RunPaths Paths { get; } = paths;

    public RunProcesses Processes { get; } = processes;

    public RunDisplay Display { get; } = display;

    /// <summary>Values of client 1 and client 2.</summary>
    public long PerClient1 { get; } = perClient1;

    public long PerClient2 { get; } = perClient2;

    /// <summary>Submissions of both clients.</summary>
    public long Total => PerClient1 + PerClient2;

    /// <summary>Seconds from the clients' start before giving up.</summary>
    public double TimeoutSeconds { get; init; }

    /// <summary>Learner 1's lines at the last look.</summary>
    public long Learned1 => _learn1.Lines;

    /// <summary>Learner 2's lines at the last look.</summary>
    public long Learned2 => _learn2.Lines;

    /// <summary>Time since the clients started (zero before).</summary>
    public TimeSpan SinceClientsStarted => _sinceClientsStarted.Elapsed;

    /// <summary>The deadline of every milestone: the timeout after the clients' start.</summary>
    public TimeSpan Deadline => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>What the scenario expects.</summary>
    public ScenarioExpectation Expectation { get; set; } = new(Check.Expectation.All);

    /// <summary>When both learners had every value (from the clients' start), if they did.</summary>
    public TimeSpan? DoneAt { get; set; }

    /// <summary>The scenario's extra summary lines (catch-up time, recovery time, ...).</summary>
    public List<string> SummaryLines { get; } = [];

    /// <summary>Starts the clock the summary's elapsed time and every deadline count from.</summary>
    public void ClientsStarting() => _sinceClientsStarted.Restart();

    /// <summary>Sleeps, unless the run is interrupted (Ctrl-C, SIGTERM).</summary>
    public void Sleep(TimeSpan time)
    {
        if (interrupt.WaitHandle.WaitOne(time))
        {
            interrupt.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Forgets the learners' counts (their outputs were moved away: a power cut), so they count anew.</summary>
    public void ResetLearners()
    {
        _learn1.Reset();
        _learn2.Reset();
    }

    /// <summary>The learners' counts now, shown as progress.</summary>
    public void RefreshProgress()
    {
        _learn1.Refresh();
        _learn2.Refresh();
        Display.Progress(_learn1.Lines, _learn2.Exists ? _learn2.Lines : null, Total, SinceClientsStarted);
    }

    /// <summary>
    /// Polls the learners' output every 100 ms until <paramref name="condition"/> (on learn1's and learn2's counts)
    /// holds or <paramref name="deadline"/> (from the clients' start) passes; stops early when a process ended.
    /// </summary>
    public PollResult PollUntil(Func<long, long, bool> condition, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            interrupt.ThrowIfCancellationRequested();
            RefreshProgress();
            if (condition(Learned1, Learned2))
            {
                return PollResult.Reached;
            }

            if (SinceClientsStarted >= deadline)
            {
                return PollResult.Deadline;
            }

            Processes.CheckProcesses();
            if (Processes.Aborted)
            {
                return PollResult.Aborted;
            }

            Sleep(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Polls until both learners have <paramref name="count"/> values (or the timeout).</summary>
    public PollResult PollBoth(long count) => PollUntil((one, two) => one >= count && two >= count, Deadline);

    /// <summary>Watches the learners for <paramref name="time"/> from now (no condition): a stall's fixed wait.</summary>
    public void Watch(TimeSpan time) => WatchUntil(SinceClientsStarted + time);

    /// <summary>Watches the learners until <paramref name="moment"/> after the clients' start: the fixed waits of --settle and of no majority.</summary>
    public void WatchUntil(TimeSpan moment) => PollUntil((_, _) => false, moment);

    /// <summary>A timeout as a failure (unless a process ended: that is reported already).</summary>
    public void TimedOut(string awaited)
    {
        Display.EndProgress();
        if (!Processes.Aborted)
        {
            Processes.Failures.Add($"timed out after {TimeoutSeconds:0.##} s waiting for {awaited} (learned {Learned1} and {Learned2} of {Total})");
        }
    }

    /// <summary>Marks the moment both learners had everything.</summary>
    public void Done() => DoneAt = SinceClientsStarted;

    /// <summary>The launch of role <paramref name="role"/> <paramref name="id"/> with its log (and, for a learner, learn&lt;id&gt; as stdout).</summary>
    public RoleLaunch Launch(string role, int id) =>
        new(role, id, Paths.Config, Paths.Log($"{role}{id}"))
        {
            OutputFile = role == "learner" ? Paths.Learned(id) : null,
        };

    /// <summary>Starts client <paramref name="id"/> reading its input file directly.</summary>
    public void StartClient(int id) => Processes.Start(Launch("client", id) with { InputFile = Paths.Proposals(id) });

    /// <summary>Starts client <paramref name="id"/> fed through a pipe in parts starting at the given lines; returns its feeder.</summary>
    public ClientFeeder StartFedClient(int id, IReadOnlyList<long> partStarts)
    {
        RoleProcess client = Processes.Start(Launch("client", id) with { InputPiped = true });
        var feeder = new ClientFeeder(client.Input!, Paths.Proposals(id), partStarts);
        _feeders.Add(feeder);
        return feeder;
    }

    /// <summary>Stops every feeder (their pipes close).</summary>
    public void StopFeeders()
    {
        foreach (ClientFeeder feeder in _feeders)
        {
            feeder.Dispose();
        }

        _feeders.Clear();
    }

    /// <summary>A phase message: ends the progress line, prints the message and shows it as the phase.</summary>
    public void Say(string message)
    {
        Display.EndProgress();
        Display.Message(message);
    }
}
