using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Learners;
using Paxos.Core.Protocol.Messages;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Protocol;

public sealed class LearnerTests
{
    private static readonly ProtocolSettings Settings = new();

    private static void Decide(Learner learner, long instance, Batch batch, TimeSpan? now = null) =>
        learner.Handle(1, new Decision(instance, instance + 1, batch), now ?? TimeSpan.Zero);

    [Fact]
    public void Learner_delivers_decisions_in_instance_order()
    {
        var learner = new Learner(Settings);

        Decide(learner, 0, BatchOf((1, 1, 0, "a"), (1, 1, 1, "b")));
        Decide(learner, 1, BatchOf((2, 1, 0, "c")));

        Assert.Equal(["a", "b", "c"], Text(learner.Ready.Deliveries));
        Assert.Equal(2, learner.NextInstance);
        Assert.Equal(3, learner.DeliveredCount);
    }

    [Fact]
    public void Learner_buffers_a_decision_that_arrives_before_its_predecessor()
    {
        var learner = new Learner(Settings);

        Decide(learner, 2, BatchOf((1, 1, 2, "c")));
        Decide(learner, 1, BatchOf((1, 1, 1, "b")));
        Assert.Empty(learner.Ready.Deliveries);
        Assert.Equal(0, learner.NextInstance);

        Decide(learner, 0, BatchOf((1, 1, 0, "a")));

        Assert.Equal(["a", "b", "c"], Text(learner.Ready.Deliveries));
        Assert.Equal(3, learner.NextInstance);
    }

    [Fact]
    public void Learner_applies_a_repeated_decision_once()
    {
        var learner = new Learner(Settings);
        Batch batch = BatchOf((1, 1, 0, "a"));

        Decide(learner, 0, batch);
        Decide(learner, 0, batch);
        Decide(learner, 1, Batch.Empty);
        Decide(learner, 1, Batch.Empty);

        Assert.Equal(["a"], Text(learner.Ready.Deliveries));
        Assert.Equal(0, learner.DuplicatesSkipped);
    }

    [Fact]
    public void Learner_skips_a_submission_decided_a_second_time()
    {
        var learner = new Learner(Settings);

        Decide(learner, 0, BatchOf((1, 9, 0, "a"), (1, 9, 1, "b")));
        Decide(learner, 1, BatchOf((1, 9, 1, "b"), (1, 9, 2, "c")));

        Assert.Equal(["a", "b", "c"], Text(learner.Ready.Deliveries));
        Assert.Equal(1, learner.DuplicatesSkipped);
    }

    [Fact]
    public void Learner_delivers_equal_values_of_different_submissions_twice()
    {
        var learner = new Learner(Settings);

        Decide(learner, 0, BatchOf((1, 9, 0, "same"), (1, 9, 1, "same")));
        Decide(learner, 1, BatchOf((2, 9, 0, "same"), (1, 10, 0, "same")));

        Assert.Equal(["same", "same", "same", "same"], Text(learner.Ready.Deliveries));
        Assert.Equal(0, learner.DuplicatesSkipped);
    }

    [Fact]
    public void No_op_decision_advances_without_delivering()
    {
        var learner = new Learner(Settings);

        Decide(learner, 0, Batch.Empty);
        Decide(learner, 1, BatchOf((1, 1, 0, "a")));

        Assert.Equal(["a"], Text(learner.Ready.Deliveries));
        Assert.Equal(2, learner.NextInstance);
    }

    [Fact]
    public void Learner_keeps_delivered_values_byte_exact()
    {
        var learner = new Learner(Settings);
        byte[] binary = [0, 255, 10, 13, 9, 0xC3];
        var builder = new BatchBuilder();
        builder.TryAdd(1, 1, 0, binary);
        builder.TryAdd(1, 1, 1, []);

        Decide(learner, 0, builder.Build());

        Assert.Equal(binary, learner.Ready.Deliveries[0].ToArray());
        Assert.Equal(0, learner.Ready.Deliveries[1].Length);
    }

    [Fact]
    public void Decision_beyond_the_lookahead_is_dropped()
    {
        var learner = new Learner(Settings with { MaxInstanceLookahead = 10 });

        Decide(learner, 11, BatchOf((1, 1, 11, "far")));
        for (long instance = 0; instance < 11; instance++)
        {
            Decide(learner, instance, Batch.Empty);
        }

        Assert.Empty(learner.Ready.Deliveries);
        Assert.Equal(11, learner.NextInstance);
    }

