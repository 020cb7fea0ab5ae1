using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Proposers;

namespace Paxos.Simulation.Tests;

/// <summary>
/// The fixed scenarios' core cases again, with the timers of the real role processes
/// (<see cref="ProtocolSettings.Processes"/>: faster resends and catch-up) instead of the defaults the other
/// fixed scenarios were tuned with, so both timer sets run in fixed scenarios and not only in the random campaign.
/// </summary>
public sealed class ProcessTimerScenarioTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static readonly NetworkFaults Lossy = new()
    {
        Loss = 0.2,
        Duplication = 0.1,
        MinDelay = TimeSpan.FromMilliseconds(0.2),
        MaxDelay = TimeSpan.FromMilliseconds(15),
    };

    private static SimulatedCluster Standard(int seed, NetworkFaults? faults = null)
    {
        var cluster = new SimulatedCluster(seed, SimulatedCluster.WithProcessTimers(SimulatedCluster.DefaultSettings), faults)
            .WithAcceptors(3).WithProposers(2).WithLearners(2);
        cluster.AddClient(1, SimulatedCluster.Values(1, 500));
        cluster.AddClient(2, SimulatedCluster.Values(2, 500));
        return cluster;
    }

    private static void AssertSafe(SimulatedCluster cluster) =>
        Assert.True(cluster.Checker.Violations.Count == 0, string.Join('\n', cluster.Checker.Violations.Take(5)));

    private static void RunToCompletion(SimulatedCluster cluster)
    {
        bool done = cluster.RunUntil(cluster.AllDelivered, Limit);
        AssertSafe(cluster);
        Assert.True(done, $"not everything was delivered: submitted {cluster.Checker.SubmittedCount}");

        cluster.RunFor(TimeSpan.FromSeconds(1));
        AssertSafe(cluster);
        SimNode[] live = cluster.Learners.Where(l => l.Alive).ToArray();
        Assert.All(live, learner => Assert.True(cluster.Checker.DeliveredEverything(learner.LearnerIndex), $"{learner} did not deliver exactly the submissions"));
        Assert.All(live, learner => Assert.Equal(cluster.Checker.Output(live[0].LearnerIndex), cluster.Checker.Output(learner.LearnerIndex)));
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.2)]
    [InlineData(3, 0.2)]
    public void Every_value_is_delivered_once_in_one_order(int seed, double loss)
    {
        RunToCompletion(Standard(seed, Lossy with { Loss = loss, Duplication = loss / 2 }));
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.1)]
    public void Second_proposer_takes_over_when_the_leader_crashes(int seed, double loss)
    {
        SimulatedCluster cluster = Standard(seed, Lossy with { Loss = loss, Duplication = loss });
        Assert.True(cluster.RunUntil(() => cluster.Learner(1).DeliveredCount >= 300, Limit));

        cluster.Crash(RoleGroup.Proposers, 1);
        RunToCompletion(cluster);

        Assert.Equal(ProposerMode.Leading, cluster.Proposer(2).Mode);
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(3, 0.1)]
    public void One_crashed_acceptor_of_three_does_not_stop_progress(int seed, double loss)
    {
        SimulatedCluster cluster = Standard(seed, Lossy with { Loss = loss, Duplication = loss });
        Assert.True(cluster.RunUntil(() => cluster.Learner(1).DeliveredCount >= 200, Limit));

        cluster.Crash(RoleGroup.Acceptors, 2);
        RunToCompletion(cluster);
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.1)]
    public void Two_crashed_acceptors_of_three_stop_progress_and_keep_agreement(int seed, double loss)
    {
        NetworkFaults faults = Lossy with { Loss = loss, Duplication = loss };
        SimulatedCluster cluster = Standard(seed, faults);
        Assert.True(cluster.RunUntil(() => cluster.Learner(1).DeliveredCount >= 200, Limit));

        cluster.Crash(RoleGroup.Acceptors, 1);
        cluster.Crash(RoleGroup.Acceptors, 3);

        // With the fast Accept resends, an instance that had one vote from a crashed acceptor can still be
        // completed by the live one's vote in the same ballot (a quorum after all); once those resends are
        // over, nothing more is decided.
        cluster.RunFor(TimeSpan.FromSeconds(2));
        var decidedAfterResends = cluster.Checker.DecidedInstances.ToHashSet();
        cluster.RunFor(TimeSpan.FromSeconds(5));

        AssertSafe(cluster);
        Assert.Equal(decidedAfterResends, cluster.Checker.DecidedInstances.ToHashSet());
        Assert.True(cluster.Checker.Output(0).Count < cluster.Checker.SubmittedCount);
        Assert.Equal(cluster.Checker.Output(0), cluster.Checker.Output(1));
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.2)]
    public void Late_learner_catches_up_the_whole_sequence(int seed, double loss)
    {
        SimulatedCluster cluster = Standard(seed, Lossy with { Loss = loss, Duplication = loss / 2 });
        Assert.True(cluster.RunUntil(() => cluster.Learner(1).DeliveredCount >= 400, Limit));

        cluster.AddLearner(3);
        RunToCompletion(cluster);
    }
}
