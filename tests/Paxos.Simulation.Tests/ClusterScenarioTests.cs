using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Learners;
using Paxos.Core.Protocol.Proposers;

namespace Paxos.Simulation.Tests;

/// <summary>
/// Whole clusters of the real role state machines on a simulated network, one fixed seed per run, with
/// the safety properties checked after every event. A failing seed reproduces exactly.
/// </summary>
public sealed class ClusterScenarioTests
{
    private const int ValuesPerClient = 500;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static readonly NetworkFaults Lossy = new()
    {
        Loss = 0.2,
        Duplication = 0.1,
        MinDelay = TimeSpan.FromMilliseconds(0.2),
        MaxDelay = TimeSpan.FromMilliseconds(15),
    };

    /// <summary>
    /// The two timer sets the core scenarios run with: the simulator's defaults (slower resends, which the fixed
    /// scenarios were tuned with) and the real role processes' (<see cref="ProtocolSettings.Processes"/>: faster
    /// resends and catch-up), so both run in fixed scenarios and not only in the random campaign.
    /// </summary>
    public enum TimerSet
    {
        Defaults,
        Processes,
    }

    private static ProtocolSettings SettingsOf(TimerSet timers) =>
        timers == TimerSet.Processes ? SimulatedCluster.WithProcessTimers(SimulatedCluster.DefaultSettings) : SimulatedCluster.DefaultSettings;

    /// <summary>The course's set-up: 3 acceptors, 2 proposers, 2 learners, 2 clients.</summary>
    private static SimulatedCluster Standard(int seed, NetworkFaults? faults = null, int valuesPerClient = ValuesPerClient, TimerSet timers = TimerSet.Defaults)
    {
        var cluster = new SimulatedCluster(seed, SettingsOf(timers), faults).WithAcceptors(3).WithProposers(2).WithLearners(2);
        cluster.AddClient(1, SimulatedCluster.Values(1, valuesPerClient));
        cluster.AddClient(2, SimulatedCluster.Values(2, valuesPerClient));
        return cluster;
    }

    private static string Describe(SimulatedCluster cluster)
    {
        var lines = new List<string>
        {
            $"t={cluster.Now.TotalMilliseconds:F0}ms submitted={cluster.Checker.SubmittedCount} decided instances={cluster.Checker.DecidedInstanceCount}",
        };
        lines.AddRange(cluster.Checker.Violations.Take(5));
        foreach (SimNode node in cluster.Nodes)
        {
            string state = node.Role switch
            {
                Proposer p => $"mode={p.Mode} ballot={p.Ballot} prefix={p.DecidedPrefix} decided={p.InstancesDecided} attempts={p.LeadershipAttempts}",
                Learner l => $"next={l.NextInstance} delivered={l.DeliveredCount} catch-up requests={l.CatchUpRequests}",
                Paxos.Core.Protocol.Clients.Client c => $"submitted={c.Submitted} outstanding={c.Outstanding} resent={c.Resent}",
                _ => "",
            };
            lines.Add($"  {node}{(node.Alive ? "" : " (crashed)")}: {state}");
        }

        return string.Join('\n', lines);
    }

    private static void AssertSafe(SimulatedCluster cluster) =>
        Assert.True(cluster.Checker.Violations.Count == 0, Describe(cluster));

    /// <summary>Runs to completion, then a while longer (nothing may be delivered twice), and checks everything.</summary>
    private static void RunToCompletion(SimulatedCluster cluster)
    {
        bool done = cluster.RunUntil(cluster.AllDelivered, Limit);
        AssertSafe(cluster);
        Assert.True(done, "not everything was delivered\n" + Describe(cluster));

        cluster.RunFor(TimeSpan.FromSeconds(1));
        AssertSafe(cluster);
        AssertEveryLiveLearnerDeliveredEverything(cluster);
    }

