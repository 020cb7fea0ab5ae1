using System.Globalization;
using ScottPlot;

namespace Paxos.Cluster.Bench.Plots;

/// <summary>
/// The latency distribution of each combination, as a CDF with a "nines" y axis (50%, 99%, 99.9%,
/// max). The clients report percentiles, not their samples, so each curve has these four points.
/// </summary>
internal static class LatencyCdfPlot
{
    // y = -log10(1 - fraction): 0.5 -> 0.3, 0.99 -> 2, 0.999 -> 3; the maximum is drawn one step above.
    private static readonly double[] Nines = [-Math.Log10(0.5), 2, 3, 4];

    public static void Draw(IReadOnlyList<PlotPoint> results, string path)
    {
        Plot plot = new();
        foreach (PlotPoint result in results.Where(r => r.P50Ms > 0))
        {
            double[] ms = [result.P50Ms, result.P99Ms, result.P999Ms, result.MaxMs];
            var line = plot.Add.Scatter(ms.Select(LogAxis.Of).ToArray(), Nines);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.MarkerSize = 7;
            line.LegendText = string.Create(CultureInfo.InvariantCulture,
                $"2 × {result.Values / 2:N0} {result.SeriesName}, {(result.OfferedRate is { } rate ? $"{rate:N0} values/s" : "full speed")}");
        }

        plot.Title("Latency CDF, client send to decision (medians of p50 / p99 / p99.9 / max)");
        plot.XLabel("latency (ms)");
        plot.YLabel("fraction of values at or below");
        LogAxis.Apply(plot.Axes.Bottom);
        plot.Axes.Left.SetTicks(Nines, ["50%", "99%", "99.9%", "max"]);
        plot.Axes.SetLimitsY(0, 4.3);
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1200, 600);
    }
}
