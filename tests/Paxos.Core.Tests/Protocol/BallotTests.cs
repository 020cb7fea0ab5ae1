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
        Assert.Equal(0UL, Ballot.Zero.Packed);
    }

    [Fact]
    public void Sorting_orders_by_round_then_proposer()
    {
        Ballot[] ballots = [new(2, 1), new(1, 3), new(1, 1), new(3, 0), new(2, 2)];

        Array.Sort(ballots);

        Assert.Equal([new Ballot(1, 1), new Ballot(1, 3), new Ballot(2, 1), new Ballot(2, 2), new Ballot(3, 0)], ballots);
    }

    [Theory]
    [InlineData(0u, 0u)]
    [InlineData(1u, 2u)]
    [InlineData(uint.MaxValue, uint.MaxValue)]
    [InlineData(0x12345678u, 0x9ABCDEF0u)]
    public void Packed_form_round_trips(uint round, uint proposer)
    {
        var ballot = new Ballot(round, proposer);

        Assert.Equal(ballot, Ballot.FromPacked(ballot.Packed));
    }

    [Fact]
    public void Max_returns_the_larger_ballot()
    {
        Assert.Equal(new Ballot(2, 1), Ballot.Max(new Ballot(2, 1), new Ballot(1, 5)));
        Assert.Equal(new Ballot(2, 1), Ballot.Max(new Ballot(1, 5), new Ballot(2, 1)));
    }
}
