using System.Text;
using Paxos.Core.Configuration;
using Paxos.Core.Protocol;
using Paxos.Core.Wire;
using Paxos.Core.Wire.Messages;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Protocol.Cluster;

/// <summary>The checker the cluster tests rely on must itself be able to fail: each broken case must be reported.</summary>
public sealed class SafetyCheckerTests
{
    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A checker where client 1 (session 1) submitted the values as sequences 0, 1, 2…</summary>
    private static SafetyChecker CheckerWithSubmissions(params string[] values)
    {
        var checker = new SafetyChecker();
        for (int i = 0; i < values.Length; i++)
        {
            checker.OnSubmitted(new SubmissionKey(1, 1, (ulong)i), B(values[i]));
        }

        return checker;
    }

    private static void Decide(SafetyChecker checker, long instance, params (ulong Sequence, string Value)[] submissions) =>
        checker.OnDecisionSent(1, new Decision(instance, instance + 1, BatchOf(submissions.Select(s => (1u, 1ul, s.Sequence, s.Value)).ToArray())), TimeSpan.Zero);

    private static void Deliver(SafetyChecker checker, int learner, params string[] values)
    {
        foreach (string value in values)
        {
            checker.OnDelivered(learner, B(value), TimeSpan.Zero);
        }
    }

    [Fact]
    public void Checker_accepts_learners_that_follow_the_decided_sequence_while_one_lags()
    {
        SafetyChecker checker = CheckerWithSubmissions("a", "b", "a");
        Decide(checker, 0, (0, "a"), (1, "b"));
        Decide(checker, 1, (1, "b"), (2, "a"));

        Deliver(checker, 0, "a", "b");
        Deliver(checker, 1, "a");
        Deliver(checker, 0, "a");

        Assert.Empty(checker.Violations);
        Assert.True(checker.DeliveredEverything(0));
        Assert.False(checker.DeliveredEverything(1));
    }

