using System.Globalization;

namespace Paxos.BenchPlot;

/// <summary>One row of bench.sh's medians.csv: the medians of one combination's runs.</summary>
/// <param name="ValueSize">Bytes per value, or null for the course's small random numbers.</param>
/// <param name="OfferedRate">Offered load in values/s for both clients, or null for full speed.</param>
internal sealed record BenchmarkResult(
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

    /// <summary>Reads medians.csv; columns are found by their header names, so new columns do not break it.</summary>
    public static IReadOnlyList<BenchmarkResult> ReadMedians(string path)
    {
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            return [];
        }

        string[] header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name) is >= 0 and var index
            ? index
            : throw new InvalidDataException($"{path}: no column {name}");
        int values = Column("values"), size = Column("value_size"), rate = Column("rate"), loss = Column("loss"),
            throughput = Column("throughput"), p50 = Column("p50_ms"), p99 = Column("p99_ms"), p999 = Column("p999_ms"),
            max = Column("max_ms");

        var results = new List<BenchmarkResult>();
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] cells = line.Split(',');
            results.Add(new BenchmarkResult(
                long.Parse(cells[values], CultureInfo.InvariantCulture),
                cells[size].Length == 0 ? null : int.Parse(cells[size], CultureInfo.InvariantCulture),
                cells[rate] == "max" ? null : double.Parse(cells[rate], CultureInfo.InvariantCulture),
                double.Parse(cells[loss], CultureInfo.InvariantCulture),
                double.Parse(cells[throughput], CultureInfo.InvariantCulture),
                double.Parse(cells[p50], CultureInfo.InvariantCulture),
                double.Parse(cells[p99], CultureInfo.InvariantCulture),
                double.Parse(cells[p999], CultureInfo.InvariantCulture),
                double.Parse(cells[max], CultureInfo.InvariantCulture)));
        }

        return results;
    }
}