    private static void AssertEveryLiveLearnerDeliveredEverything(SimulatedCluster cluster)
    {
        SimNode[] live = cluster.Learners.Where(l => l.Alive).ToArray();
        foreach (SimNode learner in live)
        {
            Assert.True(cluster.Checker.DeliveredEverything(learner.LearnerIndex), $"{learner} did not deliver exactly the submissions\n" + Describe(cluster));
        }

        for (int i = 1; i < live.Length; i++)
        {
            Assert.Equal(cluster.Checker.Output(live[0].LearnerIndex), cluster.Checker.Output(live[i].LearnerIndex));
        }
    }

    // ----- (a) no faults ------------------------------------------------------------------------

    [Theory]
    [InlineData(TimerSet.Defaults)]
    [InlineData(TimerSet.Processes)]
    public void Fault_free_cluster_delivers_every_value_to_both_learners_in_one_order(TimerSet timers)
    {
        SimulatedCluster cluster = Standard(seed: 1, timers: timers);

        RunToCompletion(cluster);

        Assert.Equal(2 * ValuesPerClient, cluster.Checker.Output(0).Count);
        Assert.Equal(cluster.Checker.Output(0), cluster.Checker.Output(1));
        Assert.True(cluster.Checker.DecidedInstanceCount > 20, "the run should span many instances");
        Assert.True(cluster.Proposer(1).InstancesDecided > 0);
        Assert.Equal(0, cluster.Proposer(2).InstancesDecided);
    }

    [Fact]
    public void Same_seed_reproduces_the_same_run()
    {
        SimulatedCluster first = Standard(seed: 9, Lossy, valuesPerClient: 100);
        SimulatedCluster second = Standard(seed: 9, Lossy, valuesPerClient: 100);

        RunToCompletion(first);
        RunToCompletion(second);

        Assert.Equal(first.Now, second.Now);
        Assert.Equal(first.DatagramsSent, second.DatagramsSent);
        Assert.Equal(first.Checker.Output(0), second.Checker.Output(0));
    }

    // ----- (b) loss, duplication, reordering -----------------------------------------------------

    [Theory]
    [InlineData(1, TimerSet.Defaults)]
    [InlineData(2, TimerSet.Defaults)]
    [InlineData(3, TimerSet.Defaults)]
    [InlineData(4, TimerSet.Defaults)]
    [InlineData(5, TimerSet.Defaults)]
    [InlineData(2, TimerSet.Processes)]
    [InlineData(3, TimerSet.Processes)]
    public void Lossy_network_still_delivers_everything_once_in_one_order(int seed, TimerSet timers)
    {
        SimulatedCluster cluster = Standard(seed, Lossy, timers: timers);

        RunToCompletion(cluster);

        Assert.True(cluster.Proposers.Sum(p => p.Retransmissions) > 0, "the faults should have forced retransmissions");
        Assert.True(cluster.Learners.Sum(l => ((Learner)l.Role).CatchUpRequests) > 0, "the faults should have forced catch-up");
    }

    // ----- (c) the leader crashes ----------------------------------------------------------------

    [Theory]
    [InlineData(1, 0.0, TimerSet.Defaults)]
    [InlineData(2, 0.1, TimerSet.Defaults)]
    [InlineData(1, 0.0, TimerSet.Processes)]
    [InlineData(2, 0.1, TimerSet.Processes)]
    public void Second_proposer_takes_over_when_the_leader_crashes(int seed, double loss, TimerSet timers)
    {
        SimulatedCluster cluster = Standard(seed, Lossy with { Loss = loss, Duplication = loss }, timers: timers);
        Assert.True(cluster.RunUntil(() => cluster.Learner(1).DeliveredCount >= 300, Limit), Describe(cluster));
        Assert.True(cluster.Proposer(1).InstancesDecided > 0);
        Assert.Equal(0, cluster.Proposer(2).InstancesDecided);

        cluster.Crash(RoleGroup.Proposers, 1);
        RunToCompletion(cluster);

        Assert.True(cluster.Proposer(2).InstancesDecided > 0, "proposer 2 should have taken over\n" + Describe(cluster));
        Assert.Equal(ProposerMode.Leading, cluster.Proposer(2).Mode);
    }

    // ----- (d) acceptors crash -------------------------------------------------------------------

