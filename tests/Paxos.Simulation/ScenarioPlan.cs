using System.Globalization;
using System.Text;
using Paxos.Core.Protocol;

namespace Paxos.Simulation;

/// <summary>Whether a seed must make progress once its faults stop, or has a majority of acceptors crash.</summary>
public enum SeedKind
{
    /// <summary>At most a minority of acceptors crash; after the fault phase everything must be printed.</summary>
    Live,

    /// <summary>A majority of acceptors crash: nothing new may be decided afterwards, and safety holds.</summary>
    Stall,
}

/// <summary>A client of a scenario: what it reads from "standard input", how fast, and whether it crashes.</summary>
public sealed record ClientPlan(IReadOnlyList<byte[]> Values, TimeSpan StartAt, TimeSpan Interval, TimeSpan? CrashAt);

/// <summary>Who a planned restart takes down.</summary>
public enum RestartTarget
{
    /// <summary>The acceptor process at <see cref="RestartPlan.Index"/>.</summary>
    Acceptor,

    /// <summary>The proposer process at <see cref="RestartPlan.Index"/>.</summary>
    Proposer,

    /// <summary>The proposer leading at that moment (else the first one up).</summary>
    LeadingProposer,

    /// <summary>A power cut: every acceptor and proposer at once (clients and learners keep running).</summary>
    Everyone,
}

/// <summary>
/// A crash followed by a restart over the process's disk: down at <see cref="At"/> (or, with a
/// <see cref="Point"/> other than <see cref="CrashPoint.AtTime"/>, when the target next reaches that point
/// after it), up again after <see cref="DownFor"/> (for a power cut, the processes come back one by one over
/// that time when <see cref="Staggered"/>), and in any case by the end of the fault phase.
/// </summary>
public sealed record RestartPlan(TimeSpan At, RestartTarget Target, int Index, TimeSpan DownFor, bool Staggered = false, CrashPoint Point = CrashPoint.AtTime);

/// <summary>A partition: from <see cref="StartAt"/> to <see cref="HealAt"/>, nodes whose bit in <see cref="Sides"/> differs cannot talk.</summary>
public sealed record PartitionPlan(TimeSpan StartAt, TimeSpan HealAt, ulong Sides);

/// <summary>
/// Everything random about one seed, drawn up front from one generator seeded with the seed: the cluster's
/// shape, settings, workload, fault rates and the schedule of crashes, late starts and partitions. The
/// network's own draws (loss, delay per datagram) come from a generator seeded from this one.
/// </summary>
public sealed record ScenarioPlan
{
    /// <summary>Longest extra delay of a straggler datagram: many retry and election timeouts.</summary>
    public static readonly TimeSpan MaxStragglerDelay = TimeSpan.FromSeconds(3);

    /// <summary>The network after the fault phase: no loss, no duplication, a few milliseconds of jitter.</summary>
    public static readonly NetworkFaults CalmNetwork = new() { MinDelay = TimeSpan.FromMilliseconds(0.1), MaxDelay = TimeSpan.FromMilliseconds(3) };

    public int Seed { get; init; }

    public SeedKind Kind { get; init; }

    public int NetworkSeed { get; init; }

    public required ProtocolSettings Settings { get; init; }

    /// <summary>The network during the fault phase.</summary>
    public required NetworkFaults Faults { get; init; }

    /// <summary>When loss, duplication, long delays and partitions stop (crashes are all scheduled before it).</summary>
    public TimeSpan FaultsEnd { get; init; }

    public int Acceptors { get; init; }

    public int Proposers { get; init; }

    /// <summary>Start time of each learner (zero: from the beginning).</summary>
    public required IReadOnlyList<TimeSpan> LearnerStarts { get; init; }

    public required IReadOnlyList<ClientPlan> Clients { get; init; }

    /// <summary>Acceptor crashes: when, and which acceptor process (index).</summary>
    public required IReadOnlyList<(TimeSpan At, int Acceptor)> AcceptorCrashes { get; init; }

    /// <summary>When the proposer leading at that moment crashes, if it does.</summary>
    public TimeSpan? LeaderCrashAt { get; init; }

    /// <summary>When some proposer that is not leading crashes, if one does.</summary>
    public TimeSpan? FollowerCrashAt { get; init; }