    [Fact]
    public void Checker_reports_learners_that_disagree_on_a_position()
    {
        SafetyChecker checker = CheckerWithSubmissions("a", "b");
        Decide(checker, 0, (0, "a"), (1, "b"));

        Deliver(checker, 0, "a", "b");
        Deliver(checker, 1, "b");

        Assert.Contains(checker.Violations, v => v.Contains("agreement", StringComparison.Ordinal));
        Assert.Contains(checker.Violations, v => v.Contains("the decided sequence has", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_reports_a_disagreement_found_by_the_learner_that_was_ahead()
    {
        SafetyChecker checker = CheckerWithSubmissions("a", "b");
        Decide(checker, 0, (0, "a"), (1, "b"));

        Deliver(checker, 1, "a");
        Deliver(checker, 0, "b");

        Assert.Contains(checker.Violations, v => v.Contains("agreement", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_reports_a_delivered_value_nobody_submitted()
    {
        SafetyChecker checker = CheckerWithSubmissions("a");
        Decide(checker, 0, (0, "a"));

        Deliver(checker, 0, "forged");

        Assert.Contains(checker.Violations, v => v.Contains("no client submitted", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_reports_a_delivery_beyond_what_was_decided()
    {
        SafetyChecker checker = CheckerWithSubmissions("a", "b");
        Decide(checker, 0, (0, "a"));

        Deliver(checker, 0, "a", "b");

        Assert.Contains(checker.Violations, v => v.Contains("beyond the 1 submissions decided", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_reports_a_value_delivered_more_often_than_submitted()
    {
        SafetyChecker checker = CheckerWithSubmissions("a", "a", "b");

        Deliver(checker, 0, "a", "a");
        Assert.DoesNotContain(checker.Violations, v => v.Contains("times", StringComparison.Ordinal));

        Deliver(checker, 0, "a");
        Assert.Contains(checker.Violations, v => v.Contains("3 times, submitted 2 times", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_reports_a_submission_delivered_twice_even_when_its_value_was_submitted_twice()
    {
        // Sequences 0 and 1 are both "x". Sequence 0 is decided twice, sequence 1 never: a learner that
        // fails to skip the repeat prints "x" twice, which the value counts alone cannot tell from
        // printing both submissions.
        SafetyChecker checker = CheckerWithSubmissions("x", "x");
        Decide(checker, 0, (0, "x"));
        Decide(checker, 1, (0, "x"));

        Deliver(checker, 0, "x", "x");

        Assert.Contains(checker.Violations, v => v.Contains("beyond the 1 submissions decided", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_reports_two_different_decisions_for_one_instance()
    {
        SafetyChecker checker = CheckerWithSubmissions("a", "b");

        Decide(checker, 4, (0, "a"));
        Decide(checker, 4, (0, "a"));
        Assert.Empty(checker.Violations);

        Decide(checker, 4, (1, "b"));
        Assert.Contains(checker.Violations, v => v.Contains("instance 4", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_reports_a_decided_submission_nobody_made()
    {
        SafetyChecker checker = CheckerWithSubmissions("a");

        Decide(checker, 0, (7, "a"));

        Assert.Contains(checker.Violations, v => v.Contains("no client submitted", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_reports_a_decided_submission_with_altered_bytes()
    {
        SafetyChecker checker = CheckerWithSubmissions("a");

        Decide(checker, 0, (0, "A"));

        Assert.Contains(checker.Violations, v => v.Contains("other bytes than submitted", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_counts_a_learner_missing_a_value_as_not_done()
    {
        SafetyChecker checker = CheckerWithSubmissions("a", "b");

        Deliver(checker, 0, "a", "a");

        Assert.False(checker.DeliveredEverything(0));
    }

    // ----- the same, inside a running cluster ----------------------------------------------------

    [Fact]
    public void Forged_decision_for_a_decided_instance_is_caught_in_a_running_cluster()
    {
        var cluster = new SimulatedCluster(3).WithAcceptors(3).WithProposers(2).WithLearners(2);
        cluster.AddClient(1, SimulatedCluster.Values(1, 200));
        Assert.True(cluster.RunUntil(() => cluster.Learner(1).DeliveredCount >= 50, TimeSpan.FromSeconds(10)));
        Assert.Empty(cluster.Checker.Violations);

        // Proposer 2 "decides" instance 0 a second time, with another batch.
        cluster.Inject(cluster.Node(RoleGroup.Proposers, 2), RoleGroup.Learners, new Decision(0, 1, BatchOf((1, 0, 0, "forged"))));
        cluster.RunFor(TimeSpan.FromMilliseconds(100));

        Assert.Contains(cluster.Checker.Violations, v => v.Contains("instance 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Learner_fed_a_forged_decision_is_caught_diverging_in_a_running_cluster()
    {
        var cluster = new SimulatedCluster(3).WithAcceptors(3).WithProposers(1).WithLearners(2);
        cluster.AddClient(1, SimulatedCluster.Values(1, 400));
        Assert.True(cluster.RunUntil(() => cluster.Learner(1).DeliveredCount >= 50, TimeSpan.FromSeconds(10)));
        Assert.Empty(cluster.Checker.Violations);

        // A decision for an instance not decided yet, from a process that is no proposer (so the
        // per-instance check does not see it) and only to learner 2: learner 2 will print a value at a
        // position where learner 1 prints another one.
        long future = cluster.Learner(2).NextInstance + 3;
        cluster.Inject(
            cluster.Node(RoleGroup.Clients, 1),
            RoleGroup.Learners,
            new Decision(future, future + 1, BatchOf((99, 0, 0, "forged"))),
            onlyTo: node => node.Id == 2);
        cluster.StopOnViolation = false;
        cluster.RunUntil(cluster.AllDelivered, TimeSpan.FromSeconds(10));

        Assert.Contains(cluster.Checker.Violations, v => v.Contains("agreement", StringComparison.Ordinal));
        Assert.Contains(cluster.Checker.Violations, v => v.Contains("no client submitted", StringComparison.Ordinal));
        Assert.Contains(cluster.Checker.Violations, v => v.Contains("the decided sequence has", StringComparison.Ordinal) || v.Contains("submissions decided so far", StringComparison.Ordinal));
    }
}
