using Paxos.Cluster.Bench;

namespace Paxos.Cluster.Tests.Bench;

public sealed class OptionsAndPlanTests
{
    private static BenchOptions? Parse(out string error, string values = "10000", string rates = "max", string runs = "1", string loss = "0",
        string? size = null, string? scenario = null, string? scale = null, bool quick = false) =>
        BenchOptions.TryParse(values, rates, runs, loss, size, false, scenario, scale, quick, null, out error);

    [Theory]
    [InlineData("0", "max", "1", "0", null, null, null, false, "--values: not a positive integer: 0")]
    [InlineData("10,x", "max", "1", "0", null, null, null, false, "--values: not a positive integer: x")]
    [InlineData("10", "fast", "1", "0", null, null, null, false, "--rate: not a positive integer or max: fast")]
    [InlineData("10", "max", "0", "0", null, null, null, false, "--runs must be a positive integer")]
    [InlineData("10", "max", "1", "1", null, null, null, false, "--loss must be a probability below 1")]
    [InlineData("10", "max", "1", "0", "65001", null, null, false, "--value-size must be 1..65000 bytes")]
    [InlineData("10", "max", "1", "0", null, "big", null, false, "--scenario must be table or load")]
    [InlineData("10", "max", "1", "0", null, "table", "1.5", false, "--scale must be a number, 0 < F <= 1")]
    [InlineData("10", "max", "1", "0", null, null, null, true, "--scale and --quick go with --scenario")]
    public void Bad_options_are_refused_with_bench_sh_s_words(
        string values, string rates, string runs, string loss, string? size, string? scenario, string? scale, bool quick, string message)
    {
        Assert.Null(Parse(out string error, values, rates, runs, loss, size, scenario, scale, quick));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Every_value_count_runs_at_every_rate()
    {
        BenchOptions options = Parse(out _, values: "100,200", rates: "1000,max", loss: "0.1", size: "1024")!;

        Assert.Equal(
            ["n100-s1024-r1000-l0.1-run1", "n100-s1024-rmax-l0.1-run1", "n200-s1024-r1000-l0.1-run1", "n200-s1024-rmax-l0.1-run1"],
            BenchPlan.Of(options).Select(c => c.Label(1)));
    }

    [Fact]
    public void The_quick_table_scales_each_row_with_its_minimum_as_bench_sh_did()
    {
        BenchOptions options = Parse(out _, scenario: "table", quick: true)!;

        // The run folders of the old `bench.sh --scenario table --quick`.
        Assert.Equal(
            ["n1000-s1024-rmax-l0-run1", "n100-s8192-rmax-l0-run1", "n10000-rmax-l0.1-run1", "n10000-rmax-l0-run1", "n50000-rmax-l0-run1",
             "n500-r1000-l0-run1", "n10000-rmax-l0-durable-run1", "n500-r1000-l0-durable-run1"],
            BenchPlan.Of(options).Select(c => c.Label(1)));
    }

    [Fact]
    public void The_load_scenario_offers_about_five_seconds_at_each_rate_and_one_full_speed_run()
    {
        BenchOptions options = Parse(out _, scenario: "load")!;

        Assert.Equal(
            ["n2500-r1000-l0-run1", "n25000-r10000-l0-run1", "n250000-r100000-l0-run1", "n1000000-rmax-l0-run1"],
            BenchPlan.Of(options).Select(c => c.Label(1)));
    }

    [Fact]
    public void A_paced_run_gets_half_the_rate_per_client_and_a_timeout_of_three_times_its_length_and_a_minute()
    {
        var paced = new Combination(5000, 1000, "0", null, false);

        Assert.Equal("500.000", paced.ClientRate);
        Assert.Equal(90, paced.TimeoutSeconds);
        Assert.Null(Reports.Combination.TimeoutSeconds);
        Assert.Equal("", Reports.Combination.ClientRate);
    }
}