    [Theory]
    [InlineData(1, 0.0, TimerSet.Defaults)]
    [InlineData(3, 0.1, TimerSet.Defaults)]
    [InlineData(1, 0.0, TimerSet.Processes)]
    [InlineData(3, 0.1, TimerSet.Processes)]
    public void One_crashed_acceptor_of_three_does_not_stop_progress(int seed, double loss, TimerSet timers)
    {
        SimulatedCluster cluster = Standard(seed, Lossy with { Loss = loss, Duplication = loss }, timers: timers);
        Assert.True(cluster.RunUntil(() => cluster.Learner(1).DeliveredCount >= 200, Limit), Describe(cluster));

        cluster.Crash(RoleGroup.Acceptors, 2);
        RunToCompletion(cluster);
    }

    [Fact]
    public void Cluster_started_with_one_acceptor_down_delivers_everything()
    {
        SimulatedCluster cluster = Standard(seed: 4);
        cluster.Crash(RoleGroup.Acceptors, 1);

        RunToCompletion(cluster);
    }

    [Theory]
    [InlineData(1, 0.0, TimerSet.Defaults)]
    [InlineData(2, 0.1, TimerSet.Defaults)]
    [InlineData(1, 0.0, TimerSet.Processes)]
    [InlineData(2, 0.1, TimerSet.Processes)]
    public void Two_crashed_acceptors_of_three_stop_progress_and_keep_agreement(int seed, double loss, TimerSet timers)
    {
        NetworkFaults faults = Lossy with { Loss = loss, Duplication = loss };
        SimulatedCluster cluster = Standard(seed, faults, timers: timers);
        Assert.True(cluster.RunUntil(() => cluster.Learner(1).DeliveredCount >= 200, Limit), Describe(cluster));

        cluster.Crash(RoleGroup.Acceptors, 1);
        cluster.Crash(RoleGroup.Acceptors, 3);

        // Accepted messages already in flight may still complete a decision; after that, nothing. With the
        // processes' fast Accept resends, an instance that had one vote from a crashed acceptor can also still be
        // completed by the live one's vote in the same ballot (a quorum after all) until those resends are over.
        cluster.RunFor(timers == TimerSet.Processes ? TimeSpan.FromSeconds(2) : faults.MaxDelay + cluster.TickInterval);
        var decidedAtCrash = cluster.Checker.DecidedInstances.ToHashSet();
        cluster.RunFor(TimeSpan.FromSeconds(5));

        AssertSafe(cluster);
        Assert.Equal(decidedAtCrash, cluster.Checker.DecidedInstances.ToHashSet());
        Assert.True(cluster.Checker.Output(0).Count < cluster.Checker.SubmittedCount);
        Assert.True(cluster.Proposers.Sum(p => p.LeadershipAttempts) > 1 || cluster.Proposers.Sum(p => p.Retransmissions) > 0, "the proposers should keep trying");

        // Both learners end with the same (catch-up fills whatever one of them missed).
        Assert.Equal(cluster.Checker.Output(0), cluster.Checker.Output(1));
    }

    // ----- (e) a learner starts late --------------------------------------------------------------

    [Theory]
    [InlineData(1, 0.0, TimerSet.Defaults)]
    [InlineData(2, 0.2, TimerSet.Defaults)]
    [InlineData(1, 0.0, TimerSet.Processes)]
    [InlineData(2, 0.2, TimerSet.Processes)]
    public void Late_learner_catches_up_the_whole_sequence(int seed, double loss, TimerSet timers)
    {
        // The course's catch-up test: 1 proposer, 1 learner, one client's values; then a second learner
        // and a second client start, and more values are proposed.
        var cluster = new SimulatedCluster(seed, SettingsOf(timers), Lossy with { Loss = loss, Duplication = loss })
            .WithAcceptors(3).WithProposers(1).WithLearners(1);
        cluster.AddClient(1, SimulatedCluster.Values(1, 300));
        Assert.True(cluster.RunUntil(cluster.AllDelivered, Limit), Describe(cluster));
        cluster.RunFor(TimeSpan.FromSeconds(1));

        cluster.AddLearner(2);
        cluster.AddClient(2, SimulatedCluster.Values(2, 300));
        RunToCompletion(cluster);

        Assert.Equal(600, cluster.Checker.Output(1).Count);
        Assert.Equal(cluster.Checker.Output(0), cluster.Checker.Output(1));
        Assert.True(cluster.Learner(2).CatchUpRequests > 0);
    }

