using System.Text;

namespace Paxos.Cluster.Bench;

/// <summary>
/// Issue 10's target table (workload | measured | target | met) and issue 9's durable rows, from the medians of a
/// `--scenario table` benchmark: table.md. Rows are found by value size, offered rate, loss and storage, which
/// tell the scenario's combinations apart (see <see cref="BenchPlan"/>); the two loss-free small-value runs at full
/// speed by their numbers of values (the fewer: the reference of the loss ratio; the more: the big run).
/// </summary>
internal static class TargetTable
{
    /// <summary>table.md for <paramref name="medians"/> of a benchmark whose values were scaled by <paramref name="scale"/> (as written).</summary>
    public static string Markdown(IReadOnlyList<MedianRecord> medians, string scale)
    {
        MedianRecord? Find(int? size, long? rate, string loss, bool durable) =>
            medians.LastOrDefault(m => m.Combination.ValueSize == size && m.Combination.Rate == rate && m.Combination.Loss == loss && m.Combination.Durable == durable);

        // The loss-free small values at full speed: the fewest values are the reference, the most the big run.
        MedianRecord[] fullSpeed = [.. medians.Where(m => m.Combination is { ValueSize: null, Rate: null, Loss: "0", Durable: false })];
        MedianRecord? small = fullSpeed.MinBy(m => m.Combination.ValuesPerClient);
        MedianRecord? big = fullSpeed.Length > 1 ? fullSpeed.MaxBy(m => m.Combination.ValuesPerClient) : null;
        double RatioTo(MedianRecord? row, MedianRecord? reference) =>
            row is not null && reference is { Throughput: > 0 } ? row.Throughput / reference.Throughput : 0;

        var text = new StringBuilder("### Issue 10 targets");
        if (double.Parse(scale, System.Globalization.CultureInfo.InvariantCulture) != 1)
        {
            text.Append(" (values scaled by ").Append(scale).Append(": not comparable with the targets)");
        }

        text.Append("\n\n| workload | measured (median) | target | met |\n| --- | --- | --- | :---: |\n");

        MedianRecord? k = Find(1024, null, "0", false);
        Row(text, $"2 × {PerClient(k)} values of 1 KB (1024 B)", k,
            m => $"{Numbers.Fixed(m.MegabytesPerSecond, 1)} MB/s ({Numbers.Thousands(m.Throughput)} values/s), {Resends(m)}",
            "≥ 300 MB/s, resends < 1%", m => m.MegabytesPerSecond >= 300 && m.ResendsPerValue < 0.01);
        k = Find(8192, null, "0", false);
        Row(text, $"2 × {PerClient(k)} values of 8 KB (8192 B)", k,
            m => $"{Numbers.Fixed(m.MegabytesPerSecond, 1)} MB/s ({Numbers.Thousands(m.Throughput)} values/s), {Resends(m)}",
            "≥ 500 MB/s, resends < 1%", m => m.MegabytesPerSecond >= 500 && m.ResendsPerValue < 0.01);
        k = Find(null, null, "0.1", false);
        double lossRatio = RatioTo(k, small);
        Row(text, $"2 × {PerClient(k)} small values, 10% loss", k,
            m => $"{Numbers.Thousands(m.Throughput)} values/s = {Numbers.Fixed(100 * lossRatio, 0)}% of loss-free, p99 {Numbers.Fixed(m.LatencyMs.P99, 3)} ms, {Resends(m)}",
            "≥ 60% of loss-free, p99 ≤ 50 ms", m => lossRatio >= 0.6 && m.LatencyMs.P99 <= 50);
        Row(text, $"2 × {PerClient(small)} small values, no loss (the reference of the ratio)", small,
            m => $"{Numbers.Thousands(m.Throughput)} values/s, p99 {Numbers.Fixed(m.LatencyMs.P99, 3)} ms, {Resends(m)}", "—", null);
        Row(text, $"2 × {PerClient(big)} small values, no loss", big,
            m => $"{Numbers.Thousands(m.Throughput)} values/s, {Resends(m)}", "≥ 5,000,000 values/s", m => m.Throughput >= 5_000_000);
        k = Find(null, 1000, "0", false);
        Row(text, $"1,000 values/s offered (2 × {PerClient(k)} small values)", k,
            m => $"p50 {Numbers.Fixed(m.LatencyMs.P50, 3)} ms, p99 {Numbers.Fixed(m.LatencyMs.P99, 3)} ms",
            "p50 ≤ 0.1 ms, p99 ≤ 0.5 ms", m => m.LatencyMs.P50 <= 0.1 && m.LatencyMs.P99 <= 0.5);

        // Issue 9: the same workloads with data_dir (acceptors fsync before answering); the cost of durability is
        // the ratio to the in-memory run of the same table.
        k = Find(null, null, "0", true);
        double durableRatio = RatioTo(k, small);
        Row(text, $"durable: 2 × {PerClient(k)} small values (data_dir, fsync)", k,
            m => $"{Numbers.Thousands(m.Throughput)} values/s = {Numbers.Fixed(100 * durableRatio, 0)}% of in-memory, p99 {Numbers.Fixed(m.LatencyMs.P99, 3)} ms, peak RSS acceptor {Numbers.Fixed(m.PeakRssMb.Acceptor, 1)} MB, {Resends(m)}",
            "≥ 1,000,000 values/s", m => m.Throughput >= 1_000_000);
        k = Find(null, 1000, "0", true);
        Row(text, $"durable: 1,000 values/s offered (2 × {PerClient(k)} small values)", k,
            m => $"p50 {Numbers.Fixed(m.LatencyMs.P50, 3)} ms, p99 {Numbers.Fixed(m.LatencyMs.P99, 3)} ms",
            "p50 ≤ 1 ms, p99 ≤ 5 ms", m => m.LatencyMs.P50 <= 1 && m.LatencyMs.P99 <= 5);
        return text.Append('\n').ToString();
    }

    /// <summary>One row; <paramref name="met"/> null for a row without a target. Met needs every run's checks OK too.</summary>
    private static void Row(StringBuilder text, string workload, MedianRecord? row, Func<MedianRecord, string> measured, string target, Func<MedianRecord, bool>? met)
    {
        if (row is null)
        {
            text.Append("| ").Append(workload).Append(" | (not run) | ").Append(target).Append(" | |\n");
            return;
        }

        string checks = row.ChecksOk == row.Runs ? "" : $" (**checks OK in {row.ChecksOk} of {row.Runs} runs**)";
        string verdict = met is null ? "—" : row.ChecksOk == row.Runs && met(row) ? "yes" : "**no**";
        text.Append("| ").Append(workload).Append(" | ").Append(measured(row)).Append("; ").Append(row.Runs)
            .Append(row.Runs == 1 ? " run" : " runs").Append(checks).Append(" | ").Append(target).Append(" | ").Append(verdict).Append(" |\n");
    }

    /// <summary>Values per client with thousands separated ("0" for a row not run).</summary>
    private static string PerClient(MedianRecord? row) => Numbers.Thousands(row?.Combination.ValuesPerClient ?? 0);

    private static string Pct(double fraction) => Numbers.Fixed(100 * fraction, 2) + "%";

    private static string Resends(MedianRecord m) =>
        $"resends {Pct(m.ResendsPerValue)} of values (client {Pct(m.ClientResendsPerValue)}, proposer {Pct(m.ProposerRetransmissionsPerValue)}, learner {Pct(m.LearnerCatchUpRequestsPerValue)})";
}
