using System.Globalization;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Learners;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;

namespace Paxos.Simulation;

/// <summary>
/// Deliberate breakage, to show the checker fails when it should. None of these is a test double of the
/// protocol: the real roles run, misconfigured or on a network that breaks the protocol's assumptions.
/// </summary>
public enum BrokenVariant
{
    /// <summary>A correct cluster.</summary>
    None,

    /// <summary>A fourth acceptor process is started with id 1 by mistake: two disjoint pairs of processes each look like a quorum of distinct ids.</summary>
    DuplicateAcceptorId,

    /// <summary>The network raises the ballot of every Accept delivered to an acceptor to the highest ballot used so far, so stale proposals are accepted in a newer ballot.</summary>
    ByzantineAcceptBallot,

    /// <summary>Proposer 1 is told there is one acceptor (its quorum is acceptor 1 alone) while the others use the real count: quorums need not intersect.</summary>
    MixedQuorumSizes,

    /// <summary>Every proposer is told there is one acceptor: the quorum is always acceptor 1, which is safe (if not fault tolerant).</summary>
    QuorumOfOneEverywhere,

    /// <summary>
    /// "./proposer.sh 1 paxos.conf" typed twice (or a proposer restarted under its id while the old one lives):
    /// two proposer processes with id 1, each with its own randomness. Safe, because every process incarnation
    /// draws its own ballot nonce; the campaign runs it as a correct cluster.
    /// </summary>
    SharedProposerId,

    /// <summary>
    /// Two proposer processes with id 1 that also draw the same randomness, hence the same ballot nonce: their
    /// ballots coincide as they did before ballots carried a nonce, and both lead in one ballot.
    /// </summary>
    SharedProposerIdSameIncarnation,

    /// <summary>Crash-recovery: an acceptor sends its answers as soon as it handled a turn and syncs afterwards; a crash in between loses votes proposers already counted.</summary>
    AcceptorAnswersBeforeDurable,

    /// <summary>Crash-recovery: a restarted acceptor reloads what it accepted but not its promise.</summary>
    AcceptorForgetsPromise,

    /// <summary>Crash-recovery: a restarted proposer forgets its round floor and draws its first life's ballot nonce again, so it can reuse a ballot it used before.</summary>
    ProposerForgetsRoundFloor,
}

/// <summary>What one seed exercised and produced.</summary>
public sealed record SeedStats
{
    public int Acceptors { get; init; }

    public int Proposers { get; init; }

    public int Learners { get; init; }

    public int Clients { get; init; }

    public bool Loss { get; init; }

    public bool Duplication { get; init; }

    public bool WideReordering { get; init; }

    public bool LongDelays { get; init; }

    public int AcceptorCrashes { get; init; }

    public bool LeaderCrashed { get; init; }

    public bool FollowerCrashed { get; init; }

    public int LateLearners { get; init; }

    public bool LearnerCrashed { get; init; }

    public int ClientCrashes { get; init; }

    public int Partitions { get; init; }

    public long ValuesSubmitted { get; init; }

    public long ValuesPrinted { get; init; }

    public long DuplicatesSkipped { get; init; }

    public long InstancesChosen { get; init; }

    /// <summary>Stall seeds: instances chosen after the majority crash, completing votes cast before it.</summary>
    public long ChosenAfterStall { get; init; }

    public long LeadershipAttempts { get; init; }

    public long Datagrams { get; init; }

    public long Steps { get; init; }

    public TimeSpan SimulatedTime { get; init; }

    /// <summary>Whether the seed ran in crash-recovery mode (stores, commits, restarts).</summary>
    public bool CrashRecovery { get; init; }

    /// <summary>Crash-recovery: processes restarted over their disks.</summary>
    public long Restarts { get; init; }

    /// <summary>Crash-recovery: whether every acceptor and proposer went down at once.</summary>
    public bool PowerCut { get; init; }

    /// <summary>Crash-recovery: whether each acceptor was restarted in turn.</summary>
    public bool RollingRestart { get; init; }

    /// <summary>Crash-recovery: learners crashed and started again from scratch.</summary>
    public int LearnerRestarts { get; init; }

    /// <summary>Crash-recovery: whether a leading proposer was restarted.</summary>
    public bool LeaderRestarted { get; init; }

    /// <summary>Crash-recovery: commits completed.</summary>
    public long Commits { get; init; }

    /// <summary>Crash-recovery: commits a crash cut short (their writes and held messages lost).</summary>
    public long CommitsLost { get; init; }

