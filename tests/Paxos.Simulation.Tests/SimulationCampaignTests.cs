using System.Globalization;
using Xunit.Abstractions;

namespace Paxos.Simulation.Tests;

/// <summary>
/// The deterministic simulation over many seeds: every role under random faults, safety checked after
/// every step, liveness in live seeds, nothing new decided in stall seeds. A failure names the one command
/// that replays its seed. PAXOS_SIM_SEEDS=N and PAXOS_SIM_FROM=M change the range (CI runs the default).
/// </summary>
public sealed class SimulationCampaignTests(ITestOutputHelper output)
{
    private static int SeedCount => int.TryParse(Environment.GetEnvironmentVariable("PAXOS_SIM_SEEDS"), CultureInfo.InvariantCulture, out int n) ? n : 2_000;

    private static int FirstSeed => int.TryParse(Environment.GetEnvironmentVariable("PAXOS_SIM_FROM"), CultureInfo.InvariantCulture, out int n) ? n : 1;

    [Fact]
    public void Thousands_of_seeds_stay_safe_and_live_under_random_faults()
    {
        CampaignSummary summary = Campaign.Run(FirstSeed, SeedCount, Environment.ProcessorCount);
        output.WriteLine(summary.Format());

        Assert.True(
            summary.Failures.Count == 0,
            $"{summary.Failures.Count} of {summary.Seeds} seeds failed; replay one with:\n"
            + summary.DescribeFirstFailures());

        // The campaign proves something only if it exercised every fault and both kinds of seed.
        Assert.All(summary.SeedsWith, fault => Assert.True(fault.Value > 0, $"no seed had: {fault.Key}"));
        Assert.True(summary.StallSeeds > 0 && summary.LiveSeeds > 0);
        Assert.True(summary.MaxRecovery < ScenarioRunner.LivenessBound);
    }

    [Fact]
    public void Same_seed_replays_the_same_run_event_for_event()
    {
        foreach (int seed in new[] { 3, 25, 108 })
        {
            var first = new List<string>();
            var second = new List<string>();
            SeedResult a = ScenarioRunner.Run(seed, trace: first.Add);
            SeedResult b = ScenarioRunner.Run(seed, trace: second.Add);

            Assert.True(first.Count > 100, $"seed {seed} should trace many events");
            Assert.Equal(first, second);
            Assert.Equal(a.Stats, b.Stats);
        }
    }

    [Fact]
    public void Different_seeds_give_different_runs()
    {
        var first = new List<string>();
        var second = new List<string>();
        ScenarioRunner.Run(1, trace: first.Add);
        ScenarioRunner.Run(2, trace: second.Add);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_failing_seed_reports_one_command_that_replays_it_and_its_last_events()
    {
        SeedResult result = FirstCaught(BrokenVariant.MixedQuorumSizes, requireDecisionsChosen: true, limit: 50)!;

        Assert.StartsWith("dotnet run --project tests/Paxos.Simulation -c Release -- --seed ", result.Reproduce, StringComparison.Ordinal);
        Assert.Contains("--variant MixedQuorumSizes", result.Reproduce, StringComparison.Ordinal);
        Assert.Contains(result.Trace, line => line.Contains("last events", StringComparison.Ordinal));
        Assert.True(result.Trace.Count > 20);

        // Replaying the seed finds the same violation.
        Assert.Equal(result.Violations, ScenarioRunner.Run(result.Seed, BrokenVariant.MixedQuorumSizes).Violations);
    }

    internal static SeedResult? FirstCaught(BrokenVariant variant, bool requireDecisionsChosen, int limit)
    {
        for (int seed = 1; seed <= limit; seed++)
        {
            SeedResult result = ScenarioRunner.Run(seed, variant, requireDecisionsChosen);
            if (result.Unsafe)
            {
                return result;
            }
        }

        return null;
    }
}
