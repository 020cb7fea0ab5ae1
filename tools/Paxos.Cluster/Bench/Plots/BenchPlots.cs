namespace Paxos.Cluster.Bench.Plots;

/// <summary>The benchmark's PNGs (ScottPlot): throughput and latency against offered load, and the latency distribution.</summary>
internal static class BenchPlots
{
    /// <summary>Draws <paramref name="medians"/> into <paramref name="folder"/> and returns the files written.</summary>
    public static IReadOnlyList<string> Draw(IReadOnlyList<MedianRecord> medians, string folder)
    {
        PlotPoint[] points = [.. medians.Select(PlotPoint.From)];
        string[] written =
        [
            Path.Combine(folder, "throughput-vs-load.png"),
            Path.Combine(folder, "latency-vs-load.png"),
            Path.Combine(folder, "latency-cdf.png"),
        ];
        LoadPlots.DrawThroughput(points, written[0]);
        LoadPlots.DrawLatency(points, written[1]);
        LatencyCdfPlot.Draw(points, written[2]);
        return written;
    }
}