    /// <summary>Live seeds: time from the end of the faults until every value was printed.</summary>
    public TimeSpan? Recovery { get; init; }
}

/// <summary>The outcome of one seed: null <see cref="Failure"/> means safe (and live, for live seeds).</summary>
public sealed record SeedResult(int Seed, SeedKind Kind, BrokenVariant Variant, string? Failure, IReadOnlyList<string> Violations, IReadOnlyCollection<string> ViolationKinds, IReadOnlyList<string> Trace, SeedStats Stats)
{
    public bool Passed => Failure is null;

    public bool Unsafe => Violations.Count > 0;

    /// <summary>Whether decisions were matched against the acceptors' state (the default; see <see cref="SafetyChecker.RequireDecisionsChosen"/>).</summary>
    public bool QuorumCheck { get; init; } = true;

    /// <summary>Whether the seed ran in crash-recovery mode with restarts.</summary>
    public bool Restarts { get; init; }

    /// <summary>The one command that replays this seed exactly.</summary>
    public string Reproduce => "dotnet run --project tests/Paxos.Simulation -c Release -- --seed " + Seed.ToString(CultureInfo.InvariantCulture)
        + (Restarts && !ScenarioRunner.NeedsRestarts(Variant) ? " --restarts" : "")
        + (Variant == BrokenVariant.None ? "" : " --variant " + Variant) + (QuorumCheck ? "" : " --no-quorum-check") + " --trace";
}

