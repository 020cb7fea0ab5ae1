using System.Globalization;
using Xunit.Abstractions;

namespace Paxos.Simulation.Tests;

/// <summary>
/// The campaign in crash-recovery mode (<c>--restarts</c>): the random fault plans plus restarts of
/// acceptors, proposers and the leader, rolling restarts and power cuts, at random moments or at crash
/// points; safety after every step and liveness once every process is back. The broken crash-recovery
/// variants must be caught within a fixed number of seeds (from seed 1; the numbers are the seeds it takes
/// today, with margin), and the correct cluster must pass those same seeds.
/// PAXOS_SIM_RESTART_SEEDS=N changes the campaign's size (CI runs the default).
/// </summary>
public sealed class CrashRecoveryCampaignTests(ITestOutputHelper output)
{
    private static readonly string[] EndToEndKinds = ["consensus", "agreement", "order", "integrity", "stall"];

    private static int SeedCount => int.TryParse(Environment.GetEnvironmentVariable("PAXOS_SIM_RESTART_SEEDS"), CultureInfo.InvariantCulture, out int n) ? n : 1_000;

    [Fact]
    public void Seeds_with_restarts_and_power_cuts_stay_safe_and_live()
    {
        CampaignSummary summary = Campaign.Run(1, SeedCount, Environment.ProcessorCount, restarts: true);
        output.WriteLine(summary.Format());

        Assert.True(
            summary.Failures.Count == 0,
            $"{summary.Failures.Count} of {summary.Seeds} seeds failed; replay one with:\n"
            + summary.DescribeFirstFailures());
        Assert.All(summary.SeedsWith, fault => Assert.True(fault.Value > 0, $"no seed had: {fault.Key}"));
        Assert.Contains("power cut (every acceptor and proposer at once)", summary.SeedsWith.Keys);
        Assert.True(summary.CommitsLost > 0 && summary.Restarts > summary.Seeds);
        Assert.True(summary.MaxRecovery < ScenarioRunner.LivenessBound);
    }

    [Theory]
    // Caught at seed 1: decisions go out before a majority's votes are durable (the quorum check).
    [InlineData(BrokenVariant.AcceptorAnswersBeforeDurable, 10)]
    // Caught at seed 64 (then 95): a restarted acceptor answers a ballot below the one it promised before.
    [InlineData(BrokenVariant.AcceptorForgetsPromise, 200)]
    // Caught at seed 514 (then 516, 743; 14 of 2,000 seeds): the restarted proposer reuses its old ballot and
    // proposes another value in it. (Seed 8 before the leader's Accept timer followed the round trip: the
    // timing of restarts against Accepts in flight changed, and with it which seeds hit the window.)
    [InlineData(BrokenVariant.ProposerForgetsRoundFloor, 600)]
    public void Crash_recovery_variant_is_reported_unsafe_within_a_few_seeds(BrokenVariant variant, int seeds)
    {
        SeedResult? caught = SimulationCampaignTests.FirstCaught(variant, requireDecisionsChosen: true, seeds);

        Assert.True(caught is not null, $"{variant} was not caught within {seeds} seeds");
        Assert.True(caught.Restarts);
        Assert.DoesNotContain("--restarts", caught.Reproduce, StringComparison.Ordinal);
        output.WriteLine($"{variant}: caught at seed {caught.Seed}: {caught.Violations[0]}");
    }

    [Theory]
    // Caught at seed 81: a power cut inside commits takes back votes a decision was built on.
    [InlineData(BrokenVariant.AcceptorAnswersBeforeDurable, 200)]
    [InlineData(BrokenVariant.ProposerForgetsRoundFloor, 600)]
    public void Crash_recovery_variant_breaks_an_end_to_end_property_within_a_fixed_number_of_seeds(BrokenVariant variant, int seeds)
    {
        SeedResult? caught = SimulationCampaignTests.FirstCaught(variant, requireDecisionsChosen: false, seeds);

        Assert.True(caught is not null, $"{variant} was not caught within {seeds} seeds without the quorum check");
        Assert.Contains(caught.ViolationKinds, kind => EndToEndKinds.Contains(kind));
        output.WriteLine($"{variant}: caught at seed {caught.Seed}: {caught.Violations[0]}");
    }

    [Fact]
    public void Correct_cluster_with_restarts_is_not_reported_on_the_seeds_that_catch_the_variants()
    {
        foreach (int seed in new[] { 1, 2, 8, 64, 81, 95, 140, 514, 516 })
        {
            SeedResult result = ScenarioRunner.Run(seed, restarts: true);
            Assert.True(result.Passed, $"{result.Reproduce}\n{result.Failure}\n  {string.Join("\n  ", result.Trace)}");
        }
    }

    [Fact]
    public void Same_seed_with_restarts_replays_the_same_run_event_for_event()
    {
        foreach (int seed in new[] { 3, 25, 108 })
        {
            var first = new List<string>();
            var second = new List<string>();
            SeedResult a = ScenarioRunner.Run(seed, trace: first.Add, restarts: true);
            SeedResult b = ScenarioRunner.Run(seed, trace: second.Add, restarts: true);

            Assert.True(first.Count > 100, $"seed {seed} should trace many events");
            Assert.Equal(first, second);
            Assert.Equal(a.Stats, b.Stats);
            Assert.True(a.Stats.CrashRecovery);
        }
    }

    [Fact]
    public void Restarts_leave_the_crash_stop_plan_of_a_seed_as_it_was()
    {
        for (int seed = 1; seed <= 50; seed++)
        {
            ScenarioPlan crashStop = ScenarioPlan.Draw(seed);
            ScenarioPlan withRestarts = ScenarioPlan.Draw(seed, restarts: true);

            Assert.False(crashStop.CrashRecovery);
            Assert.Empty(crashStop.Restarts);
            Assert.Equal(crashStop.Describe(), ScenarioPlan.Draw(seed, restarts: false).Describe());
            Assert.StartsWith(crashStop.Describe()[..crashStop.Describe().IndexOf("window ", StringComparison.Ordinal)], withRestarts.Describe(), StringComparison.Ordinal);
            Assert.Equal(crashStop.NetworkSeed, withRestarts.NetworkSeed);
            Assert.Equal(crashStop.Settings, withRestarts.Settings);
            Assert.True(withRestarts.CrashRecovery);
            Assert.All(withRestarts.Restarts, r => Assert.True(r.At + r.DownFor <= withRestarts.FaultsEnd, $"seed {seed}: a restart after the faults end"));
        }
    }

    [Fact]
    public void A_failing_seed_with_restarts_reports_the_command_that_replays_it()
    {
        var result = new SeedResult(7, SeedKind.Live, BrokenVariant.None, "NOT LIVE", [], [], [], new SeedStats()) { Restarts = true };

        Assert.Equal("dotnet run --project tests/Paxos.Simulation -c Release -- --seed 7 --restarts --trace", result.Reproduce);
    }
}
