using ScottPlot;

namespace Paxos.Cluster.Bench.Plots;

/// <summary>Throughput and latency against offered load, one series per value size and loss.</summary>
internal static class LoadPlots
{
    /// <summary>Achieved against offered values/s; full-speed runs sit on the diagonal at what they achieved.</summary>
    public static void DrawThroughput(IReadOnlyList<PlotPoint> results, string path)
    {
        Plot plot = new();
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        foreach (IGrouping<string, PlotPoint> series in Series(results))
        {
            Color color = palette.GetColor(colour++);
            PlotPoint[] paced = Paced(series);
            if (paced.Length > 0)
            {
                var line = plot.Add.Scatter(paced.Select(r => LogAxis.Of(r.OfferedRate!.Value)).ToArray(),
                    paced.Select(r => LogAxis.Of(r.Throughput)).ToArray(), color);
                line.LegendText = series.Key + ", paced";
                line.MarkerSize = 8;
            }

            // A full-speed run has no offered rate: it offered at least what it achieved.
            PlotPoint[] full = series.Where(r => r.OfferedRate is null && r.Throughput > 0).ToArray();
            if (full.Length > 0)
            {
                var points = plot.Add.ScatterPoints(full.Select(r => LogAxis.Of(r.Throughput)).ToArray(),
                    full.Select(r => LogAxis.Of(r.Throughput)).ToArray(), color);
                points.LegendText = series.Key + ", full speed";
                points.MarkerShape = MarkerShape.FilledDiamond;
                points.MarkerSize = 12;
            }
        }

        double[] all = results.Select(r => r.OfferedRate ?? r.Throughput).Concat(results.Select(r => r.Throughput))
            .Where(v => v > 0).ToArray();
        if (all.Length > 0)
        {
            // The diagonal: every offered value is carried.
            var diagonal = plot.Add.Line(LogAxis.Of(all.Min()), LogAxis.Of(all.Min()), LogAxis.Of(all.Max()), LogAxis.Of(all.Max()));
            diagonal.LinePattern = LinePattern.Dotted;
            diagonal.Color = Colors.Gray;
            diagonal.LegendText = "throughput = offered";
        }

        SaveAgainstOfferedLoad(plot, "Throughput against offered load (medians)", "throughput (values/s, end to end)", path);
    }

    /// <summary>p50 and p99 of the client's send-to-decision latency against offered values/s.</summary>
    public static void DrawLatency(IReadOnlyList<PlotPoint> results, string path)
    {
        Plot plot = new();
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        foreach (IGrouping<string, PlotPoint> series in Series(results))
        {
            Color color = palette.GetColor(colour++);
            // Full-speed runs are placed at what they achieved, as in the throughput plot.
            PlotPoint[] runs = series.Where(r => (r.OfferedRate ?? r.Throughput) > 0)
                .OrderBy(r => r.OfferedRate ?? r.Throughput).ToArray();
            double[] xs = runs.Select(r => LogAxis.Of(r.OfferedRate ?? r.Throughput)).ToArray();
            AddLatency(plot, xs, runs.Select(r => r.P50Ms).ToArray(), color, series.Key + ", p50", LinePattern.Solid, MarkerShape.FilledCircle);
            AddLatency(plot, xs, runs.Select(r => r.P99Ms).ToArray(), color, series.Key + ", p99", LinePattern.Dashed, MarkerShape.OpenCircle);
        }

        SaveAgainstOfferedLoad(plot, "Latency against offered load (medians; full speed at what it achieved)", "latency, client send to decision (ms)", path);
    }

    /// <summary>The frame both plots share: offered load on a log x axis, a log y axis, the legend on the right, 1200 × 600.</summary>
    private static void SaveAgainstOfferedLoad(Plot plot, string title, string yLabel, string path)
    {
        plot.Title(title);
        plot.XLabel("offered load (values/s, both clients)");
        plot.YLabel(yLabel);
        LogAxis.Apply(plot.Axes.Bottom);
        LogAxis.Apply(plot.Axes.Left);
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1200, 600);
    }

    private static void AddLatency(Plot plot, double[] xs, double[] ms, Color color, string legend, LinePattern pattern, MarkerShape marker)
    {
        // A latency of 0 means no sample (the histogram was empty): nothing to draw on a log axis.
        int[] measured = Enumerable.Range(0, ms.Length).Where(i => ms[i] > 0).ToArray();
        if (measured.Length == 0)
        {
            return;
        }

        var line = plot.Add.Scatter(measured.Select(i => xs[i]).ToArray(), measured.Select(i => LogAxis.Of(ms[i])).ToArray(), color);
        line.LegendText = legend;
        line.LinePattern = pattern;
        line.MarkerShape = marker;
        line.MarkerSize = 7;
    }

    private static IEnumerable<IGrouping<string, PlotPoint>> Series(IReadOnlyList<PlotPoint> results) =>
        results.GroupBy(r => r.SeriesName);

    private static PlotPoint[] Paced(IEnumerable<PlotPoint> series) =>
        series.Where(r => r.OfferedRate is > 0 && r.Throughput > 0).OrderBy(r => r.OfferedRate).ToArray();
}
