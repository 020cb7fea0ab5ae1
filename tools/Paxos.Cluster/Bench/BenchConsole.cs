using System.Diagnostics;
using Spectre.Console;

namespace Paxos.Cluster.Bench;

/// <summary>What people watching a benchmark see on stderr: progress lines and Spectre.Console tables.</summary>
internal sealed class BenchConsole(IAnsiConsole console)
{
    /// <summary>A console writing to stderr (stdout is for the Markdown a script may read).</summary>
    public static BenchConsole OnStandardError()
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected)
        {
            // Not a terminal (a log file, a test): no width to fit, so none to squeeze the tables into 80 columns.
            console.Profile.Width = 160;
        }

        return new BenchConsole(console);
    }

    /// <summary>A plain message.</summary>
    public void Say(string text) => console.MarkupLineInterpolated($"[grey]bench:[/] {text}");

    /// <summary>"run 1/3: 2 x 10000 values of 1024 bytes, offered max values/s, loss 0.1, durable..."</summary>
    public void Starting(Combination c, int run, int runs) =>
        Say($"run {run}/{runs}: 2 x {c.ValuesPerClient} values{(c.ValueSize is { } s ? $" of {s} bytes" : "")}, offered {c.RateText}{(c.Rate is null ? "" : " values/s")}"
            + $"{(c.LossFree ? "" : $", loss {c.Loss}")}{(c.Durable ? ", durable" : "")}...");

    /// <summary>
    /// Waits for <paramref name="run"/> to end; on a terminal, meanwhile, a live line with what each learner printed
    /// so far (<paramref name="learned"/>) out of <paramref name="total"/>.
    /// </summary>
    public void Watch(Process run, string label, Func<(long Learn1, long Learn2)> learned, long total)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            run.WaitForExit();
            return;
        }

        console.Status().Start(Markup.Escape(label), context =>
        {
            while (!run.WaitForExit(200))
            {
                (long learn1, long learn2) = learned();
                context.Status(Markup.Escape($"{label}: learned {learn1}/{total} (learn1) {learn2}/{total} (learn2)"));
            }
        });
        run.WaitForExit();
    }

    /// <summary>One line per finished run: its verdict and headline figures.</summary>
    public void Finished(RunRecord run)
    {
        string verdict = run.ChecksOk ? "[green]OK[/]" : "[red]FAILED[/]";
        console.MarkupLine($"[grey]bench:[/] {Markup.Escape(run.Label)}: {verdict}, {Markup.Escape(Numbers.Fixed(run.Throughput, 0))} values/s, "
            + $"{Markup.Escape(Numbers.Fixed(run.MegabytesPerSecond, 1))} MB/s, p50 / p99 {Markup.Escape(Numbers.Fixed(run.LatencyMs.P50, 3))} / {Markup.Escape(Numbers.Fixed(run.LatencyMs.P99, 3))} ms");
    }

    /// <summary>Every run, one row each.</summary>
    public void ShowRuns(IEnumerable<RunRecord> runs)
    {
        var table = new Table().Title("runs").AddColumns("run", "checks", "values/s", "MB/s", "elapsed (s)", "p50 / p99 / p99.9 / max (ms)", "resends/value", "slowest start-up (ms)");

        foreach (RunRecord run in runs)
        {
            table.AddRow(
                new Text(run.Label),
                new Markup(run.ChecksOk ? "[green]OK[/]" : "[red]FAILED[/]"),
                new Text(Numbers.Fixed(run.Throughput, 0)),
                new Text(Numbers.Fixed(run.MegabytesPerSecond, 1)),
                new Text(Numbers.Fixed(run.ElapsedSeconds, 3)),
                new Text(RunTables.LatencyText(run.LatencyMs)),
                new Text(Numbers.Fixed(run.ResendsPerValue, 4)),
                new Text(Numbers.Whole(run.MaxStartupMs)));
        }

        console.Write(table);
    }

    /// <summary>The medians, one row per combination.</summary>
    public void ShowMedians(IEnumerable<MedianRecord> medians)
    {
        var table = new Table().Title("medians").AddColumns("values", "size", "offered", "loss", "storage", "checks OK", "values/s", "MB/s", "p50 / p99 (ms)", "resends/value", "peak RSS (MB) a / p / l / c");
        foreach (MedianRecord m in medians)
        {
            Combination c = m.Combination;
            table.AddRow(
                new Text(Numbers.Whole(c.TotalValues)),
                new Text(c.SizeForPeople),
                new Text(c.RateForPeople),
                new Text(c.Loss),
                new Text(c.Durable ? "durable" : "memory"),
                new Markup(m.ChecksOk == m.Runs ? $"[green]{m.ChecksOk}/{m.Runs}[/]" : $"[red]{m.ChecksOk}/{m.Runs}[/]"),
                new Text(Numbers.Fixed(m.Throughput, 0)),
                new Text(Numbers.Fixed(m.MegabytesPerSecond, 1)),
                new Text($"{Numbers.Fixed(m.LatencyMs.P50, 3)} / {Numbers.Fixed(m.LatencyMs.P99, 3)}"),
                new Text(Numbers.Fixed(m.ResendsPerValue, 4)),
                new Text(MedianTables.Peaks(m.PeakRssMb)));
        }

        console.Write(table);
    }
}
