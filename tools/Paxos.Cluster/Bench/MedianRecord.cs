namespace Paxos.Cluster.Bench;

/// <summary>
/// The medians over the runs of one combination: a row of medians.csv and of the report's medians table, and a
/// point of the plots. Resends are per value submitted (the median count over 2N).
/// </summary>
internal sealed record MedianRecord(
    Combination Combination,
    int Runs,
    int ChecksOk,
    double Throughput,
    double MegabytesPerSecond,
    double ElapsedSeconds,
    Latency LatencyMs,
    double ValuesPerInstance,
    double Retransmissions,
    double ResendsPerValue,
    double ClientResendsPerValue,
    double ProposerRetransmissionsPerValue,
    double LearnerCatchUpRequestsPerValue,
    double MaxStartupMs,
    RolePeaks PeakRssMb)
{
    /// <summary>The medians of each combination, in the order the combinations first ran.</summary>
    public static IReadOnlyList<MedianRecord> Of(IEnumerable<RunRecord> runs) =>
        [.. runs.GroupBy(r => r.Combination).Select(Of)];

    /// <summary>The medians of the runs of one combination.</summary>
    public static MedianRecord Of(IGrouping<Combination, RunRecord> runs)
    {
        double M(Func<RunRecord, double> figure) => Median.Of(runs, figure);
        double total = runs.Key.TotalValues;
        return new MedianRecord(
            runs.Key,
            runs.Count(),
            runs.Count(r => r.ChecksOk),
            M(r => r.Throughput),
            M(r => r.MegabytesPerSecond),
            M(r => r.ElapsedSeconds),
            new Latency(M(r => r.LatencyMs.P50), M(r => r.LatencyMs.P99), M(r => r.LatencyMs.P999), M(r => r.LatencyMs.Max)),
            M(r => r.ValuesPerInstance),
            M(r => r.Retransmissions),
            M(r => r.ResendsPerValue),
            M(r => r.ClientResends) / total,
            M(r => r.ProposerRetransmissions) / total,
            M(r => r.LearnerCatchUpRequests) / total,
            M(r => r.MaxStartupMs),
            new RolePeaks(M(r => r.PeakRssMb.Acceptor), M(r => r.PeakRssMb.Proposer), M(r => r.PeakRssMb.Learner), M(r => r.PeakRssMb.Client)));
    }
}
