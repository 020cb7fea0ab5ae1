namespace Paxos.Simulation.Tests;

/// <summary>The campaign's seed range: every seed asked for runs, and a range past the last seed is refused, never silently empty.</summary>
public sealed class CampaignRangeTests
{
    [Fact]
    public void Campaign_ending_at_the_last_seed_runs_every_seed()
    {
        CampaignSummary summary = Campaign.Run(int.MaxValue - 1, 2, threads: 2);

        Assert.Equal(2, summary.Seeds);
    }

    [Fact]
    public void Campaign_past_the_last_seed_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Campaign.Run(2_147_483_640, 10, threads: 1));

        Assert.Contains("2147483647", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Campaign_with_a_negative_count_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Campaign.Run(1, -1, threads: 1));
    }
}
