using Paxos.BenchPlot;

// Paxos.BenchPlot <bench output folder>: draws its medians.csv as PNGs in the same folder.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Paxos.BenchPlot <bench.sh output folder (with medians.csv)>");
    return 2;
}

string folder = args[0];
IReadOnlyList<BenchmarkResult> results = BenchmarkResult.ReadMedians(Path.Combine(folder, "medians.csv"));
if (results.Count == 0)
{
    Console.Error.WriteLine($"{folder}/medians.csv has no results: nothing to draw");
    return 1;
}

string[] written =
[
    Path.Combine(folder, "throughput-vs-load.png"),
    Path.Combine(folder, "latency-vs-load.png"),
    Path.Combine(folder, "latency-cdf.png"),
];
LoadPlots.DrawThroughput(results, written[0]);
LoadPlots.DrawLatency(results, written[1]);
LatencyCdfPlot.Draw(results, written[2]);
Console.WriteLine(string.Join(' ', written));
return 0;
