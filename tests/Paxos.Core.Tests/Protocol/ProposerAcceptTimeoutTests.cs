using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Protocol;

/// <summary>The leader's Accept timeout follows the measured Accept-to-quorum time instead of a fixed 40 ms.</summary>
public sealed class ProposerAcceptTimeoutTests
{
    private static readonly ProtocolSettings Settings = new()
    {
        AcceptRetry = Ms(40),
        AcceptRetryMin = Ms(2),
        AcceptRetryMax = Ms(400),
    };

    private static readonly TimeSpan Grace = Settings.HeartbeatInterval * 3;

    private static Proposer Leader() => ElectedLeader(Settings);

    /// <summary>Decides <paramref name="count"/> instances one after the other, each answered <paramref name="roundTrip"/> after its Accept; returns the time after the last.</summary>
    private static TimeSpan DecideInTurn(Proposer proposer, int count, TimeSpan roundTrip, TimeSpan now, ulong firstSequence = 0)
    {
        for (int i = 0; i < count; i++)
        {
            proposer.Handle(100, new ClientRequest(BatchOf((1, 1, firstSequence + (ulong)i, "v"))), now);
            var accept = proposer.Drain().Single<Accept>(RoleGroup.Acceptors);
            for (TimeSpan t = now + Ms(1); t < now + roundTrip; t += Ms(1))
            {
                proposer.Tick(t);
            }

            now += roundTrip;
            proposer.Handle(1, new Accepted(accept.Ballot, accept.Instance), now);
            proposer.Handle(2, new Accepted(accept.Ballot, accept.Instance), now);
            proposer.Drain();
        }

        return now;
    }

