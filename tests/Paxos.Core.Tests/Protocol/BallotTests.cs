using Paxos.Core.Protocol;

namespace Paxos.Core.Tests.Protocol;

public sealed class BallotTests
{
    [Fact]
    public void Higher_round_wins_whatever_the_proposer_ids()
    {
        Assert.True(new Ballot(2, 1) > new Ballot(1, 9));
        Assert.True(new Ballot(1, 9) < new Ballot(2, 1));
        Assert.True(new Ballot(1, uint.MaxValue) < new Ballot(2, 0));
    }

    [Fact]
    public void Same_round_is_ordered_by_proposer_id()
    {
        Assert.True(new Ballot(3, 2) > new Ballot(3, 1));
        Assert.True(new Ballot(3, 1) <= new Ballot(3, 2));
        Assert.False(new Ballot(3, 1) >= new Ballot(3, 2));
    }

    [Fact]
    public void Equal_ballots_compare_equal()
    {
        Assert.Equal(0, new Ballot(4, 2).CompareTo(new Ballot(4, 2)));
        Assert.True(new Ballot(4, 2) >= new Ballot(4, 2));
        Assert.True(new Ballot(4, 2) <= new Ballot(4, 2));
        Assert.False(new Ballot(4, 2) < new Ballot(4, 2));
    }

    [Fact]
    public void Zero_is_below_every_real_ballot()
    {
        Assert.True(Ballot.Zero < new Ballot(0, 1));
        Assert.True(Ballot.Zero < new Ballot(1, 0));
        Assert.True(Ballot.Zero < new Ballot(0, 0, 1));
    }

    [Fact]
    public void Two_incarnations_of_one_proposer_never_share_a_ballot()
    {
        var first = new Ballot(3, 1, 0xDEADBEEF);
        var restarted = new Ballot(3, 1, 0x12345678);

        Assert.NotEqual(first, restarted);
        Assert.True(restarted < first);
        Assert.True(new Ballot(4, 1, 0) > first);
        Assert.True(new Ballot(3, 2, 0) > first);
    }

    [Fact]
    public void Sorting_orders_by_round_then_proposer()
    {
        Ballot[] ballots = [new(2, 1), new(1, 3), new(1, 1), new(3, 0), new(2, 2)];

        Array.Sort(ballots);

        Assert.Equal([new Ballot(1, 1), new Ballot(1, 3), new Ballot(2, 1), new Ballot(2, 2), new Ballot(3, 0)], ballots);
    }

    [Fact]
    public void Max_returns_the_larger_ballot()
    {
        Assert.Equal(new Ballot(2, 1), Ballot.Max(new Ballot(2, 1), new Ballot(1, 5)));
        Assert.Equal(new Ballot(2, 1), Ballot.Max(new Ballot(1, 5), new Ballot(2, 1)));
    }
}
