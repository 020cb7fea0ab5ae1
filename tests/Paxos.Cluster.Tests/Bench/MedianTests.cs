using Paxos.Cluster.Bench;

namespace Paxos.Cluster.Tests.Bench;

public sealed class MedianTests
{
    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value()
    {
        Assert.Equal(200, Median.Of([300.0, 100, 200]));
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_two_middle_values()
    {
        Assert.Equal(2.5, Median.Of([4.0, 1, 3, 2]));
    }

    [Fact]
    public void The_median_of_nothing_is_zero()
    {
        Assert.Equal(0, Median.Of([]));
    }

    [Fact]
    public void Runs_of_one_combination_share_a_row_in_the_order_the_combinations_ran()
    {
        RunRecord baseRun = Reports.Record(Reports.FinishedRun());
        var other = new Combination(1000, 1000, "0", null, false);
        RunRecord[] runs =
        [
            baseRun with { Throughput = 300 },
            baseRun with { Combination = other, Throughput = 7 },
            baseRun with { Throughput = 100, ChecksOk = false },
            baseRun with { Throughput = 200, ClientResends = 40 },
        ];

        IReadOnlyList<MedianRecord> medians = MedianRecord.Of(runs);

        Assert.Equal(2, medians.Count);
        Assert.Equal(Reports.Combination, medians[0].Combination);
        Assert.Equal((3, 2, 200.0), (medians[0].Runs, medians[0].ChecksOk, medians[0].Throughput));
        // The median count (3) over the 2,000 values submitted.
        Assert.Equal(3 / 2000.0, medians[0].ClientResendsPerValue, 12);
        Assert.Equal(other, medians[1].Combination);
    }

    [Fact]
    public void A_combination_whose_runs_did_not_all_pass_does_not_meet_its_target()
    {
        IReadOnlyList<MedianRecord> old = Fixture.OldMedians();
        MedianRecord onePassed = old[0] with { Runs = 3, ChecksOk = 2, MegabytesPerSecond = 400, ResendsPerValue = 0 };

        string table = TargetTable.Markdown([onePassed, .. old.Skip(1)], "1");

        Assert.Contains("3 runs (**checks OK in 2 of 3 runs**) | ≥ 300 MB/s, resends < 1% | **no** |", table, StringComparison.Ordinal);
        Assert.StartsWith("### Issue 10 targets\n", table, StringComparison.Ordinal);
    }

    [Fact]
    public void A_met_target_says_yes_and_a_missing_row_says_not_run()
    {
        IReadOnlyList<MedianRecord> old = Fixture.OldMedians();
        MedianRecord fast = old[0] with { MegabytesPerSecond = 301, ResendsPerValue = 0.001 };

        string table = TargetTable.Markdown([fast], "1");

        Assert.Contains("| ≥ 300 MB/s, resends < 1% | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| 2 × 0 values of 8 KB (8192 B) | (not run) | ≥ 500 MB/s, resends < 1% | |", table, StringComparison.Ordinal);
    }
}
