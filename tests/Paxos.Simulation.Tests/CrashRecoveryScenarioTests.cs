using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;

namespace Paxos.Simulation.Tests;

/// <summary>
/// Crash-recovery clusters by hand: acceptors and proposers over simulated stores whose commits take time,
/// crashed and restarted over their disks. Each run checks safety after every event and that everything
/// submitted is printed by every learner once the processes are back.
/// </summary>
public sealed class CrashRecoveryScenarioTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static SimulatedCluster Durable(int seed, StorageModel? storage = null, int values = 1_000, NetworkFaults? faults = null)
    {
        var cluster = new SimulatedCluster(seed, faults: faults, storage: storage ?? new StorageModel())
            .WithAcceptors(3).WithProposers(2).WithLearners(2);
        cluster.AddClient(1, SimulatedCluster.Values(1, values));
        cluster.AddClient(2, SimulatedCluster.Values(2, values));
        return cluster;
    }

    private static void AssertAllDeliveredSafely(SimulatedCluster cluster)
    {
        bool done = cluster.RunUntil(cluster.AllDelivered, Limit);
        cluster.RunFor(TimeSpan.FromMilliseconds(500));
        Assert.True(cluster.Checker.Violations.Count == 0, string.Join('\n', cluster.Checker.Violations.Take(3)));
        Assert.True(done, $"not everything was delivered: submitted {cluster.Checker.SubmittedCount}, learners printed {string.Join('/', cluster.Learners.Select(l => ((Paxos.Core.Protocol.Learners.Learner)l.Role).DeliveredCount))}");
        Assert.All(cluster.Learners, l => Assert.Equal(cluster.Checker.SubmittedCount, cluster.Checker.Output(l.LearnerIndex).Count));
    }

    /// <summary>Counts the answers that left before what they say was on the sender's disk.</summary>
    private static List<string> WatchAnswers(SimulatedCluster cluster)
    {
        var early = new List<string>();
        cluster.OnSend = (sender, destination, message) =>
        {
            switch (message)
            {
                case Promise promise:
                    if (sender.AcceptorDisk!.Promised < promise.Ballot)
                    {
                        early.Add($"{sender} promised {promise.Ballot} before its disk held it");
                    }

                    break;
                case Accepted accepted:
                    if (!sender.AcceptorDisk!.TryGet(accepted.Instance, out Ballot ballot, out _) || ballot != accepted.Ballot)
                    {
                        early.Add($"{sender} answered instance {accepted.Instance} before its disk held it");
                    }

                    break;
                case Prepare prepare when sender.ProposerDisk!.RoundFloor < prepare.Ballot.Round:
                    early.Add($"{sender} sent a Prepare in round {prepare.Ballot.Round} before its disk held the round");
                    break;
                case Decision decision when sender.Group == RoleGroup.Proposers && !sender.ProposerDisk!.Contains(decision.Instance):
                    early.Add($"{sender} announced instance {decision.Instance} before its disk held it");
                    break;
            }
        };
        return early;
    }

    [Fact]
    public void Answers_leave_only_after_what_they_promise_is_on_the_disk()
    {
        SimulatedCluster cluster = Durable(seed: 11);
        List<string> early = WatchAnswers(cluster);

        AssertAllDeliveredSafely(cluster);

        Assert.True(early.Count == 0, string.Join('\n', early.Take(5)));
        Assert.True(cluster.CommitsCompleted > 20);
    }

    [Fact]
    public void Acceptor_answering_before_its_disk_is_seen_by_the_same_watch()
    {
        SimulatedCluster cluster = Durable(seed: 11, storage: new StorageModel { AcceptorAnswersBeforeDurable = true });
        cluster.Checker.RequireDecisionsChosen = false;
        List<string> early = WatchAnswers(cluster);

        cluster.RunUntil(cluster.AllDelivered, Limit);

        Assert.NotEmpty(early);
    }

    [Fact]
    public void Without_a_storage_model_nothing_commits_and_nothing_is_held()
    {
        var cluster = new SimulatedCluster(11).WithAcceptors(3).WithProposers(1).WithLearners(1);
        cluster.AddClient(1, SimulatedCluster.Values(1, 50));

        Assert.True(cluster.RunUntil(cluster.AllDelivered, Limit));
        Assert.Equal(0, cluster.CommitsCompleted);
        Assert.All(cluster.AcceptorNodes, a => Assert.Null(a.Store));
        cluster.CrashForRestart(cluster.AcceptorNodes[0]);
        Assert.Throws<InvalidOperationException>(() => cluster.Restart(cluster.AcceptorNodes[0]));
    }

    [Fact]
    public void Restarted_acceptor_resumes_with_its_promise_and_accepted_values()
    {
        SimulatedCluster cluster = Durable(seed: 12, values: 3_000);
        cluster.RunUntil(() => cluster.Checker.DecidedInstanceCount > 5, Limit);
        SimNode node = cluster.AcceptorNodes[1];
        cluster.CrashForRestart(node);
        var disk = node.AcceptorDisk!;

        cluster.Restart(node);

        var acceptor = (Acceptor)node.Role;
        Assert.Equal(disk.Promised, acceptor.Promised);
        Assert.Equal(disk.AcceptedEnd, acceptor.AcceptedEnd);
        Assert.True(acceptor.AcceptedEnd > 0);
        Assert.Equal(1, node.Restarts);
        AssertAllDeliveredSafely(cluster);
    }

    [Fact]
    public void Restarted_leader_is_a_new_incarnation_above_every_round_it_used()
    {
        SimulatedCluster cluster = Durable(seed: 13, values: 3_000);
        cluster.RunUntil(() => cluster.Checker.DecidedInstanceCount > 5, Limit);
        SimNode leader = cluster.ProposerNodes.First(p => ((Proposer)p.Role).Mode == ProposerMode.Leading);
        Ballot before = ((Proposer)leader.Role).Ballot;

        cluster.CrashForRestart(leader);
        cluster.RunFor(TimeSpan.FromMilliseconds(20));
        cluster.Restart(leader);
        var restarted = (Proposer)leader.Role;
        Assert.Equal(ProposerMode.Following, restarted.Mode);
        Assert.Equal(((Proposer)leader.Role).DecidedPrefix, leader.ProposerDisk!.ContiguousEnd);
        Assert.True(cluster.RunUntil(() => restarted.Mode != ProposerMode.Following, TimeSpan.FromSeconds(5)), "the restarted proposer never tried to lead again");

        Assert.True(restarted.Ballot.Round > before.Round, $"{restarted.Ballot} is not above {before}");
        Assert.NotEqual(before.Incarnation, restarted.Ballot.Incarnation);

        AssertAllDeliveredSafely(cluster);
    }

    [Fact]
    public void Power_cut_mid_run_loses_nothing_decided()
    {
        SimulatedCluster cluster = Durable(seed: 14, values: 3_000, faults: new NetworkFaults { Loss = 0.05, MaxDelay = TimeSpan.FromMilliseconds(5) });
        cluster.RunUntil(() => cluster.Checker.DecidedInstanceCount > 5, Limit);
        int decidedBefore = cluster.Checker.DecidedInstanceCount;
        Assert.True(decidedBefore > 0);
        var processes = cluster.AcceptorNodes.Concat(cluster.ProposerNodes).ToList();

        foreach (SimNode node in processes)
        {
            cluster.CrashForRestart(node);
        }

        cluster.RunFor(TimeSpan.FromMilliseconds(200));
        Assert.All(processes, p => Assert.False(p.Alive));
        foreach (SimNode node in processes)
        {
            cluster.Restart(node);
        }

        cluster.Faults = NetworkFaults.None;
        AssertAllDeliveredSafely(cluster);
        Assert.All(processes, p => Assert.Equal(1, p.Restarts));
    }

    [Fact]
    public void Rolling_restarts_of_every_acceptor_keep_the_cluster_safe_and_live()
    {
        SimulatedCluster cluster = Durable(seed: 15, values: 3_000);
        cluster.RunUntil(() => cluster.Checker.DecidedInstanceCount > 5, Limit);
        foreach (SimNode acceptor in cluster.AcceptorNodes)
        {
            cluster.RunFor(TimeSpan.FromMilliseconds(50));
            cluster.CrashForRestart(acceptor);
            cluster.RunFor(TimeSpan.FromMilliseconds(40));
            cluster.Restart(acceptor);
        }

        AssertAllDeliveredSafely(cluster);
        Assert.All(cluster.AcceptorNodes, a => Assert.Equal(1, a.Restarts));
    }

    [Fact]
    public void Crash_inside_a_commit_loses_the_turn_and_what_it_would_have_sent()
    {
        SimulatedCluster cluster = Durable(seed: 16, storage: new StorageModel { MinCommitDelay = TimeSpan.FromMilliseconds(1), MaxCommitDelay = TimeSpan.FromMilliseconds(3) });
        SimNode target = cluster.AcceptorNodes[0];
        SimNode? crashed = null;
        cluster.RunUntil(() => cluster.Checker.DecidedInstanceCount > 5, Limit);
        long acceptedOnDisk = target.AcceptorDisk!.AcceptedEnd;
        cluster.ArmCrash(n => n == target, CrashPoint.DuringCommit, n =>
        {
            crashed = n;
            cluster.CrashForRestart(n);
        });

        cluster.RunUntil(() => crashed is not null, TimeSpan.FromSeconds(2));

        Assert.Same(target, crashed);
        Assert.Equal(1, cluster.CommitsLost);
        var beforeCrash = (Acceptor)target.Role;
        Assert.True(beforeCrash.AcceptedEnd >= target.AcceptorDisk.AcceptedEnd);
        Assert.True(target.AcceptorDisk.AcceptedEnd >= acceptedOnDisk);
        cluster.Restart(target);
        Assert.Equal(target.AcceptorDisk.AcceptedEnd, ((Acceptor)target.Role).AcceptedEnd);
        AssertAllDeliveredSafely(cluster);
    }
}
