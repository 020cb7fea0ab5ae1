using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Learners;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;

namespace Paxos.Simulation.Tests;

/// <summary>
/// A stranger on the groups (no key_file) sends one well-formed frame with an absurd number in it, in the
/// middle of a run. It may be dropped, or cost a leader change; it must never stall the cluster for good,
/// grow a process's memory, or keep a learner asking for instances nobody decided.
/// </summary>
public sealed class ForgedInputScenarioTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static SimulatedCluster Cluster(int seed)
    {
        var cluster = new SimulatedCluster(seed).WithAcceptors(3).WithProposers(2).WithLearners(2);
        cluster.AddClient(1, SimulatedCluster.Values(1, 50));
        return cluster;
    }

    /// <summary>A sender outside the cluster (not a proposer, so the checker does not take its Decisions as the cluster's).</summary>
    private static SimNode Stranger(SimulatedCluster cluster) => new(RoleGroup.Clients, 99, new Learner(cluster.Settings));

    private static string Describe(SimulatedCluster cluster) =>
        $"t={cluster.Now.TotalMilliseconds:F0}ms submitted={cluster.Checker.SubmittedCount} "
        + string.Join(' ', cluster.ProposerNodes.Select(n => $"[{n}: {((Proposer)n.Role).Mode} {((Proposer)n.Role).Ballot} prefix={((Proposer)n.Role).DecidedPrefix}]"))
        + string.Join(' ', cluster.Learners.Select(n => $"[{n}: next={((Learner)n.Role).NextInstance}]"))
        + " " + string.Join("; ", cluster.Checker.Violations.Take(3));

    [Fact]
    public void Forged_heartbeat_with_the_last_round_does_not_stall_the_cluster()
    {
        SimulatedCluster cluster = Cluster(seed: 5);
        Assert.True(cluster.RunUntil(cluster.AllDelivered, Limit), Describe(cluster));

        cluster.Inject(Stranger(cluster), RoleGroup.Proposers, new Heartbeat(new Ballot(uint.MaxValue, uint.MaxValue, uint.MaxValue), 0));
        cluster.AddClient(2, SimulatedCluster.Values(2, 50));

        Assert.True(cluster.RunUntil(cluster.AllDelivered, Limit), Describe(cluster));
        Assert.Empty(cluster.Checker.Violations);
        Assert.All(cluster.Proposers, p => Assert.True(p.Ballot.Round < uint.MaxValue / 2, $"{p.Ballot}"));
    }

    [Fact]
    public void Claims_of_a_decided_instance_four_billion_do_not_keep_learners_asking_nor_stop_real_catch_up()
    {
        SimulatedCluster cluster = Cluster(seed: 6);
        Assert.True(cluster.RunUntil(cluster.AllDelivered, Limit), Describe(cluster));

        // A Decision far past the lookahead (dropped, but its claim was believed) and a heartbeat claiming the same prefix.
        SimNode stranger = Stranger(cluster);
        cluster.Inject(stranger, RoleGroup.Learners, new Decision(4_000_000_000, 4_000_000_000, Batch.Empty));
        cluster.Inject(stranger, RoleGroup.Proposers, new Heartbeat(Ballot.Zero, 4_000_000_000));
        cluster.Inject(stranger, RoleGroup.Proposers, new Decision(4_000_000_000, 4_000_000_000, Batch.Empty));
        cluster.RunFor(TimeSpan.FromMilliseconds(500));

        long[] before = [.. cluster.Learners.Select(l => ((Learner)l.Role).CatchUpRequests)];
        TimeSpan quiet = TimeSpan.FromSeconds(10);
        cluster.RunFor(quiet);

        // An idle learner probes once per IdleProbe; one that believed the claim asked every CatchUpRetry, forever.
        long allowed = (long)(quiet / cluster.Settings.IdleProbe) + 5;
        for (int i = 0; i < before.Length; i++)
        {
            long asked = ((Learner)cluster.Learners[i].Role).CatchUpRequests - before[i];
            Assert.True(asked <= allowed, $"learner {i + 1} sent {asked} catch-up requests in {quiet.TotalSeconds}s of quiet (at most {allowed})");
        }

        cluster.AddClient(2, SimulatedCluster.Values(2, 50));
        Assert.True(cluster.RunUntil(cluster.AllDelivered, Limit), Describe(cluster));
        Assert.Empty(cluster.Checker.Violations);
    }
}
