using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Paxos.Simulation;

/// <summary>What a campaign of many seeds exercised and found.</summary>
public sealed class CampaignSummary
{
    private readonly object _gate = new();
    private readonly List<SeedResult> _failures = [];
    private readonly List<TimeSpan> _recoveries = [];

    public int Seeds { get; private set; }

    public int LiveSeeds { get; private set; }

    public int StallSeeds { get; private set; }

    public IReadOnlyList<SeedResult> Failures => _failures;

    public Dictionary<string, int> SeedsWith { get; } = [];

    public long ValuesSubmitted { get; private set; }

    public long ValuesPrinted { get; private set; }

    public long DuplicatesSkipped { get; private set; }

    public long InstancesChosen { get; private set; }

    public long ChosenAfterStall { get; private set; }

    public long Datagrams { get; private set; }

    public long Steps { get; private set; }

    public long AcceptorCrashes { get; private set; }

    public long Partitions { get; private set; }

    public long Restarts { get; private set; }

    public long Commits { get; private set; }

    public long CommitsLost { get; private set; }

    public TimeSpan SimulatedTime { get; private set; }

    public TimeSpan Elapsed { get; set; }

    public TimeSpan MaxRecovery => _recoveries.Count == 0 ? TimeSpan.Zero : _recoveries.Max();

    public double SeedsPerSecond => Seeds / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public void Add(SeedResult result)
    {
        lock (_gate)
        {
            Seeds++;
            if (result.Kind == SeedKind.Live)
            {
                LiveSeeds++;
            }
            else
            {
                StallSeeds++;
            }

            if (!result.Passed)
            {
                _failures.Add(result);
            }

            SeedStats s = result.Stats;
            Count("message loss", s.Loss);
            Count("duplication", s.Duplication);
            Count("wide reordering (delays >= 50 ms)", s.WideReordering);
            Count("long delays (stragglers, many timeouts)", s.LongDelays);
            Count("acceptor crashes", s.AcceptorCrashes > 0);
            Count("leader crash", s.LeaderCrashed);
            Count("other proposer crash", s.FollowerCrashed);
            Count("late learners", s.LateLearners > 0);
            Count("learner crash", s.LearnerCrashed);
            Count("client crashes", s.ClientCrashes > 0);
            Count("partitions", s.Partitions > 0);
            Count("5 acceptors", s.Acceptors == 5);
            Count("several proposers", s.Proposers > 1);
            Count("several learners", s.Learners > 1);
            Count("several clients", s.Clients > 1);
            Count("a submission decided twice (printed once)", s.DuplicatesSkipped > 0);
            if (s.CrashRecovery)
            {
                Count("restarts", s.Restarts > 0);
                Count("power cut (every acceptor and proposer at once)", s.PowerCut);
                Count("rolling restart of the acceptors", s.RollingRestart);
                Count("leader restarted", s.LeaderRestarted);
                Count("learner restarted from scratch", s.LearnerRestarts > 0);
                Count("a commit lost to a crash", s.CommitsLost > 0);
                Restarts += s.Restarts;
                Commits += s.Commits;
                CommitsLost += s.CommitsLost;
            }

            ValuesSubmitted += s.ValuesSubmitted;
            ValuesPrinted += s.ValuesPrinted;
            DuplicatesSkipped += s.DuplicatesSkipped;
            InstancesChosen += s.InstancesChosen;
            ChosenAfterStall += s.ChosenAfterStall;
            Datagrams += s.Datagrams;
            Steps += s.Steps;
            AcceptorCrashes += s.AcceptorCrashes;
            Partitions += s.Partitions;
            SimulatedTime += s.SimulatedTime;
            if (s.Recovery is { } recovery)
            {
                _recoveries.Add(recovery);
            }
        }
    }

    private void Count(string fault, bool present) => SeedsWith[fault] = SeedsWith.GetValueOrDefault(fault) + (present ? 1 : 0);

