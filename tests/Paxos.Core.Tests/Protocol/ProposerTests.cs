using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Protocol;

public sealed class ProposerTests
{
    private static readonly ProtocolSettings Settings = new();
    private static readonly TimeSpan Grace = Settings.HeartbeatInterval * 3;

    private static Proposer NewProposer(int id = 1, int acceptors = 3) => new(id, acceptors, Settings, new Random(42), TimeSpan.Zero);

    /// <summary>Runs the proposer through the start-up grace and Phase 1 with empty promises from acceptors 1 and 2.</summary>
    private static Proposer Leader(int id = 1, int acceptors = 3) => ElectedLeader(Settings, id, acceptors);

    private static Accept Submit(Proposer proposer, Batch batch, TimeSpan now)
    {
        proposer.Handle(100, new ClientRequest(batch), now);
        return proposer.Drain().Single<Accept>(RoleGroup.Acceptors);
    }

    // ----- election -------------------------------------------------------------------------------

    [Fact]
    public void Proposer_does_not_lead_before_the_startup_grace()
    {
        var proposer = NewProposer();

        for (double t = 0; t < Grace.TotalMilliseconds; t += 10)
        {
            proposer.Tick(Ms(t));
        }

        Assert.Equal(ProposerMode.Following, proposer.Mode);
        Assert.Empty(proposer.Drain().Sent<Prepare>(RoleGroup.Acceptors));
    }

