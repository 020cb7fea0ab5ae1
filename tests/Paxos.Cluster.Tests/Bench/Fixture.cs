using System.Globalization;
using Paxos.Cluster.Bench;

namespace Paxos.Cluster.Tests.Bench;

/// <summary>
/// Fixtures/old-table: what the old bash benchmark (bench.sh --scenario table --quick, collect.sh, medians.sh, table.sh)
/// wrote on this machine, with one run's role reports (n500-r1000-l0-run1/stats): the C# port must write the same.
/// </summary>
internal static class Fixture
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Bench", "Fixtures", "old-table");

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name));

    public static string[] Lines(string name) => File.ReadAllLines(Path.Combine(Folder, name));

    /// <summary>The report.md section that starts with <paramref name="heading"/>, up to the next "### " heading or the end.</summary>
    public static string ReportSection(string heading)
    {
        string report = Text("report.md");
        int start = report.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{heading}' in the old report");
        int end = report.IndexOf("\n### ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? report[start..] : report[start..(end + 1)];
    }

    /// <summary>The old medians.csv read back into typed rows (by header name).</summary>
    public static IReadOnlyList<MedianRecord> OldMedians()
    {
        string[] lines = Lines("medians.csv");
        string[] header = lines[0].Split(',');
        var rows = new List<MedianRecord>();
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            string Cell(string name) => cells[Array.IndexOf(header, name)];
            double D(string name) => double.Parse(Cell(name), CultureInfo.InvariantCulture);
            var combination = new Combination(
                long.Parse(Cell("values"), CultureInfo.InvariantCulture) / 2,
                Cell("rate") == "max" ? null : long.Parse(Cell("rate"), CultureInfo.InvariantCulture),
                Cell("loss"),
                Cell("value_size").Length == 0 ? null : int.Parse(Cell("value_size"), CultureInfo.InvariantCulture),
                Cell("durable") == "1");
            rows.Add(new MedianRecord(
                combination,
                int.Parse(Cell("runs"), CultureInfo.InvariantCulture),
                int.Parse(Cell("checks_ok"), CultureInfo.InvariantCulture),
                D("throughput"),
                D("mb_per_s"),
                D("elapsed_s"),
                new Latency(D("p50_ms"), D("p99_ms"), D("p999_ms"), D("max_ms")),
                D("values_per_instance"),
                D("retransmissions"),
                D("resends_per_value"),
                D("client_resends_per_value"),
                D("proposer_retransmissions_per_value"),
                D("learner_catchup_requests_per_value"),
                D("max_startup_ms"),
                new RolePeaks(D("rss_acceptor_mb"), D("rss_proposer_mb"), D("rss_learner_mb"), D("rss_client_mb"))));
        }

        return rows;
    }
}
