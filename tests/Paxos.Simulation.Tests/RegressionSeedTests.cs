using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;

namespace Paxos.Simulation.Tests;

/// <summary>Seeds that once found a protocol bug, replayed on every run so the bug stays fixed.</summary>
public sealed class RegressionSeedTests
{
    /// <summary>
    /// A proposer partitioned away while another decided instances in a higher ballot came back still
    /// "leading" with its dead ballot and nothing in flight, so no Nack ever told it; it never learned the
    /// instances it missed, and learners catching up from it (only the leader serves catch-up) stalled.
    /// Fixed: a leader that sees a higher ballot in a heartbeat steps down and runs Phase 1 again.
    /// </summary>
    [Theory]
    [InlineData(2933)]
    [InlineData(9594)]
    [InlineData(10126)]
    [InlineData(10299)]
    [InlineData(21578)]
    [InlineData(36740)]
    [InlineData(79795)]
    [InlineData(85683)]
    public void Stale_leader_seed_is_live(int seed)
    {
        SeedResult result = ScenarioRunner.Run(seed);

        Assert.True(result.Passed, $"{result.Reproduce}\n{result.Failure}\n  {string.Join("\n  ", result.Trace)}");
    }

    /// <summary>
    /// A proposer partitioned away led on, idle, with a ballot the acceptors had since promised above (the
    /// other proposer decided everything in a higher ballot, then crashed). In 2101360916 it had even seen
    /// the higher ballot (in an Accepted) and ignored it; in 2101491252 nothing it received showed it. It never
    /// stepped down, so it never recovered the decided instances, and learners catching up from it got nothing.
    /// Fixed: a leader steps down on a higher ballot in any message, and repeats its Prepare every
    /// <see cref="ProtocolSettings.LeaderKeepalive"/>, so an acceptor's Nack tells an idle leader it is stale.
    /// </summary>
    [Theory]
    [InlineData(2101491252)]
    [InlineData(2101360916)]
    public void Idle_stale_leader_seed_is_live(int seed)
    {
        SeedResult result = ScenarioRunner.Run(seed);

        Assert.True(result.Passed, $"{result.Reproduce}\n{result.Failure}\n  {string.Join("\n  ", result.Trace)}");
    }

    [Fact]
    public void Leader_steps_down_when_a_heartbeat_shows_a_higher_ballot()
    {
        var settings = new ProtocolSettings();
        var proposer = new Proposer(1, 3, settings, new Random(1), TimeSpan.Zero);
        TimeSpan now = settings.HeartbeatInterval * 3;
        proposer.Tick(now);
        Prepare prepare = proposer.Ready.Messages.Select(m => m.Message).OfType<Prepare>().Single();
        proposer.Ready.ClearMessages();
        proposer.Handle(1, new Promise(prepare.Ballot, 0, 0, true, []), now);
        proposer.Handle(2, new Promise(prepare.Ballot, 0, 0, true, []), now);
        Assert.Equal(ProposerMode.Leading, proposer.Mode);

        proposer.Handle(2, new Heartbeat(new Ballot(prepare.Ballot.Round + 1, 2), 5), now);

        Assert.Equal(ProposerMode.Following, proposer.Mode);
        Assert.DoesNotContain(proposer.Ready.Messages, m => m.Destination == RoleGroup.Acceptors);
    }
}
