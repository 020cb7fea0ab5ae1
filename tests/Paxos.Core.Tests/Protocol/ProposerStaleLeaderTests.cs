using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Protocol;

/// <summary>
/// A leader whose ballot is no longer the acceptors' promise must find out and step down, wherever the
/// higher ballot shows up, and even when it has nothing to propose (an idle leader with a stale ballot
/// and a stale log stalls every learner that catches up from it).
/// </summary>
public sealed class ProposerStaleLeaderTests
{
    private static readonly ProtocolSettings Settings = new();
    private static readonly TimeSpan Grace = Settings.HeartbeatInterval * 3;

    private static Proposer Leader() => ElectedLeader(Settings);

    private static Ballot Above(Ballot ballot) => new(ballot.Round + 1, 2);

    [Fact]
    public void Leader_steps_down_when_an_accepted_shows_a_higher_ballot()
    {
        var proposer = Leader();

        proposer.Handle(2, new Accepted(Above(proposer.Ballot), 7), Grace);

        Assert.Equal(ProposerMode.Following, proposer.Mode);
    }

    [Fact]
    public void Leader_steps_down_when_a_promise_for_a_higher_ballot_arrives()
    {
        var proposer = Leader();

        proposer.Handle(3, new Promise(Above(proposer.Ballot), 0, 0, true, []), Grace);

        Assert.Equal(ProposerMode.Following, proposer.Mode);
    }

    [Fact]
    public void Leader_steps_down_when_a_nack_to_anyone_shows_a_higher_promise()
    {
        var proposer = Leader();

        proposer.Handle(2, new Nack(new Ballot(0, 3), Above(proposer.Ballot), 0), Grace);

        Assert.Equal(ProposerMode.Following, proposer.Mode);
    }

    [Fact]
    public void Preparing_proposer_gives_up_its_attempt_when_a_higher_ballot_is_accepted()
    {
        var proposer = new Proposer(1, 3, Settings, new Random(42), TimeSpan.Zero);
        proposer.Tick(Grace);
        var prepare = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors);

        proposer.Handle(2, new Accepted(Above(prepare.Ballot), 0), Grace);

        Assert.Equal(ProposerMode.Following, proposer.Mode);
    }

    [Fact]
    public void Idle_leader_reasserts_its_ballot_to_the_acceptors()
    {
        var proposer = Leader();
        Ballot ballot = proposer.Ballot;

        var prepares = new List<Prepare>();
        for (TimeSpan now = Grace; now <= Grace + TimeSpan.FromSeconds(1); now += Ms(10))
        {
            proposer.Tick(now);
            prepares.AddRange(proposer.Drain().Sent<Prepare>(RoleGroup.Acceptors));
        }

        Assert.NotEmpty(prepares);
        Assert.All(prepares, p => Assert.Equal(ballot, p.Ballot));
        Assert.All(prepares, p => Assert.Equal(Prepare.AllAcceptors, p.TargetAcceptor));
        Assert.Equal(ProposerMode.Leading, proposer.Mode);
    }

    [Fact]
    public void Idle_leader_steps_down_when_its_reassertion_is_refused()
    {
        var proposer = Leader();
        TimeSpan now = Grace;
        Prepare? keepalive = null;
        while (keepalive is null && now < Grace + TimeSpan.FromSeconds(1))
        {
            now += Ms(10);
            proposer.Tick(now);
            keepalive = proposer.Drain().Sent<Prepare>(RoleGroup.Acceptors).FirstOrDefault();
        }

        Assert.NotNull(keepalive);
        proposer.Handle(1, new Nack(keepalive.Ballot, Above(keepalive.Ballot), keepalive.FromInstance), now);

        Assert.Equal(ProposerMode.Following, proposer.Mode);
    }

    [Fact]
    public void Leader_answers_its_own_promise_to_a_reassertion_without_leaving_phase_two()
    {
        var proposer = Leader();

        proposer.Handle(1, new Promise(proposer.Ballot, 0, 0, true, []), Grace);

        Assert.Equal(ProposerMode.Leading, proposer.Mode);
    }
}
