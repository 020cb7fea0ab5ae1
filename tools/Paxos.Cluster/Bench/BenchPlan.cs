namespace Paxos.Cluster.Bench;

/// <summary>The combinations a benchmark runs, in order: a scenario's preset list, or every --values × --rate.</summary>
internal static class BenchPlan
{
    /// <summary>The combinations <paramref name="options"/> ask for.</summary>
    public static IReadOnlyList<Combination> Of(BenchOptions options)
    {
        double scale = options.ScaleFactor;
        long Scaled(long values, long minimum) => Math.Max((long)(values * scale), minimum);

        return options.Scenario switch
        {
            // Issue 10's target table and issue 9's durable rows; TargetTable finds these rows again by their parameters.
            "table" =>
            [
                new(Scaled(100_000, 100), null, "0", 1024, false),
                new(Scaled(10_000, 100), null, "0", 8192, false),
                new(Scaled(1_000_000, 100), null, "0.1", null, false),
                new(Scaled(1_000_000, 100), null, "0", null, false),
                new(Scaled(5_000_000, 100), null, "0", null, false),
                new(Scaled(5_000, 500), 1000, "0", null, false),
                new(Scaled(1_000_000, 100), null, "0", null, true),
                new(Scaled(5_000, 500), 1000, "0", null, true),
            ],
            // About 5 s of offered load each (2n / rate), and a full-speed run.
            "load" =>
            [
                .. new long[] { 1000, 10_000, 100_000 }.Select(rate => new Combination(Scaled(rate * 5 / 2, 500), rate, "0", null, options.Durable)),
                new(Scaled(1_000_000, 100), null, "0", null, options.Durable),
            ],
            _ =>
            [
                .. from n in options.Values
                   from rate in options.Rates
                   select new Combination(n, rate, options.Loss, options.ValueSize, options.Durable),
            ],
        };
    }
}