    [Fact]
    public void Decisions_waiting_behind_a_gap_are_bounded_in_bytes_and_refetched_when_dropped()
    {
        // Within the lookahead, a flood of (forged or real) decisions behind a gap could each hold a 64 KB batch.
        var learner = new Learner(Settings with { MaxBufferedDecisionBytes = 10_000 });
        string kilobyte = new('x', 1_000);
        for (long instance = 10; instance < 110; instance++)
        {
            Decide(learner, instance, BatchOf((1, 1, (ulong)instance, kilobyte)));
            Assert.True(learner.BufferedDecisionBytes <= 10_000, $"{learner.BufferedDecisionBytes} bytes waiting");
        }

        // The gap fills, and what was dropped comes again (a catch-up answer) and is delivered in order.
        for (long instance = 0; instance < 110; instance++)
        {
            Decide(learner, instance, BatchOf((1, 1, (ulong)instance, kilobyte)));
        }

        Assert.Equal(110, learner.NextInstance);
        Assert.Equal(110, learner.DeliveredCount);
        Assert.Equal(0, learner.BufferedDecisionBytes);
    }

    [Fact]
    public void A_duplicate_of_a_waiting_decision_does_not_drop_the_buffer_at_its_cap()
    {
        var learner = new Learner(Settings with { MaxBufferedDecisionBytes = 10_000 });
        string kilobyte = new('x', 1_000);
        for (long instance = 10; instance < 19; instance++)
        {
            Decide(learner, instance, BatchOf((1, 1, (ulong)instance, kilobyte)));
        }

        long waiting = learner.BufferedDecisionBytes;
        Decide(learner, 18, BatchOf((1, 1, 18UL, kilobyte)));

        Assert.Equal(waiting, learner.BufferedDecisionBytes);
        Assert.Equal(0, learner.BufferedDecisionsDropped);
    }

    [Fact]
    public void Learner_asks_for_catch_up_when_a_gap_persists()
    {
        var learner = new Learner(Settings);
        Decide(learner, 0, Batch.Empty, Ms(0));
        learner.Tick(Ms(1));
        learner.Drain();

        Decide(learner, 3, BatchOf((1, 1, 3, "d")), Ms(2));
        learner.Tick(Ms(3));
        learner.Tick(Ms(50));
        Assert.Empty(learner.Drain());

        learner.Tick(Ms(3) + Settings.CatchUpRetry);

        var request = learner.Drain().Single<CatchUpRequest>(RoleGroup.Proposers);
        Assert.Equal(new CatchUpRequest(1, RoleGroup.Learners), request);
    }

    [Fact]
    public void Learner_does_not_ask_for_catch_up_when_the_gap_closes_in_time()
    {
        var learner = new Learner(Settings);
        Decide(learner, 0, Batch.Empty, Ms(0));
        learner.Tick(Ms(1));
        learner.Drain();

        Decide(learner, 2, Batch.Empty, Ms(2));
        learner.Tick(Ms(3));
        Decide(learner, 1, Batch.Empty, Ms(20));
        learner.Tick(Ms(200));

        Assert.Empty(learner.Drain());
    }

    [Fact]
    public void Late_learner_asks_from_the_start_at_once()
    {
        var learner = new Learner(Settings);

        learner.Tick(Ms(5_000));

        Assert.Equal(new CatchUpRequest(0, RoleGroup.Learners), learner.Drain().Single<CatchUpRequest>(RoleGroup.Proposers));
        Assert.Equal(1, learner.CatchUpRequests);
    }

    [Fact]
    public void Idle_learner_probes_again_after_the_idle_interval()
    {
        var learner = new Learner(Settings);
        Decide(learner, 0, Batch.Empty, Ms(0));
        learner.Tick(Ms(1));
        learner.Drain();

        learner.Tick(Settings.IdleProbe - Ms(1));
        Assert.Empty(learner.Drain());

        learner.Tick(Settings.IdleProbe + Ms(1));
        Assert.Equal(new CatchUpRequest(1, RoleGroup.Learners), learner.Drain().Single<CatchUpRequest>(RoleGroup.Proposers));
    }

    [Fact]
    public void Learner_ignores_messages_other_than_decisions()
    {
        var learner = new Learner(Settings);

        learner.Handle(1, new Accept(new Ballot(1, 1), 0, BatchOf((1, 1, 0, "accepted, not decided"))), TimeSpan.Zero);
        learner.Handle(1, new ClientRequest(BatchOf((1, 1, 0, "x"))), TimeSpan.Zero);

        Assert.Empty(learner.Ready.Deliveries);
        Assert.Equal(0, learner.NextInstance);
    }
}