    /// <summary>A learner crash (never the last learner): when, and which learner.</summary>
    public (TimeSpan At, int Learner)? LearnerCrash { get; init; }

    public required IReadOnlyList<PartitionPlan> Partitions { get; init; }

    /// <summary>Crash-recovery mode: acceptors and proposers keep their state in simulated stores.</summary>
    public bool CrashRecovery { get; init; }

    /// <summary>Crash-recovery mode: crashes followed by restarts, all back up by <see cref="FaultsEnd"/>.</summary>
    public IReadOnlyList<RestartPlan> Restarts { get; init; } = [];

    /// <summary>
    /// Crash-recovery mode: a learner (among those started and up) crashes and a new learner process with its
    /// id starts from scratch after <c>DownFor</c> (a learner keeps no state: it catches up from instance 0).
    /// </summary>
    public IReadOnlyList<(TimeSpan At, int Learner, TimeSpan DownFor)> LearnerRestarts { get; init; } = [];

    /// <summary>
    /// Draws the plan of <paramref name="seed"/>. The same seed always gives the same plan. With
    /// <paramref name="restarts"/>, the same plan in crash-recovery mode, plus restarts drawn from a generator
    /// of their own (every other draw of the seed stays as it was).
    /// </summary>
    public static ScenarioPlan Draw(int seed, bool restarts)
    {
        ScenarioPlan plan = Draw(seed);
        return restarts
            ? plan with { CrashRecovery = true, Restarts = RestartSchedule.Draw(seed, plan), LearnerRestarts = RestartSchedule.DrawLearnerRestarts(seed, plan) }
            : plan;
    }