    [Fact]
    public void Learner_started_after_everything_was_decided_catches_up()
    {
        SimulatedCluster cluster = new SimulatedCluster(6).WithAcceptors(3).WithProposers(2).WithLearners(1);
        cluster.AddClient(1, SimulatedCluster.Values(1, 400));
        Assert.True(cluster.RunUntil(cluster.AllDelivered, Limit), Describe(cluster));
        cluster.RunFor(TimeSpan.FromSeconds(2));

        cluster.AddLearner(2);
        RunToCompletion(cluster);

        Assert.Equal(cluster.Checker.Output(0), cluster.Checker.Output(1));
    }

    // ----- a submission decided twice --------------------------------------------------------------

    [Fact]
    public void Submission_decided_twice_after_a_leader_change_is_delivered_once()
    {
        // An old leader (a ghost, proposer 9 in ballot 0.9) got the client's first submission accepted by
        // acceptor 1 alone, for instance 5, and vanished. Proposer 1 leads without hearing acceptor 1 and
        // decides the client's copy of that submission in instance 0. Then proposer 1 and acceptor 3 crash:
        // proposer 2's Phase 1 quorum is acceptors 1 and 2, which reports the ghost's value for instance 5,
        // and Paxos requires proposer 2 to propose it again. The submission is now decided twice; every
        // learner must print it once.
        var cluster = new SimulatedCluster(seed: 11).WithAcceptors(3).WithProposers(2).WithLearners(2);
        SimNode client = cluster.AddClient(1, SimulatedCluster.Values(1, 3));
        byte[] first = SimulatedCluster.Values(1, 1).Single();
        var ghost = new SimNode(RoleGroup.Proposers, 9, new Paxos.Core.Protocol.Learners.Learner(cluster.Settings));
        var ghostBatch = new Paxos.Core.Protocol.BatchBuilder();
        ghostBatch.TryAdd(1, client.Session, 0, first);
        cluster.Inject(ghost, RoleGroup.Acceptors, new Paxos.Core.Protocol.Messages.Accept(new Paxos.Core.Protocol.Ballot(0, 9), 5, ghostBatch.Build()), onlyTo: a => a.Id == 1);
        bool hideAcceptor1 = true;
        cluster.Blocks = (sender, receiver) => hideAcceptor1 && sender.Group == RoleGroup.Acceptors && sender.Id == 1 && receiver.Group == RoleGroup.Proposers;
        Assert.True(cluster.RunUntil(cluster.AllDelivered, Limit), Describe(cluster));
        Assert.Equal(0, cluster.Learners.Sum(l => ((Learner)l.Role).DuplicatesSkipped));

        cluster.Crash(RoleGroup.Proposers, 1);
        cluster.Crash(RoleGroup.Acceptors, 3);
        hideAcceptor1 = false;
        cluster.AddClient(2, SimulatedCluster.Values(2, 20));
        RunToCompletion(cluster);

        Assert.True(cluster.Proposer(2).TryGetDecided(5, out Paxos.Core.Protocol.Batch recovered), Describe(cluster));
        Assert.Equal(Convert.ToHexString(first), Convert.ToHexString(Assert.Single(WireValues(recovered))));
        Assert.All(cluster.Learners, l => Assert.Equal(1, ((Learner)l.Role).DuplicatesSkipped));
        Assert.Equal(23, cluster.Checker.Output(0).Count);
    }

    private static List<byte[]> WireValues(Paxos.Core.Protocol.Batch batch)
    {
        var values = new List<byte[]>();
        foreach (Paxos.Core.Protocol.BatchValue value in batch)
        {
            values.Add(value.Value.ToArray());
        }

        return values;
    }