    [Fact]
    public void Accept_is_resent_after_a_few_measured_round_trips_not_the_fixed_interval()
    {
        var proposer = Leader();
        TimeSpan now = DecideInTurn(proposer, 8, Ms(1), Grace);
        Assert.Equal(Ms(2), proposer.AcceptTimeout);

        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 8, "lost"))), now);
        var accept = proposer.Drain().Single<Accept>(RoleGroup.Acceptors);
        proposer.Tick(now + Ms(1));
        Assert.Empty(proposer.Drain().Sent<Accept>(RoleGroup.Acceptors));

        proposer.Tick(now + Ms(2));
        var again = proposer.Drain().Single<Accept>(RoleGroup.Acceptors);
        Assert.Equal(accept.Instance, again.Instance);
        Assert.Equal(1, proposer.Retransmissions);
    }

    [Fact]
    public void Accept_answered_as_slowly_as_usual_is_never_resent()
    {
        // A long pipeline: every instance takes 60 ms to a quorum. A fixed 40 ms timer resent every one; the
        // measured timeout resends the first (nothing measured yet), then backs off and measures.
        var proposer = Leader();
        TimeSpan now = DecideInTurn(proposer, 2, Ms(60), Grace);
        Assert.Equal(1, proposer.Retransmissions);

        DecideInTurn(proposer, 20, Ms(60), now, firstSequence: 2);

        Assert.Equal(1, proposer.Retransmissions);
        Assert.InRange(proposer.AcceptTimeout, Ms(60), Ms(400));
    }

    [Fact]
    public void An_accept_lost_again_and_again_waits_doubling_times_not_compounded_ones()
    {
        var proposer = Leader();
        TimeSpan now = DecideInTurn(proposer, 8, Ms(1), Grace);
        Assert.Equal(Ms(2), proposer.AcceptTimeout);
        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 8, "lost"))), now);
        proposer.Drain();

        var resentAfter = new List<double>();
        for (int ms = 1; ms <= 40; ms++)
        {
            proposer.Tick(now + Ms(ms));
            resentAfter.AddRange(proposer.Drain().Sent<Accept>(RoleGroup.Acceptors).Select(_ => (double)ms));
        }

        // 2 ms, then 4 and 8 more: each wait is the longer of the backed-off timeout and the instance's own doubling.
        // With both doublings multiplied the third copy waited until 42 ms (2, then 8, then 32).
        Assert.Equal([2, 6, 14, 30], resentAfter);
    }

    [Fact]
    public void Before_any_measurement_the_initial_interval_applies()
    {
        var proposer = Leader();
        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 0, "v"))), Grace);
        proposer.Drain();

        proposer.Tick(Grace + Ms(39));
        Assert.Empty(proposer.Drain().Sent<Accept>(RoleGroup.Acceptors));
        proposer.Tick(Grace + Ms(40));
        Assert.Single(proposer.Drain().Sent<Accept>(RoleGroup.Acceptors));
    }

    /// <summary>A leader with a measured 2 ms timeout whose next Accept (sent at the returned time) was resent once, 2 ms later.</summary>
    private static (Proposer Proposer, TimeSpan Now, Accept First, Accept Again) LeaderWithAnAcceptResentOnce()
    {
        var proposer = Leader();
        TimeSpan now = DecideInTurn(proposer, 8, Ms(1), Grace);
        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 8, "v"))), now);
        var first = proposer.Drain().Single<Accept>(RoleGroup.Acceptors);
        proposer.Tick(now + Ms(2));
        var again = proposer.Drain().Single<Accept>(RoleGroup.Acceptors);
        return (proposer, now, first, again);
    }

    [Fact]
    public void A_resent_accept_is_timed_from_the_copy_its_answer_echoes()
    {
        (Proposer proposer, TimeSpan now, Accept accept, Accept again) = LeaderWithAnAcceptResentOnce();
        Assert.Equal((0u, 1u), (accept.Attempt, again.Attempt));
        Assert.Equal(Ms(4), proposer.AcceptTimeout); // backed off once

        // The first copy was lost; the second is answered 1 ms after it went out: a 1 ms round trip, which
        // brings the timeout back down (without the echo, a resent Accept gave no sample at all).
        proposer.Handle(1, new Accepted(again.Ballot, again.Instance, again.Attempt), now + Ms(3));
        proposer.Handle(2, new Accepted(again.Ballot, again.Instance, again.Attempt), now + Ms(3));

        Assert.Equal(Ms(2), proposer.AcceptTimeout);
    }

    [Fact]
    public void A_late_answer_to_the_first_copy_is_timed_from_the_first_copy()
    {
        (Proposer proposer, TimeSpan now, Accept accept, _) = LeaderWithAnAcceptResentOnce();

        // Answered 30 ms after the first copy (a busy acceptor): a 30 ms round trip, not 28 ms from the resend.
        proposer.Handle(1, new Accepted(accept.Ballot, accept.Instance, accept.Attempt), now + Ms(30));
        proposer.Handle(2, new Accepted(accept.Ballot, accept.Instance, accept.Attempt), now + Ms(30));

        var reference = new RoundTripEstimator(Settings.AcceptRetry, Settings.AcceptRetryMin!.Value, Settings.AcceptRetryMax!.Value);
        for (int i = 0; i < 8; i++)
        {
            reference.Observe(Ms(1));
        }

        reference.Observe(Ms(30));
        Assert.Equal(reference.Timeout, proposer.AcceptTimeout);
    }

    [Theory]
    [InlineData(1u, true)] // both acceptors answered the resend: they read the second instance's Accept before it
    [InlineData(0u, false)] // one answered the first copy, sent before the second instance: nothing is proven
    public void A_resent_accept_decided_proves_only_what_every_voter_read_before_its_copy(uint secondVoterCopy, bool overtaken)
    {
        var proposer = Leader();
        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 0, "a"))), Grace);
        var first = proposer.Drain().Single<Accept>(RoleGroup.Acceptors);
        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 1, "lost"))), Grace + Ms(30));
        var second = proposer.Drain().Single<Accept>(RoleGroup.Acceptors);
        proposer.Tick(Grace + Ms(40));
        var firstAgain = proposer.Drain().Single<Accept>(RoleGroup.Acceptors);
        Assert.Equal((first.Instance, 1u), (firstAgain.Instance, firstAgain.Attempt));

        // The first instance is decided: acceptor 1 answers its resend (sent after the second instance's Accept).
        proposer.Handle(1, new Accepted(first.Ballot, first.Instance, 1), Grace + Ms(41));
        proposer.Handle(2, new Accepted(first.Ballot, first.Instance, secondVoterCopy), Grace + Ms(41));
        proposer.Drain();
        proposer.Tick(Grace + Ms(42));

        var resent = proposer.Drain().Sent<Accept>(RoleGroup.Acceptors).ToList();
        Assert.Equal(overtaken ? [second.Instance] : [], resent.Select(a => a.Instance));
        Assert.Equal(overtaken ? 1 : 0, proposer.OvertakenResends);
    }

    [Fact]
    public void Accept_overtaken_by_a_later_decided_instance_is_resent_at_the_next_tick()
    {
        var proposer = Leader();
        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 0, "lost"))), Grace);
        var first = proposer.Drain().Single<Accept>(RoleGroup.Acceptors);
        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 1, "b"))), Grace + Ms(1));
        var second = proposer.Drain().Single<Accept>(RoleGroup.Acceptors);

        // The acceptors answered the later Accept: the first one's Accept or Accepted was lost.
        proposer.Handle(1, new Accepted(second.Ballot, second.Instance), Grace + Ms(2));
        proposer.Handle(2, new Accepted(second.Ballot, second.Instance), Grace + Ms(2));
        proposer.Drain();
        proposer.Tick(Grace + Ms(3));

        var again = proposer.Drain().Single<Accept>(RoleGroup.Acceptors);
        Assert.Equal(first.Instance, again.Instance);
        Assert.Equal(1, proposer.OvertakenResends);

        // Resent once for that: not again at every tick.
        proposer.Tick(Grace + Ms(4));
        Assert.Empty(proposer.Drain().Sent<Accept>(RoleGroup.Acceptors));
    }

    [Fact]
    public void Accepts_decided_in_order_are_not_resent_however_long_they_queue()
    {
        var proposer = Leader();
        var accepts = new List<Accept>();
        for (ulong i = 0; i < 3; i++)
        {
            proposer.Handle(100, new ClientRequest(BatchOf((1, 1, i, "v"))), Grace);
            accepts.Add(proposer.Drain().Single<Accept>(RoleGroup.Acceptors));
        }

        // Answered in order, 30 ms apart (busy acceptors), within the initial 40 ms timeout of each.
        for (int i = 0; i < 3; i++)
        {
            TimeSpan at = Grace + Ms(30 * (i + 1));
            for (TimeSpan t = at - Ms(29); t < at; t += Ms(1))
            {
                proposer.Tick(t);
            }

            proposer.Handle(1, new Accepted(accepts[i].Ballot, accepts[i].Instance), at);
            proposer.Handle(2, new Accepted(accepts[i].Ballot, accepts[i].Instance), at);
        }

        Assert.Equal(0, proposer.Retransmissions);
    }

    [Fact]
    public void Decided_instance_sends_the_next_accept_and_the_acknowledgement_before_the_decision()
    {
        var proposer = Leader();
        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 0, "a"))), Grace);
        var accept = proposer.Drain().Single<Accept>(RoleGroup.Acceptors);
        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 1, "b"))), Grace);
        proposer.Drain();

        proposer.Handle(1, new Accepted(accept.Ballot, accept.Instance), Grace + Ms(1));
        proposer.Handle(2, new Accepted(accept.Ballot, accept.Instance), Grace + Ms(1));

        var order = proposer.Drain().Select(m => m.Message.Type).ToList();
        Assert.Equal([MessageType.ClientAck, MessageType.Decision, MessageType.Decision], order);

        // With a value queued behind a full pipeline, its Accept goes first.
        var slow = new Proposer(1, 3, Settings with { MaxInstancesInFlight = 1 }, new Random(42), TimeSpan.Zero);
        slow.Tick(Grace);
        var prepare = slow.Drain().Single<Prepare>(RoleGroup.Acceptors);
        slow.Handle(1, new Promise(prepare.Ballot, 0, 0, true, []), Grace);
        slow.Handle(2, new Promise(prepare.Ballot, 0, 0, true, []), Grace);
        slow.Handle(100, new ClientRequest(BatchOf((1, 1, 0, "a"))), Grace);
        slow.Handle(100, new ClientRequest(BatchOf((1, 1, 1, "b"))), Grace);
        slow.Drain();
        slow.Handle(1, new Accepted(prepare.Ballot, 0), Grace + Ms(1));
        slow.Handle(2, new Accepted(prepare.Ballot, 0), Grace + Ms(1));

        order = slow.Drain().Select(m => m.Message.Type).ToList();
        Assert.Equal([MessageType.Accept, MessageType.ClientAck, MessageType.Decision, MessageType.Decision], order);
    }

    [Fact]
    public void Estimator_backs_off_until_the_next_sample()
    {
        var estimator = new RoundTripEstimator(Ms(40), Ms(2), Ms(100));
        estimator.Backoff();
        Assert.Equal(Ms(80), estimator.Timeout);
        estimator.Backoff();
        Assert.Equal(Ms(100), estimator.Timeout);

        estimator.Observe(Ms(4));
        Assert.Equal(Ms(12), estimator.Timeout);
    }

    [Fact]
    public void Default_settings_keep_the_fixed_interval()
    {
        var estimator = new RoundTripEstimator(Ms(100), Ms(100), Ms(100));
        estimator.Observe(Ms(1));
        estimator.Observe(Ms(900));

        Assert.Equal(Ms(100), estimator.Timeout);
    }

    [Fact]
    public void Estimator_follows_rfc_6298()
    {
        var estimator = new RoundTripEstimator(Ms(40), Ms(0), Ms(1_000));
        estimator.Observe(Ms(10));
        Assert.Equal(Ms(30), estimator.Timeout); // 10 + 4 x 5

        estimator.Observe(Ms(20));
        // deviation 3/4 x 5 + 1/4 x 10 = 6.25; smoothed 7/8 x 10 + 1/8 x 20 = 11.25
        Assert.Equal(Ms(11.25 + 25), estimator.Timeout);
    }
}