    [Fact]
    public void Proposer_leads_after_the_grace_when_no_lower_id_is_heard()
    {
        var proposer = NewProposer(id: 2);
        proposer.Handle(3, new Heartbeat(Ballot.Zero, 0), Ms(100));

        proposer.Tick(Grace);

        var prepare = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors);
        Assert.Equal(ProposerMode.Preparing, proposer.Mode);
        Assert.Equal((1u, 2u), (prepare.Ballot.Round, prepare.Ballot.ProposerId));
        Assert.Equal(0, prepare.FromInstance);
        Assert.Equal(Prepare.AllAcceptors, prepare.TargetAcceptor);
    }

    [Fact]
    public void Proposer_follows_while_a_lower_id_heartbeats()
    {
        var proposer = NewProposer(id: 2);
        for (double t = 0; t < 2_000; t += 10)
        {
            if (t % 100 == 0)
            {
                proposer.Handle(1, new Heartbeat(Ballot.Zero, 0), Ms(t));
            }

            proposer.Tick(Ms(t));
        }

        Assert.Equal(ProposerMode.Following, proposer.Mode);
        Assert.Empty(proposer.Drain().Sent<Prepare>(RoleGroup.Acceptors));
    }

    [Fact]
    public void Proposer_takes_over_when_the_lower_id_falls_silent()
    {
        var proposer = NewProposer(id: 2);
        proposer.Handle(1, new Heartbeat(Ballot.Zero, 0), Ms(400));

        proposer.Tick(Ms(400) + Settings.LeaderTimeout - Ms(1));
        Assert.Equal(ProposerMode.Following, proposer.Mode);

        proposer.Tick(Ms(400) + Settings.LeaderTimeout);
        Assert.Equal(ProposerMode.Preparing, proposer.Mode);
    }

    [Fact]
    public void Leader_steps_down_when_a_lower_id_appears()
    {
        var proposer = Leader(id: 2);

        proposer.Handle(1, new Heartbeat(Ballot.Zero, 0), Ms(1_000));
        proposer.Tick(Ms(1_001));

        Assert.Equal(ProposerMode.Following, proposer.Mode);
    }

    [Fact]
    public void Proposer_heartbeats_its_highest_ballot_and_decided_prefix()
    {
        var proposer = NewProposer(id: 2);
        proposer.Handle(3, new Heartbeat(new Ballot(7, 3), 0), Ms(1));

        proposer.Tick(Ms(2));

        Assert.Equal(new Heartbeat(new Ballot(7, 3), 0), proposer.Drain().Single<Heartbeat>(RoleGroup.Proposers));
    }

    [Fact]
    public void Ballots_of_two_proposer_incarnations_with_one_id_differ()
    {
        // Two processes started as proposer 1 (or one restarted): each draws its own nonce.
        var first = new Proposer(1, 3, Settings, new Random(1), TimeSpan.Zero);
        var second = new Proposer(1, 3, Settings, new Random(2), TimeSpan.Zero);
        first.Tick(Grace);
        second.Tick(Grace);

        Ballot a = first.Drain().Single<Prepare>(RoleGroup.Acceptors).Ballot;
        Ballot b = second.Drain().Single<Prepare>(RoleGroup.Acceptors).Ballot;

        Assert.Equal((a.Round, a.ProposerId), (b.Round, b.ProposerId));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void New_ballot_is_above_every_ballot_heard_of()
    {
        var proposer = NewProposer(id: 1);
        proposer.Handle(3, new Heartbeat(new Ballot(7, 3), 0), Ms(1));

        proposer.Tick(Grace);

        Ballot ballot = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors).Ballot;
        Assert.Equal((8u, 1u), (ballot.Round, ballot.ProposerId));
    }

    // ----- Phase 1 ------------------------------------------------------------------------------

    [Fact]
    public void Proposer_runs_phase_one_then_phase_two()
    {
        var proposer = NewProposer();
        proposer.Tick(Grace);
        var prepare = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors);

        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 0, "early"))), Grace);
        Assert.Empty(proposer.Drain().Sent<Accept>(RoleGroup.Acceptors));

        proposer.Handle(1, new Promise(prepare.Ballot, 0, 0, true, []), Grace);
        Assert.Equal(ProposerMode.Preparing, proposer.Mode);
        proposer.Handle(3, new Promise(prepare.Ballot, 0, 0, true, []), Grace);
        Assert.Equal(ProposerMode.Leading, proposer.Mode);
        Assert.Empty(proposer.Drain().Sent<Accept>(RoleGroup.Acceptors));

        var accept = Submit(proposer, BatchOf((1, 1, 0, "a"), (1, 1, 1, "b")), Grace);
        Assert.Equal(prepare.Ballot, accept.Ballot);
        Assert.Equal(0, accept.Instance);
        Assert.Equal(["a", "b"], Text(accept.Batch));

        var next = Submit(proposer, BatchOf((2, 1, 0, "c")), Grace);
        Assert.Equal(1, next.Instance);
    }

    [Fact]
    public void The_same_acceptor_promising_twice_is_not_a_quorum()
    {
        var proposer = NewProposer();
        proposer.Tick(Grace);
        var prepare = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors);

        proposer.Handle(1, new Promise(prepare.Ballot, 0, 0, true, []), Grace);
        proposer.Handle(1, new Promise(prepare.Ballot, 0, 0, true, []), Grace);

        Assert.Equal(ProposerMode.Preparing, proposer.Mode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    [InlineData(1000)]
    public void Promise_from_an_id_outside_the_acceptors_is_ignored(int senderId)
    {
        var proposer = NewProposer();
        proposer.Tick(Grace);
        var prepare = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors);

        proposer.Handle(1, new Promise(prepare.Ballot, 0, 0, true, []), Grace);
        proposer.Handle(senderId, new Promise(prepare.Ballot, 0, 0, true, []), Grace);

        Assert.Equal(ProposerMode.Preparing, proposer.Mode);
    }

    [Fact]
    public void Promise_for_another_ballot_does_not_count()
    {
        var proposer = NewProposer();
        proposer.Tick(Grace);
        var prepare = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors);

        proposer.Handle(1, new Promise(prepare.Ballot, 0, 0, true, []), Grace);
        // A lower ballot (an older attempt's answer); a higher one makes the proposer give up, see ProposerStaleLeaderTests.
        proposer.Handle(2, new Promise(new Ballot(prepare.Ballot.Round - 1, 9), 0, 0, true, []), Grace);

        Assert.Equal(ProposerMode.Preparing, proposer.Mode);
    }

    [Fact]
    public void Proposer_re_proposes_the_highest_ballot_value_and_fills_holes_with_no_ops()
    {
        var proposer = NewProposer();
        proposer.Handle(3, new Heartbeat(new Ballot(5, 3), 0), Ms(1));
        proposer.Tick(Grace);
        var ballot = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors).Ballot;
        Batch older = BatchOf((1, 1, 0, "older"));
        Batch newer = BatchOf((2, 1, 0, "newer"));
        Batch third = BatchOf((1, 1, 5, "three"));

        // Acceptor 1 accepted "older" for instance 0 in ballot 2.2; acceptor 2 accepted "newer" there in
        // the higher ballot 4.3, and "three" for instance 3. Nobody reports instances 1 and 2.
        proposer.Handle(1, new Promise(ballot, 0, 1, true, [new AcceptedEntry(0, new Ballot(2, 2), older)]), Grace);
        proposer.Handle(2, new Promise(ballot, 0, 4, true, [
            new AcceptedEntry(0, new Ballot(4, 3), newer),
            new AcceptedEntry(3, new Ballot(1, 2), third),
        ]), Grace);

        Assert.Equal(ProposerMode.Leading, proposer.Mode);
        var accepts = proposer.Drain().Sent<Accept>(RoleGroup.Acceptors).OrderBy(a => a.Instance).ToList();
        Assert.Equal([0L, 1L, 2L, 3L], accepts.Select(a => a.Instance));
        Assert.All(accepts, a => Assert.Equal(ballot, a.Ballot));
        Assert.Equal(["newer"], Text(accepts[0].Batch));
        Assert.Equal(0, accepts[1].Batch.ValueCount);
        Assert.Equal(0, accepts[2].Batch.ValueCount);
        Assert.Equal(["three"], Text(accepts[3].Batch));

        // New submissions go after the recovered instances.
        Assert.Equal(4, Submit(proposer, BatchOf((3, 1, 0, "fresh")), Grace).Instance);
    }

    [Fact]
    public void Re_proposed_order_does_not_depend_on_which_promise_arrives_first()
    {
        var proposer = NewProposer();
        proposer.Handle(3, new Heartbeat(new Ballot(5, 3), 0), Ms(1));
        proposer.Tick(Grace);
        var ballot = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors).Ballot;

        proposer.Handle(2, new Promise(ballot, 0, 1, true, [new AcceptedEntry(0, new Ballot(4, 3), BatchOf((2, 1, 0, "newer")))]), Grace);
        proposer.Handle(1, new Promise(ballot, 0, 1, true, [new AcceptedEntry(0, new Ballot(2, 2), BatchOf((1, 1, 0, "older")))]), Grace);

        Assert.Equal(["newer"], Text(proposer.Drain().Single<Accept>(RoleGroup.Acceptors).Batch));
    }

    [Fact]
    public void Proposer_asks_an_acceptor_for_the_rest_of_a_chunked_promise()
    {
        var proposer = NewProposer();
        proposer.Tick(Grace);
        var ballot = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors).Ballot;

        proposer.Handle(2, new Promise(ballot, 0, 5, false, [new AcceptedEntry(4, new Ballot(0, 9), BatchOf((1, 1, 4, "four")))]), Grace);
        var continuation = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors);
        Assert.Equal(new Prepare(ballot, 5, 2), continuation);

        // An incomplete answer does not count towards the quorum.
        proposer.Handle(1, new Promise(ballot, 0, 0, true, []), Grace);
        Assert.Equal(ProposerMode.Preparing, proposer.Mode);

        proposer.Handle(2, new Promise(ballot, 5, 9, true, [new AcceptedEntry(8, new Ballot(0, 9), BatchOf((1, 1, 8, "eight")))]), Grace);

        Assert.Equal(ProposerMode.Leading, proposer.Mode);
        var accepts = proposer.Drain().Sent<Accept>(RoleGroup.Acceptors).OrderBy(a => a.Instance).ToList();
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i), accepts.Select(a => a.Instance));
        Assert.Equal(["four"], Text(accepts[4].Batch));
        Assert.Equal(["eight"], Text(accepts[8].Batch));
    }

    [Fact]
    public void Proposer_resends_prepare_after_the_retry_interval()
    {
        var proposer = NewProposer();
        proposer.Tick(Grace);
        var prepare = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors);

        proposer.Tick(Grace + Settings.PrepareRetry - Ms(1));
        Assert.Empty(proposer.Drain().Sent<Prepare>(RoleGroup.Acceptors));

        proposer.Tick(Grace + Settings.PrepareRetry);
        Assert.Equal(prepare, proposer.Drain().Single<Prepare>(RoleGroup.Acceptors));
        Assert.Equal(1, proposer.Retransmissions);
    }

    [Fact]
    public void Proposer_backs_off_on_nack_and_retries_with_a_higher_ballot()
    {
        var proposer = NewProposer();
        proposer.Tick(Grace);
        var ballot = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors).Ballot;

        proposer.Handle(1, new Nack(ballot, new Ballot(6, 2), 0), Grace);
        Assert.Equal(ProposerMode.Following, proposer.Mode);

        proposer.Tick(Grace);
        Assert.Empty(proposer.Drain().Sent<Prepare>(RoleGroup.Acceptors));

        // The first back-off is at most BackoffMin + 2 × BackoffMin.
        proposer.Tick(Grace + (Settings.BackoffMin * 3) + Ms(1));
        var retry = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors);
        Assert.Equal((7u, 1u), (retry.Ballot.Round, retry.Ballot.ProposerId));
        Assert.Equal(ballot.Incarnation, retry.Ballot.Incarnation);
        Assert.Equal(2, proposer.LeadershipAttempts);
    }

    [Fact]
    public void Nack_of_an_older_ballot_is_ignored()
    {
        var proposer = Leader();

        proposer.Handle(1, new Nack(new Ballot(0, 1), new Ballot(0, 2), 0), Grace);

        Assert.Equal(ProposerMode.Leading, proposer.Mode);
    }

    [Fact]
    public void Leader_preempted_during_phase_two_steps_down()
    {
        var proposer = Leader();
        var accept = Submit(proposer, BatchOf((1, 1, 0, "a")), Grace);

        proposer.Handle(2, new Nack(accept.Ballot, new Ballot(accept.Ballot.Round + 1, 2), accept.Instance), Grace);

        Assert.Equal(ProposerMode.Following, proposer.Mode);
    }

    // ----- Phase 2 and decisions --------------------------------------------------------------

    [Fact]
    public void Proposer_decides_on_a_quorum_of_distinct_acceptors()
    {
        var proposer = Leader();
        var accept = Submit(proposer, BatchOf((1, 1, 0, "a")), Grace);

        proposer.Handle(1, new Accepted(accept.Ballot, 0), Grace);
        proposer.Handle(1, new Accepted(accept.Ballot, 0), Grace);
        Assert.Empty(proposer.Drain().Sent<Decision>(RoleGroup.Learners));
        Assert.Equal(0, proposer.DecidedPrefix);

        proposer.Handle(3, new Accepted(accept.Ballot, 0), Grace);

        Assert.Single(proposer.Drain().Sent<Decision>(RoleGroup.Learners));
        Assert.Equal(1, proposer.DecidedPrefix);
        Assert.Equal(1, proposer.InstancesDecided);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(64)]
    [InlineData(-3)]
    public void Accepted_from_an_id_outside_the_acceptors_is_ignored(int senderId)
    {
        var proposer = Leader();
        var accept = Submit(proposer, BatchOf((1, 1, 0, "a")), Grace);

        proposer.Handle(2, new Accepted(accept.Ballot, 0), Grace);
        proposer.Handle(senderId, new Accepted(accept.Ballot, 0), Grace);

        Assert.Empty(proposer.Drain().Sent<Decision>(RoleGroup.Learners));
        Assert.False(proposer.TryGetDecided(0, out _));
    }

    [Fact]
    public void Accepted_in_another_ballot_is_ignored()
    {
        var proposer = Leader();
        var accept = Submit(proposer, BatchOf((1, 1, 0, "a")), Grace);

        proposer.Handle(1, new Accepted(accept.Ballot, 0), Grace);
        proposer.Handle(2, new Accepted(new Ballot(0, 1), 0), Grace);

        Assert.Empty(proposer.Drain().Sent<Decision>(RoleGroup.Learners));
    }

    [Fact]
    public void Decision_goes_to_learners_and_proposers_and_acknowledgement_to_clients()
    {
        var proposer = Leader();
        Batch batch = BatchOf((1, 1, 0, "a"), (1, 1, 1, "b"), (2, 7, 3, "c"));
        var accept = Submit(proposer, batch, Grace);

        proposer.Handle(1, new Accepted(accept.Ballot, 0), Grace);
        proposer.Handle(2, new Accepted(accept.Ballot, 0), Grace);

        var output = proposer.Drain();
        var toLearners = output.Single<Decision>(RoleGroup.Learners);
        var toProposers = output.Single<Decision>(RoleGroup.Proposers);
        Assert.Equal(0, toLearners.Instance);
        Assert.Equal(1, toLearners.DecidedPrefix);
        Assert.True(SameBytes(batch, toLearners.Batch));
        Assert.True(SameBytes(batch, toProposers.Batch));
        var ack = output.Single<ClientAck>(RoleGroup.Clients);
        Assert.Equal([new SubmissionRange(1, 1, 0, 2), new SubmissionRange(2, 7, 3, 1)], ack.Ranges);
        Assert.True(proposer.TryGetDecided(0, out Batch decided));
        Assert.True(SameBytes(batch, decided));
    }

    [Fact]
    public void Proposer_acknowledges_a_resent_decided_submission_without_proposing_it_again()
    {
        var proposer = Leader();
        var accept = Submit(proposer, BatchOf((1, 1, 0, "a"), (1, 1, 1, "b")), Grace);
        proposer.Handle(1, new Accepted(accept.Ballot, 0), Grace);
        proposer.Handle(2, new Accepted(accept.Ballot, 0), Grace);
        proposer.Drain();

        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 0, "a"), (1, 1, 1, "b"))), Ms(1_000));

        var output = proposer.Drain();
        Assert.Empty(output.Sent<Accept>(RoleGroup.Acceptors));
        // The range, then the previous acknowledgement's (the decision's) repeated.
        Assert.Equal([new SubmissionRange(1, 1, 0, 2), new SubmissionRange(1, 1, 0, 2)], output.Single<ClientAck>(RoleGroup.Clients).Ranges);
    }

    [Fact]
    public void Leader_confirms_receipt_of_submissions_it_queues_or_has_in_flight_but_not_of_decided_ones()
    {
        var proposer = Leader();
        var accept = Submit(proposer, BatchOf((1, 1, 0, "a")), Grace);
        proposer.Handle(1, new Accepted(accept.Ballot, 0), Grace);
        proposer.Handle(2, new Accepted(accept.Ballot, 0), Grace);
        proposer.Drain();

        // 0 is decided (acknowledged again), 1 and 2 are new, 1 comes twice: one receipt range 1..2. Each frame then
        // repeats the ranges of the frames of its kind before it, newest first: acknowledgements the last three,
        // receipts the last one (the first submission's receipt and acknowledgement; the second receipt the first's).
        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 0, "a"), (1, 1, 1, "b"), (1, 1, 2, "c"))), Ms(1_000));
        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 1, "b"))), Ms(1_001));

        var output = proposer.Drain();
        Assert.Equal([new SubmissionRange(1, 1, 0, 1), new SubmissionRange(1, 1, 0, 1)], output.Single<ClientAck>(RoleGroup.Clients).Ranges);
        Assert.Equal(
            [
                [new SubmissionRange(1, 1, 1, 2), new SubmissionRange(1, 1, 0, 1)],
                [new SubmissionRange(1, 1, 1, 1), new SubmissionRange(1, 1, 1, 2)],
            ],
            output.Sent<ClientReceipt>(RoleGroup.Clients).Select(r => r.Ranges.ToList()).ToList());
    }

    [Fact]
    public void Follower_confirms_no_receipt()
    {
        var proposer = NewProposer();

        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 0, "a"))), Ms(1));

        Assert.Empty(proposer.Drain().Sent<ClientReceipt>(RoleGroup.Clients));
    }

    [Fact]
    public void Proposer_does_not_propose_a_submission_twice_while_it_is_in_flight()
    {
        var proposer = Leader();
        Submit(proposer, BatchOf((1, 1, 0, "a")), Grace);

        proposer.Handle(100, new ClientRequest(BatchOf((1, 1, 0, "a"))), Grace + Ms(1));

        Assert.Empty(proposer.Drain().Sent<Accept>(RoleGroup.Acceptors));
    }

    [Fact]
    public void Proposer_resends_accept_after_the_retry_interval()
    {
        var proposer = Leader();
        var accept = Submit(proposer, BatchOf((1, 1, 0, "a")), Grace);

        proposer.Tick(Grace + Settings.AcceptRetry - Ms(1));
        Assert.Empty(proposer.Drain().Sent<Accept>(RoleGroup.Acceptors));

        proposer.Tick(Grace + Settings.AcceptRetry);
        var again = proposer.Drain().Single<Accept>(RoleGroup.Acceptors);
        Assert.Equal(accept.Ballot, again.Ballot);
        Assert.Equal(accept.Instance, again.Instance);
        Assert.True(SameBytes(accept.Batch, again.Batch));
    }

    [Fact]
    public void Accept_resends_back_off_while_no_quorum_answers()
    {
        var proposer = Leader();
        Submit(proposer, BatchOf((1, 1, 0, "a")), Grace);
        TimeSpan retry = Settings.AcceptRetry;

        // Resends at 1, 1+2, 1+2+4 and then every 8 retry intervals.
        var resentAt = new List<TimeSpan>();
        for (TimeSpan now = Grace; now <= Grace + (retry * 23); now += Ms(5))
        {
            proposer.Tick(now);
            if (proposer.Drain().Sent<Accept>(RoleGroup.Acceptors).Count > 0)
            {
                resentAt.Add(now - Grace);
            }
        }

        Assert.Equal([retry, retry * 3, retry * 7, retry * 15, retry * 23], resentAt);
    }

    [Fact]
    public void Decided_instance_is_not_resent()
    {
        var proposer = Leader();
        var accept = Submit(proposer, BatchOf((1, 1, 0, "a")), Grace);
        proposer.Handle(1, new Accepted(accept.Ballot, 0), Grace);
        proposer.Handle(2, new Accepted(accept.Ballot, 0), Grace);
        proposer.Drain();

        proposer.Tick(Grace + (Settings.AcceptRetry * 5));

        Assert.Empty(proposer.Drain().Sent<Accept>(RoleGroup.Acceptors));
    }

    [Fact]
    public void Leader_keeps_at_most_the_pipeline_limit_in_flight()
    {
        var settings = Settings with { MaxInstancesInFlight = 2, MaxBatchBytes = 100 };
        var proposer = new Proposer(1, 3, settings, new Random(1), TimeSpan.Zero);
        proposer.Tick(Grace);
        var ballot = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors).Ballot;
        proposer.Handle(1, new Promise(ballot, 0, 0, true, []), Grace);
        proposer.Handle(2, new Promise(ballot, 0, 0, true, []), Grace);
        proposer.Drain();

        // Six values of 50 bytes: one per batch of at most 100 bytes.
        var builder = new BatchBuilder();
        for (ulong i = 0; i < 6; i++)
        {
            builder.TryAdd(1, 1, i, new byte[50]);
        }

        proposer.Handle(100, new ClientRequest(builder.Build()), Grace);
        var first = proposer.Drain().Sent<Accept>(RoleGroup.Acceptors);
        Assert.Equal([0L, 1L], first.Select(a => a.Instance));

        proposer.Handle(1, new Accepted(ballot, 0), Grace);
        proposer.Handle(2, new Accepted(ballot, 0), Grace);

        Assert.Equal([2L], proposer.Drain().Sent<Accept>(RoleGroup.Acceptors).Select(a => a.Instance));
    }

    [Fact]
    public void Proposer_learns_decisions_from_other_proposers()
    {
        var proposer = NewProposer(id: 2);

        proposer.Handle(1, new Decision(1, 2, BatchOf((1, 1, 1, "b"))), Ms(1));
        Assert.Equal(0, proposer.DecidedPrefix);
        proposer.Handle(1, new Decision(0, 2, BatchOf((1, 1, 0, "a"))), Ms(2));

        Assert.Equal(2, proposer.DecidedPrefix);
        Assert.True(proposer.TryGetDecided(1, out Batch batch));
        Assert.Equal(["b"], Text(batch));
    }

    [Fact]
    public void Phase_one_starts_after_the_known_decided_prefix()
    {
        var proposer = NewProposer();
        proposer.Handle(2, new Decision(0, 2, Batch.Empty), Ms(1));
        proposer.Handle(2, new Decision(1, 2, Batch.Empty), Ms(1));

        proposer.Tick(Grace);

        Assert.Equal(2, proposer.Drain().Single<Prepare>(RoleGroup.Acceptors).FromInstance);
    }

    [Fact]
    public void Losing_an_in_flight_instance_to_another_decision_requeues_its_submissions()
    {
        var proposer = Leader();
        var accept = Submit(proposer, BatchOf((1, 1, 0, "mine")), Grace);

        proposer.Handle(2, new Decision(accept.Instance, 1, BatchOf((2, 1, 0, "theirs"))), Grace + Ms(1));
        proposer.Handle(100, new ClientRequest(BatchOf((3, 1, 0, "trigger"))), Grace + Ms(2));

        var accepts = proposer.Drain().Sent<Accept>(RoleGroup.Acceptors);
        Assert.Equal(["mine", "trigger"], accepts.SelectMany(a => Text(a.Batch)));
        Assert.All(accepts, a => Assert.NotEqual(accept.Instance, a.Instance));
    }

    [Fact]
    public void Submissions_of_a_lost_instance_are_proposed_again_without_waiting_for_more_requests()
    {
        var proposer = Leader();
        var accept = Submit(proposer, BatchOf((1, 1, 0, "mine")), Grace);

        proposer.Handle(2, new Decision(accept.Instance, 1, BatchOf((2, 1, 0, "theirs"))), Grace + Ms(1));

        var again = proposer.Drain().Single<Accept>(RoleGroup.Acceptors);
        Assert.Equal(["mine"], Text(again.Batch));
        Assert.NotEqual(accept.Instance, again.Instance);
    }

    // ----- catch-up ----------------------------------------------------------------------------

    [Fact]
    public void Leader_serves_catch_up_from_the_requested_instance()
    {
        var proposer = Leader();
        for (ulong i = 0; i < 3; i++)
        {
            var accept = Submit(proposer, BatchOf((1, 1, i, $"v{i}")), Grace);
            proposer.Handle(1, new Accepted(accept.Ballot, accept.Instance), Grace);
            proposer.Handle(2, new Accepted(accept.Ballot, accept.Instance), Grace);
        }

        proposer.Drain();

        proposer.Handle(50, new CatchUpRequest(1, RoleGroup.Learners), Grace + Ms(1));

        var decisions = proposer.Drain().Sent<Decision>(RoleGroup.Learners);
        Assert.Equal([1L, 2L], decisions.Select(d => d.Instance));
        Assert.Equal(["v1", "v2"], decisions.SelectMany(d => Text(d.Batch)));
        Assert.All(decisions, d => Assert.Equal(3, d.DecidedPrefix));
        Assert.Equal(2, proposer.CatchUpDecisionsServed);
    }

    [Fact]
    public void Catch_up_answer_goes_to_the_group_that_asked()
    {
        var proposer = Leader();
        var accept = Submit(proposer, BatchOf((1, 1, 0, "a")), Grace);
        proposer.Handle(1, new Accepted(accept.Ballot, 0), Grace);
        proposer.Handle(2, new Accepted(accept.Ballot, 0), Grace);
        proposer.Drain();

        proposer.Handle(2, new CatchUpRequest(0, RoleGroup.Proposers), Grace + Ms(1));

        var output = proposer.Drain();
        Assert.Single(output.Sent<Decision>(RoleGroup.Proposers));
        Assert.Empty(output.Sent<Decision>(RoleGroup.Learners));
    }

    [Fact]
    public void Catch_up_answer_is_bounded_by_the_budget()
    {
        var settings = Settings with { CatchUpBudgetBytes = 100 };
        var proposer = new Proposer(2, 3, settings, new Random(1), TimeSpan.Zero);
        for (long i = 0; i < 10; i++)
        {
            proposer.Handle(1, new Decision(i, 10, BatchOf((1, 1, (ulong)i, new string('x', 40)))), Ms(1));
        }

        proposer.Tick(Grace);
        proposer.Drain();

        proposer.Handle(50, new CatchUpRequest(0, RoleGroup.Learners), Grace);

        // Each decided batch is 67 bytes: the answer stops once the budget is spent.
        Assert.Equal(2, proposer.Drain().Sent<Decision>(RoleGroup.Learners).Count);
    }

    [Fact]
    public void Follower_does_not_serve_catch_up()
    {
        // Proposer 2 knows a decision and is past its grace, but proposer 1 heartbeats: it follows.
        var proposer = NewProposer(id: 2);
        proposer.Handle(1, new Decision(0, 1, BatchOf((1, 1, 0, "a"))), Ms(1));
        proposer.Handle(1, new Heartbeat(Ballot.Zero, 1), Grace);
        proposer.Tick(Grace + Ms(1));
        proposer.Drain();
        Assert.Equal(ProposerMode.Following, proposer.Mode);

        proposer.Handle(50, new CatchUpRequest(0, RoleGroup.Learners), Grace + Ms(2));
        Assert.Empty(proposer.Drain().Sent<Decision>(RoleGroup.Learners));

        // Once proposer 1 has been silent for the leader timeout, proposer 2 answers.
        TimeSpan later = Grace + Settings.LeaderTimeout + Ms(1);
        proposer.Handle(50, new CatchUpRequest(0, RoleGroup.Learners), later);
        Assert.Single(proposer.Drain().Sent<Decision>(RoleGroup.Learners));
    }

    [Fact]
    public void Follower_asks_the_leader_for_decisions_it_missed()
    {
        var proposer = NewProposer(id: 2);
        proposer.Handle(1, new Heartbeat(Ballot.Zero, 5), Ms(1));
        proposer.Tick(Ms(2));
        proposer.Drain();

        proposer.Handle(1, new Heartbeat(Ballot.Zero, 5), Ms(100));
        proposer.Tick(Ms(2) + Settings.CatchUpRetry);

        Assert.Equal(new CatchUpRequest(0, RoleGroup.Proposers), proposer.Drain().Single<CatchUpRequest>(RoleGroup.Proposers));
    }
}
