namespace Paxos.Cluster.Bench;

/// <summary>
/// A benchmark's output folder: report.md (Markdown, appended section by section and echoed on stdout when stdout
/// is not a terminal, for a script or a file to keep), runs.csv, roles.csv, medians.csv, table.md and the plots.
/// </summary>
internal sealed class BenchOutput
{
    private static readonly string[] Products = ["runs.csv", "roles.csv", "medians.csv", "report.md", "table.md"];

    private BenchOutput(string folder) => Folder = folder;

    /// <summary>The folder.</summary>
    public string Folder { get; }

    /// <summary>A file in the folder.</summary>
    public string File(string name) => Path.Combine(Folder, name);

    /// <summary>Opens (creates) <paramref name="folder"/> and removes an earlier benchmark's products from it.</summary>
    public static BenchOutput Open(string folder)
    {
        Directory.CreateDirectory(folder);
        var output = new BenchOutput(Path.GetFullPath(folder));
        foreach (string name in Products)
        {
            System.IO.File.Delete(output.File(name));
        }

        foreach (string plot in Directory.EnumerateFiles(output.Folder, "*.png"))
        {
            System.IO.File.Delete(plot);
        }

        return output;
    }

    /// <summary>Appends <paramref name="markdown"/> to report.md (and to stdout when it is redirected: on a terminal the tables on stderr say it).</summary>
    public void Report(string markdown)
    {
        System.IO.File.AppendAllText(File("report.md"), markdown);
        if (Console.IsOutputRedirected)
        {
            Console.Out.Write(markdown);
            Console.Out.Flush();
        }
    }

    /// <summary>Appends one run's rows to runs.csv and roles.csv, writing their headers first when new.</summary>
    public void Record(RunRecord run)
    {
        AppendRows("runs.csv", RunTables.RunsHeader, [RunTables.RunsRow(run)]);
        AppendRows("roles.csv", RunTables.RolesHeader, RunTables.RolesRows(run));
    }

    private void AppendRows(string name, string header, IEnumerable<string> rows)
    {
        string path = File(name);
        IEnumerable<string> lines = System.IO.File.Exists(path) ? rows : rows.Prepend(header);
        System.IO.File.AppendAllLines(path, lines);
    }
}