    /// <summary>The first <paramref name="count"/> failed seeds by number, each with how to replay it, what failed and its trace.</summary>
    public string DescribeFirstFailures(int count = 3) =>
        string.Join("\n\n", Failures.OrderBy(f => f.Seed).Take(count).Select(f => $"{f.Reproduce}\n{f.Failure}\n  {string.Join("\n  ", f.Trace)}"));

    public string Format()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"{Seeds} seeds ({LiveSeeds} live, {StallSeeds} stall) in {Elapsed.TotalSeconds:F1}s: {SeedsPerSecond:F1} seeds/s; {Failures.Count} failed");
        text.AppendLine(c, $"simulated {SimulatedTime.TotalHours:F2}h, {Steps:N0} checked steps, {Datagrams:N0} datagrams, {InstancesChosen:N0} instances chosen");
        text.AppendLine(c, $"values submitted {ValuesSubmitted:N0}, printed {ValuesPrinted:N0} (all learners), repeated submissions skipped {DuplicatesSkipped:N0}");
        text.AppendLine(c, $"stall seeds: nothing proposed after the majority crash was chosen; {ChosenAfterStall:N0} instances completed from votes cast before it");
        text.AppendLine(c, $"acceptors crashed {AcceptorCrashes:N0}, partitions {Partitions:N0}, longest recovery after the faults {MaxRecovery.TotalSeconds:F2}s (bound {ScenarioRunner.LivenessBound.TotalSeconds:F0}s)");
        if (Restarts > 0)
        {
            text.AppendLine(c, $"crash-recovery: {Restarts:N0} restarts, {Commits:N0} commits, {CommitsLost:N0} cut short by a crash");
        }

        text.AppendLine("seeds with each fault:");
        foreach ((string fault, int count) in SeedsWith)
        {
            text.AppendLine(c, $"  {fault,-55} {count,7} ({count * 100.0 / Math.Max(Seeds, 1):F0}%)");
        }

        return text.ToString();
    }
}

/// <summary>Runs many independent seeds on several threads; each seed stays deterministic on its own.</summary>
public static class Campaign
{
    public static CampaignSummary Run(int from, int count, int threads, BrokenVariant variant = BrokenVariant.None, Action<SeedResult>? onFailure = null, Action<int>? onProgress = null, bool requireDecisionsChosen = true, bool restarts = false)
    {
        // Seeds are ints: a range reaching past int.MaxValue would wrap and silently run nothing.
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        long end = (long)from + count;
        if (end - 1 > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"seeds {from}..{end - 1} reach past the last seed {int.MaxValue}");
        }

        var summary = new CampaignSummary();
        var watch = Stopwatch.StartNew();
        long next = from;
        int done = 0;
        var workers = new Thread[Math.Max(1, threads)];
        for (int t = 0; t < workers.Length; t++)
        {
            workers[t] = new Thread(() =>
            {
                long drawn;
                while ((drawn = Interlocked.Increment(ref next) - 1) < end)
                {
                    int seed = (int)drawn;
                    SeedResult result;
                    try
                    {
                        result = ScenarioRunner.Run(seed, variant, requireDecisionsChosen, restarts: restarts);
                    }
#pragma warning disable CA1031 // A seed that throws is a failure to report with its seed, not a reason to stop the campaign.
                    catch (Exception exception)
#pragma warning restore CA1031
                    {
                        result = new SeedResult(seed, SeedKind.Live, variant, "EXCEPTION: " + exception, [], [], [exception.ToString()], new SeedStats()) { Restarts = restarts };
                    }

                    summary.Add(result);
                    if (!result.Passed)
                    {
                        onFailure?.Invoke(result);
                    }

                    onProgress?.Invoke(Interlocked.Increment(ref done));
                }
            }, 16 * 1024 * 1024)
            { IsBackground = true };
            workers[t].Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        summary.Elapsed = watch.Elapsed;
        return summary;
    }
}