/// <summary>
/// Runs one seed: builds the cluster from its <see cref="ScenarioPlan"/>, drives the fault schedule on the
/// simulated clock, checks safety after every step (the <see cref="SafetyChecker"/> sees every acceptance,
/// decision and delivery as it happens) and, in live seeds, liveness within <see cref="LivenessBound"/>.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>
    /// How long after the fault phase ends every value of every live client must be printed by every live
    /// learner. The sum of the worst waits the protocol can hit once the network is calm, with margin:
    /// stragglers still in flight (≤ 3 s, <see cref="ScenarioPlan.MaxStragglerDelay"/>) + the client's capped
    /// resend interval (2 s) + electing a leader (leader timeout 0.5 s, start-up listening 0.3 s, back-off
    /// ≤ 0.4 s per preemption) + Phase 1 with chunked promises + the idle probe that finds a lost tail
    /// (0.5 s) + catch-up of the whole log in small budgets; the workload itself needs well under a second.
    /// </summary>
    public static readonly TimeSpan LivenessBound = TimeSpan.FromSeconds(20);

    /// <summary>How long a stall seed runs after the majority crash, watching that nothing new is decided.</summary>
    public static readonly TimeSpan StallWatch = TimeSpan.FromSeconds(3);

    /// <summary>Extra time run after a live seed completed: late duplicates must not make anything unsafe.</summary>
    public static readonly TimeSpan Aftermath = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether <paramref name="variant"/> is a crash-recovery flaw (it runs with restarts whatever was asked).</summary>
    public static bool NeedsRestarts(BrokenVariant variant) =>
        variant is BrokenVariant.AcceptorAnswersBeforeDurable or BrokenVariant.AcceptorForgetsPromise or BrokenVariant.ProposerForgetsRoundFloor;

    /// <summary>
    /// Runs <paramref name="seed"/>; with <paramref name="restarts"/> (or a crash-recovery variant), in crash-recovery
    /// mode: simulated stores, commits that delay each turn's messages, and the seed's restarts and power cuts.
    /// </summary>
    public static SeedResult Run(int seed, BrokenVariant variant = BrokenVariant.None, bool requireDecisionsChosen = true, Action<string>? trace = null, bool restarts = false)
    {
        restarts |= NeedsRestarts(variant);
        ScenarioPlan plan = ScenarioPlan.Draw(seed, restarts);
        StorageModel? storage = restarts
            ? new StorageModel
            {
                AcceptorAnswersBeforeDurable = variant == BrokenVariant.AcceptorAnswersBeforeDurable,
                AcceptorForgetsPromise = variant == BrokenVariant.AcceptorForgetsPromise,
                ProposerForgetsRoundFloor = variant == BrokenVariant.ProposerForgetsRoundFloor,
            }
            : null;
        var cluster = new SimulatedCluster(plan.NetworkSeed, plan.Settings, plan.Faults, storage);
        cluster.Checker.RequireDecisionsChosen = requireDecisionsChosen;
        cluster.Trace.Live = trace;
        Build(cluster, plan, variant);
        trace?.Invoke("** " + plan.Describe());

        var events = new List<(TimeSpan At, Action Act)>();
        Schedule(cluster, plan, events);

        // A stable sort: events at the same instant keep their scheduling order (a client starts before it crashes).
        events = [.. events.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e)];
        int nextEvent = 0;
        uint[] liveClients = Enumerable.Range(0, plan.Clients.Count).Where(i => plan.Clients[i].CrashAt is null).Select(i => (uint)(i + 1)).ToArray();
        int acceptorsDown = 0;
        TimeSpan end = plan.Kind == SeedKind.Live
            ? plan.FaultsEnd + LivenessBound
            : Max(plan.FaultsEnd, plan.AcceptorCrashes[^1].At) + StallWatch;

        bool Step()
        {
            while (nextEvent < events.Count && events[nextEvent].At <= cluster.Now)
            {
                events[nextEvent++].Act();
            }

            // Only crashes for good make a stall: acceptors down for a restart (even all of them) come back.
            int down = cluster.AcceptorNodes.Count(a => a.CrashedForGood);
            if (down != acceptorsDown)
            {
                acceptorsDown = down;
                if (down > cluster.AcceptorNodes.Count / 2)
                {
                    // From now on only a minority can accept: nothing that is not chosen yet may be decided.
                    cluster.Checker.BeginStall();
                    cluster.Trace.Note(cluster.Now, "a majority of acceptors is down: nothing new may be decided");
                }
            }

            return plan.Kind == SeedKind.Live && nextEvent == events.Count && cluster.Now >= plan.FaultsEnd && Done(cluster, liveClients);
        }

        bool done = cluster.RunUntil(Step, end - cluster.Now);
        TimeSpan? recovery = done ? cluster.Now - plan.FaultsEnd : null;
        if (done && cluster.Checker.Violations.Count == 0)
        {
            cluster.RunFor(Aftermath);
        }

        string? failure = null;
        if (cluster.Checker.Violations.Count > 0)
        {
            failure = "UNSAFE: " + cluster.Checker.Violations[0];
        }
        else if (plan.Kind == SeedKind.Live && !done && variant is BrokenVariant.None or BrokenVariant.SharedProposerId)
        {
            failure = $"NOT LIVE: {LivenessBound.TotalSeconds:F0}s after the faults ended{(restarts ? " (every process restarted, a quorum up)" : "")}, not every value of every live client was printed by every live learner";
        }

        var stats = Stats(cluster, plan, recovery);
        var lines = new List<string>();
        if (failure is not null)
        {
            lines.Add(plan.Describe());
            lines.AddRange(cluster.Checker.Violations.Take(5));
            lines.AddRange(State(cluster));
            lines.Add("last events:");
            lines.AddRange(cluster.Trace.Last(30));
        }

        return new SeedResult(seed, plan.Kind, variant, failure, cluster.Checker.Violations.ToList(), cluster.Checker.ViolationKinds.ToList(), lines, stats)
        {
            QuorumCheck = requireDecisionsChosen,
            Restarts = restarts,
        };
    }

    private static void Build(SimulatedCluster cluster, ScenarioPlan plan, BrokenVariant variant)
    {
        cluster.ExpectedClients = plan.Clients.Count;
        cluster.WithAcceptors(plan.Acceptors);
        if (variant == BrokenVariant.DuplicateAcceptorId)
        {
            // "./acceptor.sh 1 paxos.conf" typed twice: a fourth process that also calls itself acceptor 1.
            cluster.AddAcceptor(1);
        }

        bool sharedId = variant is BrokenVariant.SharedProposerId or BrokenVariant.SharedProposerIdSameIncarnation;
        int proposers = variant == BrokenVariant.MixedQuorumSizes || sharedId ? Math.Max(2, plan.Proposers) : plan.Proposers;
        for (int process = 1; process <= proposers; process++)
        {
            // With a shared id, processes 1 and 2 both call themselves proposer 1; the rest are 2, 3...
            int id = sharedId ? Math.Max(1, process - 1) : process;
            int? acceptorCount = variant switch
            {
                BrokenVariant.MixedQuorumSizes when id == 1 => 1,
                BrokenVariant.QuorumOfOneEverywhere => 1,
                _ => null,
            };
            int? sameRandomnessAs = variant == BrokenVariant.SharedProposerIdSameIncarnation && process == 2 ? 1 : null;
            cluster.AddProposer(id, acceptorCount, sameRandomnessAs);
        }

        if (variant == BrokenVariant.ByzantineAcceptBallot)
        {
            Ballot highest = Ballot.Zero;
            cluster.OnSend = (_, _, message) =>
            {
                if (message is Prepare prepare)
                {
                    highest = Ballot.Max(highest, prepare.Ballot);
                }
            };
            cluster.Tamper = (receiver, message) =>
                receiver.Group == RoleGroup.Acceptors && message is Accept accept && accept.Ballot < highest
                    ? accept with { Ballot = highest }
                    : message;
        }

        for (int i = 0; i < plan.LearnerStarts.Count; i++)
        {
            if (plan.LearnerStarts[i] == TimeSpan.Zero)
            {
                cluster.AddLearner(i + 1);
            }
        }
    }

    private static void Schedule(SimulatedCluster cluster, ScenarioPlan plan, List<(TimeSpan At, Action Act)> events)
    {
        for (int i = 0; i < plan.LearnerStarts.Count; i++)
        {
            int id = i + 1;
            if (plan.LearnerStarts[i] > TimeSpan.Zero)
            {
                events.Add((plan.LearnerStarts[i], () =>
                {
                    cluster.AddLearner(id);
                    cluster.Trace.Note(cluster.Now, $"learner {id} starts late");
                }));
            }
        }

        for (int i = 0; i < plan.Clients.Count; i++)
        {
            ClientPlan client = plan.Clients[i];
            int id = i + 1;
            events.Add((client.StartAt, () =>
            {
                SimNode node = cluster.AddClient(id, client.Values);
                node.SubmitInterval = client.Interval;
                cluster.Trace.Note(cluster.Now, $"client {id} starts: {client.Values.Count} values");
            }));
            if (client.CrashAt is { } crashAt)
            {
                events.Add((crashAt, () => cluster.Crash(cluster.Node(RoleGroup.Clients, id))));
            }
        }

        foreach ((TimeSpan at, int acceptor) in plan.AcceptorCrashes)
        {
            events.Add((at, () => cluster.Crash(cluster.AcceptorNodes[acceptor])));
        }

        if (plan.LeaderCrashAt is { } leaderCrash)
        {
            events.Add((leaderCrash, () =>
            {
                // The proposer leading now (the one doing the work), else the lowest live id (the next leader).
                SimNode? leader = cluster.ProposerNodes.FirstOrDefault(n => n.Alive && ((Proposer)n.Role).Mode == ProposerMode.Leading)
                    ?? cluster.ProposerNodes.FirstOrDefault(n => n.Alive);
                if (leader is not null && cluster.ProposerNodes.Count(n => n.Alive) > 1)
                {
                    cluster.Crash(leader);
                }
            }));
        }

        if (plan.FollowerCrashAt is { } followerCrash)
        {
            events.Add((followerCrash, () =>
            {
                SimNode? follower = cluster.ProposerNodes.LastOrDefault(n => n.Alive && ((Proposer)n.Role).Mode != ProposerMode.Leading);
                if (follower is not null && cluster.ProposerNodes.Count(n => n.Alive) > 1)
                {
                    cluster.Crash(follower);
                }
            }));
        }

        if (plan.LearnerCrash is { } learnerCrash)
        {
            events.Add((learnerCrash.At, () =>
            {
                var started = cluster.Learners.Where(l => l.Alive).ToList();
                if (started.Count > 1 || (started.Count == 1 && plan.LearnerStarts.Count > cluster.Learners.Count))
                {
                    cluster.Crash(started[learnerCrash.Learner % started.Count]);
                }
            }));
        }

        var active = new List<(PartitionPlan Plan, HashSet<SimNode> SideA)>();
        foreach (PartitionPlan partition in plan.Partitions)
        {
            events.Add((partition.StartAt, () =>
            {
                var sideA = new HashSet<SimNode>();
                int bit = 0;
                foreach (SimNode node in cluster.Nodes)
                {
                    if (((partition.Sides >> (bit++ % 64)) & 1) != 0)
                    {
                        sideA.Add(node);
                    }
                }

                active.Add((partition, sideA));
                cluster.Blocks = (sender, receiver) => active.Exists(p => p.SideA.Contains(sender) != p.SideA.Contains(receiver));
                cluster.Trace.Note(cluster.Now, $"partition: {{{string.Join(", ", sideA)}}} | the rest");
            }));
            events.Add((partition.HealAt, () =>
            {
                active.RemoveAll(p => ReferenceEquals(p.Plan, partition));
                if (active.Count == 0)
                {
                    cluster.Blocks = null;
                }

                cluster.Trace.Note(cluster.Now, "a partition heals");
            }));
        }

        ScheduleRestarts(cluster, plan, events);
        events.Add((plan.FaultsEnd, () =>
        {
            cluster.Faults = ScenarioPlan.CalmNetwork;
            active.Clear();
            cluster.Blocks = null;
            cluster.Trace.Note(cluster.Now, "faults end: no more loss, duplication, long delays or partitions");
        }));
    }

    /// <summary>
    /// Crash-recovery: each planned restart is a crash (at its moment, or armed to fire when its target reaches
    /// its crash point) and restarts of the same processes, never later than the end of the fault phase.
    /// </summary>
    private static void ScheduleRestarts(SimulatedCluster cluster, ScenarioPlan plan, List<(TimeSpan At, Action Act)> events)
    {
        foreach (RestartPlan restart in plan.Restarts)
        {
            var acceptors = cluster.AcceptorNodes;
            var proposers = cluster.ProposerNodes;
            List<SimNode> everyone = [.. acceptors, .. proposers];
            Func<SimNode, bool> matches = restart.Target switch
            {
                RestartTarget.Acceptor => node => node == acceptors[restart.Index % acceptors.Count],
                RestartTarget.Proposer => node => node == proposers[restart.Index % proposers.Count],
                RestartTarget.LeadingProposer => node => node.Group == RoleGroup.Proposers && ((Proposer)node.Role).Mode != ProposerMode.Following,
                _ => node => node.Group == RoleGroup.Acceptors,
            };

            void CrashAndPlanRestart(SimNode first)
            {
                List<SimNode> down = restart.Target == RestartTarget.Everyone ? [first, .. everyone.Where(n => n != first)] : [first];
                if (restart.Target == RestartTarget.Everyone)
                {
                    cluster.Trace.Note(cluster.Now, "power cut: every acceptor and proposer goes down");
                }

                foreach (SimNode node in down)
                {
                    cluster.CrashForRestart(node);
                }

                for (int i = 0; i < down.Count; i++)
                {
                    SimNode node = down[i];
                    TimeSpan after = restart.Staggered ? restart.DownFor * (i + 1) / down.Count : restart.DownFor;
                    cluster.At(Min(cluster.Now + after, plan.FaultsEnd), () => cluster.Restart(node));
                }
            }

            events.Add((restart.At, () =>
            {
                if (restart.Point != CrashPoint.AtTime)
                {
                    cluster.ArmCrash(matches, restart.Point, CrashAndPlanRestart);
                    return;
                }

                // Now: the leader of the moment (else the first proposer up), or the planned process.
                SimNode? first = restart.Target switch
                {
                    RestartTarget.LeadingProposer => proposers.FirstOrDefault(n => n.Alive && ((Proposer)n.Role).Mode == ProposerMode.Leading)
                        ?? proposers.FirstOrDefault(n => n.Alive),
                    RestartTarget.Everyone => everyone[0],
                    _ => everyone.First(matches),
                };
                if (first is not null)
                {
                    CrashAndPlanRestart(first);
                }
            }));
        }

        if (plan.Restarts.Count > 0)
        {
            events.Add((plan.FaultsEnd, cluster.DisarmCrashes));
        }

        foreach ((TimeSpan at, int learner, TimeSpan downFor) in plan.LearnerRestarts)
        {
            events.Add((at, () =>
            {
                var started = cluster.Learners.Where(l => l.Alive).ToList();
                if (started.Count == 0)
                {
                    return;
                }

                SimNode node = started[learner % started.Count];
                cluster.Crash(node);
                cluster.At(Min(cluster.Now + downFor, plan.FaultsEnd), () =>
                {
                    cluster.AddLearner(node.Id);
                    cluster.LearnerRestarts++;
                    cluster.Trace.Note(cluster.Now, $"learner {node.Id} restarts from scratch");
                });
            }));
        }
    }

    /// <summary>Liveness: every live client read all its input and every live learner printed all of it.</summary>
    private static bool Done(SimulatedCluster cluster, uint[] liveClients)
    {
        if (cluster.Clients.Count < cluster.ExpectedClients)
        {
            return false;
        }

        foreach (SimNode client in cluster.Clients)
        {
            // A live client has read all its input and has every submission acknowledged.
            if (client.Alive && (client.ToSubmit.Count > 0 || ((Paxos.Core.Protocol.Clients.Client)client.Role).Outstanding > 0))
            {
                return false;
            }
        }

        foreach (SimNode learner in cluster.Learners)
        {
            if (learner.Alive && !cluster.Checker.DeliveredAllOf(learner.LearnerIndex, liveClients))
            {
                return false;
            }
        }

        return true;
    }

    private static SeedStats Stats(SimulatedCluster cluster, ScenarioPlan plan, TimeSpan? recovery) => new()
    {
        Acceptors = cluster.AcceptorNodes.Count,
        Proposers = cluster.ProposerNodes.Count,
        Learners = plan.LearnerStarts.Count,
        Clients = plan.Clients.Count,
        Loss = plan.Faults.Loss > 0,
        Duplication = plan.Faults.Duplication > 0,
        WideReordering = plan.Faults.MaxDelay >= TimeSpan.FromMilliseconds(50),
        LongDelays = plan.Faults.Stragglers > 0,
        AcceptorCrashes = cluster.AcceptorNodes.Count(a => !a.Alive),
        LeaderCrashed = plan.LeaderCrashAt is not null && cluster.ProposerNodes.Any(p => !p.Alive),
        FollowerCrashed = plan.FollowerCrashAt is not null && cluster.ProposerNodes.Count(p => !p.Alive) > (plan.LeaderCrashAt is null ? 0 : 1),
        LateLearners = plan.LearnerStarts.Count(s => s > TimeSpan.Zero),
        LearnerCrashed = cluster.Learners.Count(l => !l.Alive) > cluster.LearnerRestarts,
        LearnerRestarts = cluster.LearnerRestarts,
        ClientCrashes = cluster.Clients.Count(c => !c.Alive),
        Partitions = plan.Partitions.Count,
        ValuesSubmitted = cluster.Checker.SubmittedCount,
        ValuesPrinted = cluster.Learners.Sum(l => ((Learner)l.Role).DeliveredCount),
        DuplicatesSkipped = cluster.Learners.Sum(l => ((Learner)l.Role).DuplicatesSkipped),
        InstancesChosen = cluster.Checker.ChosenInstanceCount,
        ChosenAfterStall = cluster.Checker.ChosenSinceStall,
        LeadershipAttempts = cluster.Proposers.Sum(p => p.LeadershipAttempts),
        Datagrams = cluster.DatagramsSent,
        Steps = cluster.Steps,
        SimulatedTime = cluster.Now,
        Recovery = recovery,
        CrashRecovery = plan.CrashRecovery,
        Restarts = cluster.Restarts,
        PowerCut = plan.Restarts.Any(r => r.Target == RestartTarget.Everyone),
        RollingRestart = plan.Restarts.Count(r => r.Target == RestartTarget.Acceptor) >= plan.Acceptors,
        LeaderRestarted = plan.Restarts.Any(r => r.Target == RestartTarget.LeadingProposer),
        Commits = cluster.CommitsCompleted,
        CommitsLost = cluster.CommitsLost,
    };

    private static IEnumerable<string> State(SimulatedCluster cluster)
    {
        yield return $"state at t={cluster.Now.TotalMilliseconds:F1}ms: submitted={cluster.Checker.SubmittedCount} chosen instances={cluster.Checker.ChosenInstanceCount}";
        foreach (SimNode node in cluster.Nodes)
        {
            string state = node.Role switch
            {
                Proposer p => $"mode={p.Mode} ballot={p.Ballot} prefix={p.DecidedPrefix} decided={p.InstancesDecided} attempts={p.LeadershipAttempts}",
                Paxos.Core.Protocol.Acceptors.Acceptor a => $"promised={a.Promised} accepted-end={a.AcceptedEnd}",
                Learner l => $"next={l.NextInstance} delivered={l.DeliveredCount} catch-up requests={l.CatchUpRequests}",
                Paxos.Core.Protocol.Clients.Client c => $"submitted={c.Submitted} outstanding={c.Outstanding} unread={node.ToSubmit.Count} resent={c.Resent}",
                _ => "",
            };
            string restarts = node.Restarts > 0 ? $" (restarted {node.Restarts}x)" : "";
            yield return $"  {node}{(node.Alive ? "" : " (crashed)")}{restarts}: {state}";
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
