using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using static Paxos.Simulation.Tests.TestBatches;

namespace Paxos.Simulation.Tests;

/// <summary>The checker the cluster tests rely on must itself be able to fail: each broken case must be reported.</summary>
public sealed class SafetyCheckerTests
{
    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>
    /// A checker where client 1 (session 1) submitted the values as sequences 0, 1, 2… It knows of no
    /// acceptors, so decisions are not matched against the acceptors' state here (tests below do that).
    /// </summary>
    private static SafetyChecker CheckerWithSubmissions(params string[] values)
    {
        var checker = new SafetyChecker { RequireDecisionsChosen = false };
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

    // ----- consensus from the acceptors' state ------------------------------------------------------

    private static readonly Batch ValueA = BatchOf((1, 1, 0, "a"));
    private static readonly Batch ValueB = BatchOf((1, 1, 1, "b"));

    private static SafetyChecker CheckerWithAcceptors(int acceptors)
    {
        var checker = new SafetyChecker { AcceptorProcesses = acceptors };
        checker.OnSubmitted(new SubmissionKey(1, 1, 0), B("a"));
        checker.OnSubmitted(new SubmissionKey(1, 1, 1), B("b"));
        return checker;
    }

    [Fact]
    public void Checker_accepts_a_value_chosen_again_in_a_higher_ballot()
    {
        SafetyChecker checker = CheckerWithAcceptors(3);
        checker.OnAcceptorAccepted(0, 7, new Ballot(1, 1), ValueA, TimeSpan.Zero);
        checker.OnAcceptorAccepted(1, 7, new Ballot(1, 1), ValueA, TimeSpan.Zero);
        checker.OnAcceptorAccepted(1, 7, new Ballot(2, 2), ValueA, TimeSpan.Zero);
        checker.OnAcceptorAccepted(2, 7, new Ballot(2, 2), ValueA, TimeSpan.Zero);
        checker.OnDecisionSent(1, new Decision(7, 0, ValueA), TimeSpan.Zero);

        Assert.Empty(checker.Violations);
        Assert.Equal(1, checker.ChosenInstanceCount);
    }

    [Fact]
    public void Checker_reports_two_values_chosen_for_one_instance_by_the_acceptors()
    {
        // Acceptors 1, 2 accept "a" in ballot 1.1; acceptors 2, 3 accept "b" in ballot 2.2: both chosen.
        SafetyChecker checker = CheckerWithAcceptors(3);
        checker.OnAcceptorAccepted(0, 3, new Ballot(1, 1), ValueA, TimeSpan.Zero);
        checker.OnAcceptorAccepted(1, 3, new Ballot(1, 1), ValueA, TimeSpan.Zero);
        Assert.Empty(checker.Violations);

        checker.OnAcceptorAccepted(1, 3, new Ballot(2, 2), ValueB, TimeSpan.Zero);
        checker.OnAcceptorAccepted(2, 3, new Ballot(2, 2), ValueB, TimeSpan.Zero);

        Assert.Contains(checker.Violations, v => v.Contains("consensus: instance 3: a majority accepted a value in ballot 2.2, another value was chosen in ballot 1.1", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_reports_two_values_in_one_ballot()
    {
        SafetyChecker checker = CheckerWithAcceptors(5);
        checker.OnAcceptorAccepted(0, 0, new Ballot(1, 1), ValueA, TimeSpan.Zero);
        checker.OnAcceptorAccepted(3, 0, new Ballot(1, 1), ValueB, TimeSpan.Zero);

        Assert.Contains(checker.Violations, v => v.Contains("accepted a different value than acceptor #1 in the same ballot", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_reports_a_decision_no_majority_accepted()
    {
        SafetyChecker checker = CheckerWithAcceptors(3);
        checker.OnAcceptorAccepted(0, 0, new Ballot(1, 1), ValueA, TimeSpan.Zero);

        checker.OnDecisionSent(1, new Decision(0, 1, ValueA), TimeSpan.Zero);

        Assert.Contains(checker.Violations, v => v.StartsWith("t=0.0ms quorum: instance 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_reports_a_decision_for_another_value_than_the_chosen_one()
    {
        SafetyChecker checker = CheckerWithAcceptors(3);
        checker.OnAcceptorAccepted(0, 0, new Ballot(1, 1), ValueA, TimeSpan.Zero);
        checker.OnAcceptorAccepted(2, 0, new Ballot(1, 1), ValueA, TimeSpan.Zero);

        checker.OnDecisionSent(1, new Decision(0, 1, ValueB), TimeSpan.Zero);

        Assert.Contains(checker.Violations, v => v.Contains("another value than the one chosen", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_reports_a_choice_made_after_a_majority_crashed_from_new_votes_only()
    {
        SafetyChecker checker = CheckerWithAcceptors(3);
        checker.OnAcceptorAccepted(0, 0, new Ballot(1, 1), ValueA, TimeSpan.Zero);
        checker.BeginStall();

        // Completing ballot 1.1 with a vote cast before the crash is possible (the crashed acceptor's
        // Accepted was in flight); a choice in a ballot nobody voted in before the crash is not.
        checker.OnAcceptorAccepted(1, 0, new Ballot(1, 1), ValueA, TimeSpan.Zero);
        Assert.Empty(checker.Violations);
        checker.OnAcceptorAccepted(1, 1, new Ballot(1, 1), ValueB, TimeSpan.Zero);
        checker.OnAcceptorAccepted(2, 1, new Ballot(1, 1), ValueB, TimeSpan.Zero);

        Assert.Contains(checker.Violations, v => v.Contains("stall: instance 1 was chosen", StringComparison.Ordinal));
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

    [Fact]
    public void Acceptor_answering_a_ballot_below_one_it_answered_before_is_reported()
    {
        var checker = new SafetyChecker { AcceptorProcesses = 3 };
        checker.OnAcceptorAnswered(0, new Ballot(2, 1, 5), TimeSpan.Zero);
        checker.OnAcceptorAnswered(0, new Ballot(2, 1, 5), TimeSpan.Zero);
        checker.OnAcceptorAnswered(1, new Ballot(1, 2, 5), TimeSpan.Zero);
        checker.OnAcceptorAnswered(0, new Ballot(3, 2, 5), TimeSpan.Zero);
        Assert.Empty(checker.Violations);

        checker.OnAcceptorAnswered(0, new Ballot(2, 2, 5), TimeSpan.Zero);

        Assert.Single(checker.Violations);
        Assert.Contains("promise", checker.ViolationKinds);
        Assert.Contains("acceptor #1", checker.Violations[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_promises_are_a_protocol_check_turned_off_with_the_quorum_check()
    {
        var checker = new SafetyChecker { AcceptorProcesses = 3, RequireDecisionsChosen = false };
        checker.OnAcceptorAnswered(0, new Ballot(2, 1, 5), TimeSpan.Zero);
        checker.OnAcceptorAnswered(0, new Ballot(1, 1, 5), TimeSpan.Zero);

        Assert.Empty(checker.Violations);
    }
}
