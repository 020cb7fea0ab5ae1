using Xunit.Abstractions;

namespace Paxos.Simulation.Tests;

/// <summary>
/// The simulator must be able to fail. Each broken variant runs the real roles, misconfigured or on a
/// network that breaks the protocol's assumptions, and must be reported unsafe within a fixed number of
/// seeds (counting from seed 1; the numbers are the seeds it takes today, with margin). With the quorum
/// check off, only the end-to-end properties remain (two values chosen or decided for one instance,
/// learners disagreeing, a stall broken), and each variant must still be caught.
/// </summary>
public sealed class BrokenVariantTests(ITestOutputHelper output)
{
    private static readonly string[] EndToEndKinds = ["consensus", "agreement", "order", "integrity", "stall"];

    [Theory]
    [InlineData(BrokenVariant.DuplicateAcceptorId, 10)]
    // Caught at seed 100 (then 294) since a leader steps down on a higher ballot anywhere: a stale leader now
    // sees the raised ballot in the first Accepted and stops at once, so the tampered network does less damage.
    [InlineData(BrokenVariant.ByzantineAcceptBallot, 300)]
    [InlineData(BrokenVariant.MixedQuorumSizes, 10)]
    [InlineData(BrokenVariant.QuorumOfOneEverywhere, 10)]
    [InlineData(BrokenVariant.SharedProposerIdSameIncarnation, 10)]
    public void Broken_variant_is_reported_unsafe_within_a_few_seeds(BrokenVariant variant, int seeds)
    {
        SeedResult? caught = SimulationCampaignTests.FirstCaught(variant, requireDecisionsChosen: true, seeds);

        Assert.True(caught is not null, $"{variant} was not caught within {seeds} seeds");
        output.WriteLine($"{variant}: caught at seed {caught.Seed}: {caught.Violations[0]}");
    }

    [Theory]
    [InlineData(BrokenVariant.DuplicateAcceptorId, 300)]
    [InlineData(BrokenVariant.ByzantineAcceptBallot, 300)]
    // Caught at seed 44 (then 63, 83, 125, 145…) since clients stopped backing off while the cluster decides.
    [InlineData(BrokenVariant.MixedQuorumSizes, 100)]
    [InlineData(BrokenVariant.SharedProposerIdSameIncarnation, 10)]
    public void Broken_variant_breaks_an_end_to_end_property_within_a_fixed_number_of_seeds(BrokenVariant variant, int seeds)
    {
        SeedResult? caught = SimulationCampaignTests.FirstCaught(variant, requireDecisionsChosen: false, seeds);

        Assert.True(caught is not null, $"{variant} was not caught within {seeds} seeds without the quorum check");
        Assert.Contains(caught.ViolationKinds, kind => EndToEndKinds.Contains(kind));
        output.WriteLine($"{variant}: caught at seed {caught.Seed}: {caught.Violations[0]}");
    }

    /// <summary>
    /// Two proposer processes with one id (a typo, or a restart while the old process lives) used to share
    /// their ballots and both lead in one ballot (caught at seed 1 before ballots carried a nonce). Each process
    /// incarnation now draws its own nonce, so the same misconfiguration is safe and live.
    /// </summary>
    [Fact]
    public void Two_proposers_sharing_an_id_stay_safe_and_live()
    {
        CampaignSummary summary = Campaign.Run(1, 300, Environment.ProcessorCount, BrokenVariant.SharedProposerId);

        Assert.True(
            summary.Failures.Count == 0,
            summary.DescribeFirstFailures());
    }

    [Fact]
    public void Correct_cluster_is_not_reported_on_the_seeds_that_catch_the_variants()
    {
        foreach (int seed in new[] { 1, 2, 8, 25, 35, 133 })
        {
            SeedResult result = ScenarioRunner.Run(seed);
            Assert.True(result.Passed, $"{result.Reproduce}\n{result.Failure}");
        }
    }
}
