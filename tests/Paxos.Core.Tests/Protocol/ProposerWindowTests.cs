using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Protocol;

/// <summary>
/// Numbers a proposer hears must not decide how much work it does or memory it takes: a Phase 1 covers the
/// instances from its start up to <see cref="ProtocolSettings.MaxInstanceLookahead"/> ahead, and a leader never
/// proposes past that horizon (instances beyond it were not covered, so proposing there could overwrite a chosen
/// value); it runs a fresh Phase 1 from its decided prefix instead. Rounds heard of are bounded the same way.
/// </summary>
public sealed class ProposerWindowTests
{
    private static readonly ProtocolSettings Settings = new();
    private static readonly TimeSpan Grace = Settings.HeartbeatInterval * 3;

    private static (Proposer Proposer, Prepare Prepare) Preparing(ProtocolSettings settings)
    {
        var proposer = new Proposer(1, 3, settings, new Random(42), TimeSpan.Zero);
        proposer.Tick(Grace);
        return (proposer, proposer.Drain().Single<Prepare>(RoleGroup.Acceptors));
    }

    [Fact]
    public void Promise_claiming_a_far_next_instance_makes_the_leader_propose_nothing_there()
    {
        (Proposer proposer, Prepare prepare) = Preparing(Settings);

        // "Nothing accepted before instance 3,000,000": there is nothing to recover and no hole to fill.
        proposer.Handle(1, new Promise(prepare.Ballot, 0, 3_000_000, true, []), Grace);
        proposer.Handle(2, new Promise(prepare.Ballot, 0, 0, true, []), Grace);

        Assert.Equal(ProposerMode.Leading, proposer.Mode);
        Assert.Empty(proposer.Drain().Sent<Accept>(RoleGroup.Acceptors));
    }

    [Fact]
    public void Promise_entry_past_the_horizon_is_not_recovered_nor_are_holes_filled_up_to_it()
    {
        (Proposer proposer, Prepare prepare) = Preparing(Settings);
        long far = Settings.MaxInstanceLookahead + 5;

        proposer.Handle(1, new Promise(prepare.Ballot, 0, far + 1, true, [new AcceptedEntry(far, new Ballot(1, 2), BatchOf((1, 1, 0, "far")))]), Grace);
        proposer.Handle(2, new Promise(prepare.Ballot, 0, 0, true, []), Grace);

        Assert.Equal(ProposerMode.Leading, proposer.Mode);
        Assert.Empty(proposer.Drain().Sent<Accept>(RoleGroup.Acceptors));
    }

    [Fact]
    public void Leader_stops_at_its_horizon_and_runs_phase_one_again_from_its_decided_prefix()
    {
        var settings = Settings with { MaxInstanceLookahead = 3, MaxBatchBytes = 100 };
        (Proposer proposer, Prepare prepare) = Preparing(settings);
        proposer.Handle(1, new Promise(prepare.Ballot, 0, 0, true, []), Grace);
        proposer.Handle(2, new Promise(prepare.Ballot, 0, 0, true, []), Grace);

        for (ulong sequence = 0; sequence < 5; sequence++)
        {
            proposer.Handle(100, new ClientRequest(BatchOf((1, 1, sequence, new string('v', 60)))), Grace);
        }

        var accepts = proposer.Drain().Sent<Accept>(RoleGroup.Acceptors);
        Assert.Equal([0L, 1L, 2L], accepts.Select(a => a.Instance));

        foreach (Accept accept in accepts)
        {
            proposer.Handle(1, new Accepted(accept.Ballot, accept.Instance), Grace);
            proposer.Handle(2, new Accepted(accept.Ballot, accept.Instance), Grace);
        }

        proposer.Drain();
        proposer.Tick(Grace + Ms(1));

        var again = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors);
        Assert.Equal(3, again.FromInstance);
        Assert.True(again.Ballot > prepare.Ballot);
        Assert.Equal(ProposerMode.Preparing, proposer.Mode);
    }

    [Fact]
    public void Ballot_heard_of_far_above_raises_the_next_round_by_at_most_the_jump_limit()
    {
        var proposer = new Proposer(1, 3, Settings, new Random(42), TimeSpan.Zero);
        proposer.Handle(7, new Heartbeat(new Ballot(uint.MaxValue, 99), 0), Ms(1));

        proposer.Tick(Grace);

        Ballot ballot = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors).Ballot;
        Assert.Equal(Proposer.MaxRoundJump + 1, ballot.Round);
        Assert.Equal(1, proposer.BallotsClamped);
    }

    [Fact]
    public void A_flood_of_catch_up_requests_draws_one_budget_of_answers_per_serving_interval()
    {
        // Each request is ~20 bytes; each answer up to CatchUpBudgetBytes. Answered in full, a flood of forged
        // requests would make the leader send a budget per datagram received.
        var settings = Settings with { CatchUpBudgetBytes = 100 };
        var proposer = new Proposer(2, 3, settings, new Random(1), TimeSpan.Zero);
        for (long i = 0; i < 10; i++)
        {
            proposer.Handle(1, new Decision(i, 10, BatchOf((1, 1, (ulong)i, new string('x', 40)))), Ms(1));
        }

        proposer.Tick(Grace);
        proposer.Drain();

        for (int i = 0; i < 50; i++)
        {
            proposer.Handle(50, new CatchUpRequest(i % 10, RoleGroup.Learners), Grace);
        }

        Assert.Equal(2, proposer.Drain().Sent<Decision>(RoleGroup.Learners).Count);

        // The next interval has a budget again: real catch-up goes on at a budget per interval.
        proposer.Handle(50, new CatchUpRequest(2, RoleGroup.Learners), Grace + Proposer.CatchUpServeInterval);
        Assert.Equal([2L, 3L], proposer.Drain().Sent<Decision>(RoleGroup.Learners).Select(d => d.Instance));
    }

    [Fact]
    public void Decisions_of_others_behind_a_gap_are_bounded_in_bytes_and_fetched_again()
    {
        var settings = Settings with { MaxBufferedDecisionBytes = 10_000 };
        var proposer = new Proposer(2, 3, settings, new Random(1), TimeSpan.Zero);
        string kilobyte = new('x', 1_000);
        for (long instance = 10; instance < 110; instance++)
        {
            proposer.Handle(1, new Decision(instance, 0, BatchOf((1, 1, (ulong)instance, kilobyte))), Ms(1));
        }

        Assert.False(proposer.TryGetDecided(109, out _));

        for (long instance = 0; instance < 110; instance++)
        {
            proposer.Handle(1, new Decision(instance, 0, BatchOf((1, 1, (ulong)instance, kilobyte))), Ms(2));
        }

        Assert.Equal(110, proposer.DecidedPrefix);
    }
}
