namespace Paxos.Cluster.Bench.Plots;

/// <summary>One combination's medians as the plots draw them.</summary>
/// <param name="Values">Values submitted by both clients.</param>
/// <param name="ValueSize">Bytes per value, or null for the course's small random numbers.</param>
/// <param name="OfferedRate">Offered load in values/s for both clients, or null for full speed.</param>
internal sealed record PlotPoint(
    long Values,
    int? ValueSize,
    double? OfferedRate,
    double Loss,
    double Throughput,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs)
{
    /// <summary>The runs that differ only in offered load share a series: same value size and loss.</summary>
    public string SeriesName =>
        (ValueSize is { } size ? $"{size} B values" : "small values") + (Loss > 0 ? $", loss {Loss:0.##}" : string.Empty);

    /// <summary>The point of one row of medians.</summary>
    public static PlotPoint From(MedianRecord medians)
    {
        Combination c = medians.Combination;
        return new PlotPoint(
            c.TotalValues,
            c.ValueSize,
            c.Rate,
            double.Parse(c.Loss, System.Globalization.CultureInfo.InvariantCulture),
            medians.Throughput,
            medians.LatencyMs.P50,
            medians.LatencyMs.P99,
            medians.LatencyMs.P999,
            medians.LatencyMs.Max);
    }
}