    /// <summary>Draws the plan of <paramref name="seed"/> in crash-stop mode. The same seed always gives the same plan.</summary>
    public static ScenarioPlan Draw(int seed)
    {
        var random = new Random(seed);
        SeedKind kind = random.NextDouble() < 0.15 ? SeedKind.Stall : SeedKind.Live;
        var settings = SimulatedCluster.DefaultSettings with
        {
            MaxInstancesInFlight = random.Next(1, 40),
            MaxBatchBytes = random.Next(200, 3_000),
            PromiseChunkBytes = random.Next(2) == 0 ? random.Next(100, 2_000) : 60_000,
            CatchUpBudgetBytes = random.Next(2) == 0 ? random.Next(300, 5_000) : 1 << 20,
            ClientWindow = random.Next(1, 128),
        };

        // Half the seeds run the faster timers the real processes use (ProtocolSettings.Processes).
        // Drawn from a generator of its own so every other draw of a seed stays as it was.
        if (new Random(seed ^ 0x7A11).Next(2) == 1)
        {
            settings = SimulatedCluster.WithProcessTimers(settings);
        }

        // Half the seeds run impatient clients: they resend a value the leader confirmed holding after 2-20 ms of
        // silence from the proposers instead of ClientRetry's 300 ms, so resent copies race leader changes and
        // duels (the source of submissions decided twice, which the campaign must keep producing: about one seed
        // in a thousand, before receipts and now). Its own generator, so every other draw of a seed stays as it was.
        var impatience = new Random(seed ^ 0x5E4D);
        if (impatience.Next(2) == 0)
        {
            TimeSpan retry = Ms(impatience.Next(2, 21));
            settings = settings with { ClientRetry = retry, ClientRetryMin = Min(settings.ClientRetryMin, retry) };
        }

        // A third of the seeds let clients send only a few hundred to a few thousand bytes ahead of the leader's
        // receipts, so the send budget is exercised under loss and leader changes (its default never binds here).
        var budget = new Random(seed ^ 0x0B0D);
        if (budget.Next(3) == 0)
        {
            settings = settings with { ClientUnconfirmedBytes = budget.Next(1, 3_000) };
        }

        // Half the seeds start clients with a smaller window that grows per acknowledged value (slow start, as the
        // real processes do), so windows change size under loss and leader changes. Its own generator, as above.
        var slowStart = new Random(seed ^ 0x5105);
        if (slowStart.Next(2) == 0)
        {
            settings = settings with { ClientInitialWindow = slowStart.Next(1, settings.ClientWindow + 1) };
        }

        // Each fault is present in a seed with some probability, at a random rate.
        double loss = random.NextDouble() < 0.6 ? random.NextDouble() * 0.4 : 0;
        double duplication = random.NextDouble() < 0.5 ? random.NextDouble() * 0.25 : 0;
        double maxDelayMs = random.Next(4) switch
        {
            0 => 0.5,                                  // almost in order
            1 => 50 + (random.NextDouble() * 250),     // wide reordering, around the retry timeouts
            _ => 1 + (random.NextDouble() * 40),
        };
        bool stragglers = random.NextDouble() < 0.35;
        var faults = new NetworkFaults
        {
            Loss = loss,
            Duplication = duplication,
            MinDelay = TimeSpan.FromMilliseconds(0.1),
            MaxDelay = TimeSpan.FromMilliseconds(maxDelayMs),
            Stragglers = stragglers ? 0.001 + (random.NextDouble() * 0.03) : 0,
            StragglerDelay = stragglers ? TimeSpan.FromMilliseconds(random.Next(300, (int)MaxStragglerDelay.TotalMilliseconds)) : TimeSpan.Zero,
        };
        TimeSpan faultsEnd = Ms(random.Next(500, 6_000));

        int acceptors = random.Next(2) == 0 ? 3 : 5;
        int proposers = random.Next(1, 4);
        int learners = random.Next(1, 4);
        int clients = random.Next(1, 4);

        var learnerStarts = new List<TimeSpan>();
        for (int i = 0; i < learners; i++)
        {
            learnerStarts.Add(random.NextDouble() < 0.3 ? Ms(random.Next(0, (int)faultsEnd.TotalMilliseconds)) : TimeSpan.Zero);
        }

        var clientPlans = new List<ClientPlan>();
        int maxValueBytes = settings.MaxBatchBytes - 64;
        for (int i = 0; i < clients; i++)
        {
            int count = random.NextDouble() < 0.05 ? 0 : random.Next(1, 80);
            var values = new List<byte[]>(count);
            for (int v = 0; v < count; v++)
            {
                values.Add(DrawValue(random, i + 1, v, maxValueBytes));
            }

            TimeSpan interval = random.Next(3) == 0 ? TimeSpan.Zero : Ms(random.Next(1, 80));
            TimeSpan startAt = Ms(random.Next(0, 1_000));
            TimeSpan? crashAt = random.NextDouble() < 0.2 ? startAt + Ms(random.Next(0, Math.Max(1, (int)(interval.TotalMilliseconds * count) + 200))) : null;
            clientPlans.Add(new ClientPlan(values, startAt, interval, crashAt));
        }

        // Crash-stop of acceptors: at most a minority in live seeds, a majority (or all) in stall seeds.
        int minority = (acceptors - 1) / 2;
        int acceptorCrashes = kind == SeedKind.Live ? random.Next(0, minority + 1) : random.Next(minority + 1, acceptors + 1);
        var crashOrder = Enumerable.Range(0, acceptors).OrderBy(_ => random.Next()).ToList();
        var crashes = new List<(TimeSpan, int)>();
        for (int i = 0; i < acceptorCrashes; i++)
        {
            crashes.Add((Ms(random.Next(0, (int)faultsEnd.TotalMilliseconds)), crashOrder[i]));
        }

        crashes.Sort((a, b) => a.Item1.CompareTo(b.Item1));

        // Proposers: the leader and maybe another crash, but one always survives.
        TimeSpan? leaderCrash = proposers > 1 && random.NextDouble() < 0.5 ? Ms(random.Next(100, (int)faultsEnd.TotalMilliseconds + 100)) : null;
        TimeSpan? followerCrash = proposers > (leaderCrash is null ? 1 : 2) && random.NextDouble() < 0.3 ? Ms(random.Next(0, (int)faultsEnd.TotalMilliseconds)) : null;
        (TimeSpan, int)? learnerCrash = learners > 1 && random.NextDouble() < 0.15 ? (Ms(random.Next(0, (int)faultsEnd.TotalMilliseconds)), random.Next(learners)) : null;

        var partitions = new List<PartitionPlan>();
        int partitionCount = random.NextDouble() < 0.4 ? random.Next(1, 4) : 0;
        for (int i = 0; i < partitionCount; i++)
        {
            TimeSpan start = Ms(random.Next(0, (int)faultsEnd.TotalMilliseconds));
            TimeSpan heal = Min(faultsEnd, start + Ms(random.Next(50, 2_000)));
            partitions.Add(new PartitionPlan(start, heal, (ulong)random.NextInt64()));
        }

        return new ScenarioPlan
        {
            Seed = seed,
            Kind = kind,
            NetworkSeed = random.Next(),
            Settings = settings,
            Faults = faults,
            FaultsEnd = faultsEnd,
            Acceptors = acceptors,
            Proposers = proposers,
            LearnerStarts = learnerStarts,
            Clients = clientPlans,
            AcceptorCrashes = crashes,
            LeaderCrashAt = leaderCrash,
            FollowerCrashAt = followerCrash,
            LearnerCrash = learnerCrash,
            Partitions = partitions,
        };
    }

