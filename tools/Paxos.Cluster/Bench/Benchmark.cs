using System.Globalization;
using Paxos.Cluster.Bench.Plots;
using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Bench;

/// <summary>
/// A whole benchmark: builds the roles, runs every combination K times (each a fresh cluster), records each run
/// (report.md, runs.csv, roles.csv), then the medians (medians.csv), the target table (table.md, --scenario
/// table) and the plots. Exit status 0 when every run passed its checks, 1 when one did not.
/// </summary>
internal sealed class Benchmark(BenchOptions options, string commandText, RepositoryLayout repository, BenchConsole console)
{
    /// <summary>Runs the benchmark and returns the exit status.</summary>
    public int Execute()
    {
        string folder = options.Out ?? Path.Combine(repository.Root, "bench-out", DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        BenchOutput output = BenchOutput.Open(folder);

        // Measure what ships: both builds (JIT and native) current before the first run.
        int built = ChildProcess.Run(repository.EnsureBuiltScript, []);
        if (built != 0)
        {
            return built;
        }

        output.Report($"## Benchmark {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC on {Environment.ProcessorCount} CPUs ({KernelRelease()})\n\n"
            + $"Command: ./bench.sh {commandText}\n\n");

        var runner = new BenchRunner(repository, console);
        var runs = new List<RunRecord>();
        foreach (Combination combination in BenchPlan.Of(options))
        {
            for (int k = 1; k <= options.Runs; k++)
            {
                string label = combination.Label(k);
                console.Starting(combination, k, options.Runs);
                RunRecord run = runner.Run(combination, label, new RunFolder(output.File(label)));
                runs.Add(run);
                output.Report(RunTables.Markdown(run));
                output.Record(run);
                console.Finished(run);
            }
        }

        IReadOnlyList<MedianRecord> medians = MedianRecord.Of(runs);
        File.WriteAllText(output.File("medians.csv"), MedianTables.Csv(medians));
        output.Report(MedianTables.Markdown(medians));
        if (options.Scenario == "table")
        {
            string table = TargetTable.Markdown(medians, options.Scale);
            File.WriteAllText(output.File("table.md"), table);
            output.Report(table);
        }

        console.ShowRuns(runs);
        console.ShowMedians(medians);
        DrawPlots(medians, output);
        console.Say($"report in {output.File("report.md")}; CSV in {output.File("runs.csv")}, {output.File("roles.csv")}, {output.File("medians.csv")}"
            + (options.Scenario == "table" ? $"; {output.File("table.md")}" : "") + $"; plots {output.File("*.png")}");
        return runs.All(r => r.ChecksOk) ? 0 : 1;
    }

    private void DrawPlots(IReadOnlyList<MedianRecord> medians, BenchOutput output)
    {
        if (medians.Count == 0)
        {
            console.Say("no results: no plots.");
            return;
        }

        try
        {
            BenchPlots.Draw(medians, output.Folder);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or TypeInitializationException or DllNotFoundException)
        {
            // The plots need SkiaSharp's native library; the tables are the record.
            console.Say($"no plots ({exception.Message}); the tables are complete.");
        }
    }

    /// <summary>The kernel's release (uname -r), for the report's title.</summary>
    private static string KernelRelease()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            return Environment.OSVersion.VersionString;
        }
    }
}