    // ----- values up to the wire limit ------------------------------------------------------------

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Values_up_to_the_wire_limit_survive_loss_and_a_leader_change(int seed)
    {
        // Real batch limits (one 65,000-byte value fills a batch) and real Promise chunks: the new leader's
        // Phase 1 must recover big accepted batches chunk by chunk, every datagram within the UDP limit.
        var random = new Random(seed);
        List<byte[]> BigValues(int client) => Enumerable.Range(0, 40).Select(i =>
        {
            byte[] value = new byte[i % 4 == 0 ? Paxos.Core.Protocol.WireLimits.MaxValueBytes : random.Next(0, 40_000)];
            random.NextBytes(value);
            value[0] = (byte)client;
            if (value.Length > 2)
            {
                value[1] = (byte)i;
            }

            return value;
        }).ToList();
        var settings = new Paxos.Core.Protocol.ProtocolSettings { ClientWindow = 16 };
        var cluster = new SimulatedCluster(seed, settings, Lossy with { Loss = 0.1, Duplication = 0.05 })
            .WithAcceptors(3).WithProposers(2).WithLearners(2);
        cluster.AddClient(1, BigValues(1));
        cluster.AddClient(2, BigValues(2));
        long largestPromise = 0;
        cluster.OnSend = (_, _, message) =>
        {
            if (message is Paxos.Core.Protocol.Messages.Promise promise)
            {
                largestPromise = Math.Max(largestPromise, promise.Entries.Sum(e => (long)e.Batch.Encoded.Length));
            }
        };

        // Crash the leader early enough that work is left for the next one: with overtaken Accepts resent at
        // once, the first leader had decided all 80 values by the time a learner showed 30 (seed 1).
        Assert.True(cluster.RunUntil(() => cluster.Learner(1).DeliveredCount >= 10, Limit), Describe(cluster));
        cluster.Crash(RoleGroup.Proposers, 1);
        RunToCompletion(cluster);

        Assert.True(cluster.Proposer(2).InstancesDecided > 0);
        Assert.True(largestPromise > 60_000, $"the new leader should have recovered big batches (largest promise {largestPromise} bytes)");
    }

    // ----- (f) two proposers both lead -----------------------------------------------------------

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Two_leaders_at_once_stay_safe_and_finish_once_the_election_heals(int seed)
    {
        SimulatedCluster cluster = Standard(seed, Lossy with { Loss = 0.1, Duplication = 0.05 });

        // No proposer hears another: each believes it is the only one and leads.
        bool partitioned = true;
        cluster.Blocks = (sender, receiver) => partitioned
            && sender.Group == RoleGroup.Proposers && receiver.Group == RoleGroup.Proposers && sender.Id != receiver.Id;
        // The partition lasts until both have led at the same moment (within the time limit) and 600 values are out:
        // how soon both lead at once depends on the seed's timing, not on what is tested.
        bool bothLed = false;
        cluster.RunUntil(
            () =>
            {
                bothLed |= cluster.Proposers.All(p => p.Mode == ProposerMode.Leading);
                return bothLed && cluster.Learner(1).DeliveredCount >= 600;
            },
            TimeSpan.FromSeconds(20));
        AssertSafe(cluster);
        Assert.True(bothLed, "the election should have disagreed\n" + Describe(cluster));
        Assert.All(cluster.Proposers, p => Assert.True(p.InstancesDecided > 0, "both proposers should have decided instances\n" + Describe(cluster)));

        partitioned = false;
        RunToCompletion(cluster);
    }

    [Fact]
    public void Duelling_proposers_without_loss_stay_safe()
    {
        SimulatedCluster cluster = Standard(seed: 8);
        cluster.Blocks = (sender, receiver) => sender.Group == RoleGroup.Proposers && receiver.Group == RoleGroup.Proposers && sender.Id != receiver.Id;

        cluster.RunUntil(cluster.AllDelivered, TimeSpan.FromSeconds(20));
        AssertSafe(cluster);

        cluster.Blocks = null;
        RunToCompletion(cluster);
    }
}