    /// <summary>
    /// One input line: often a small number (duplicates within and between clients, like the course's
    /// <c>$RANDOM</c> inputs), sometimes empty, binary (any byte but the newline), UTF-8 with tabs, or long.
    /// </summary>
    private static byte[] DrawValue(Random random, int client, int index, int maxBytes)
    {
        double kind = random.NextDouble();
        if (kind < 0.3)
        {
            return Encoding.ASCII.GetBytes(random.Next(0, 12).ToString(CultureInfo.InvariantCulture));
        }

        if (kind < 0.4)
        {
            return [];
        }

        if (kind < 0.6 || kind >= 0.95)
        {
            int length = kind >= 0.95 ? random.Next(64, maxBytes + 1) : random.Next(1, Math.Min(64, maxBytes) + 1);
            byte[] bytes = new byte[length];
            random.NextBytes(bytes);
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    bytes[i] = 0;
                }
            }

            return bytes;
        }

        return kind < 0.7
            ? Encoding.UTF8.GetBytes($" client {client}\tvalue {index} ü ✓ ")
            : Encoding.ASCII.GetBytes($"c{client}-v{index}");
    }

    /// <summary>One line describing the seed, for a failure report.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"seed {Seed} ({Kind}): {Acceptors} acceptors, {Proposers} proposers, {LearnerStarts.Count} learners, {Clients.Count} clients ({string.Join('/', Clients.Select(c => c.Values.Count))} values); ");
        text.Append(CultureInfo.InvariantCulture, $"faults until {FaultsEnd.TotalMilliseconds:F0}ms: loss {Faults.Loss:P0}, duplication {Faults.Duplication:P0}, delay <= {Faults.MaxDelay.TotalMilliseconds:F1}ms");
        if (Faults.Stragglers > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", stragglers {Faults.Stragglers:P1} <= {Faults.StragglerDelay.TotalMilliseconds:F0}ms");
        }

        text.Append(CultureInfo.InvariantCulture, $"; acceptor crashes {AcceptorCrashes.Count}, leader crash {LeaderCrashAt is not null}, follower crash {FollowerCrashAt is not null}, ");
        text.Append(CultureInfo.InvariantCulture, $"late learners {LearnerStarts.Count(s => s > TimeSpan.Zero)}, learner crash {LearnerCrash is not null}, client crashes {Clients.Count(c => c.CrashAt is not null)}, partitions {Partitions.Count}; ");
        if (CrashRecovery)
        {
            text.Append(CultureInfo.InvariantCulture, $"crash-recovery: restarts {string.Join(", ", Restarts.Select(r => $"{r.Target}{(r.Target is RestartTarget.Acceptor or RestartTarget.Proposer ? $" #{r.Index + 1}" : "")} {(r.Point == CrashPoint.AtTime ? "at" : $"{r.Point} from")} {r.At.TotalMilliseconds:F0}ms for {r.DownFor.TotalMilliseconds:F0}ms{(r.Staggered ? " staggered" : "")}"))}, learner restarts {LearnerRestarts.Count}; ");
        }

        text.Append(CultureInfo.InvariantCulture, $"window {Settings.ClientWindow}, in flight {Settings.MaxInstancesInFlight}, batch {Settings.MaxBatchBytes}B, promise chunk {Settings.PromiseChunkBytes}B, catch-up {Settings.CatchUpBudgetBytes}B");
        return text.ToString();
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
