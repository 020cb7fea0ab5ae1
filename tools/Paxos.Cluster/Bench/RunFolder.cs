using Paxos.Core.Hosting.Reports;

namespace Paxos.Cluster.Bench;

/// <summary>
/// One benchmark run's folder, as run.sh writes it with PAXOS_STATS_DIR=&lt;folder&gt;/stats: run.txt (its report),
/// learn1 and learn2 (the learners' outputs), prop1 and prop2 (values of --value-size), stats/ (the roles' reports).
/// </summary>
internal sealed class RunFolder(string path)
{
    /// <summary>The folder.</summary>
    public string Path { get; } = path;

    /// <summary>Where the roles write their typed reports.</summary>
    public string StatsFolder => System.IO.Path.Combine(Path, "stats");

    /// <summary>run.sh's output (stdout and stderr).</summary>
    public string ReportFile => System.IO.Path.Combine(Path, "run.txt");

    /// <summary>A file in the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>An empty folder for a new run (an older one of the same name is removed).</summary>
    public void Recreate()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }

        Directory.CreateDirectory(StatsFolder);
    }

    /// <summary>What the run left behind, given run.sh's exit status.</summary>
    public RunEvidence Read(int exitStatus)
    {
        var reports = new Dictionary<string, RoleReport>(StringComparer.Ordinal);
        foreach (string process in RunEvidence.Processes)
        {
            string role = process.TrimEnd("0123456789".ToCharArray());
            int id = int.Parse(process.AsSpan(role.Length), System.Globalization.CultureInfo.InvariantCulture);
            if (RoleReportFile.TryRead(StatsFolder, role, id, RoleReportKind.Stats) is { } report)
            {
                reports[process] = report;
            }
        }

        return new RunEvidence(reports, [ValueBytes(File("learn1")), ValueBytes(File("learn2"))], exitStatus, ChecksPassed());
    }

    /// <summary>Removes the values files: large, and not needed once the learners' outputs were checked.</summary>
    public void RemoveValues()
    {
        foreach (string name in (string[])["prop1", "prop2", "learn1", "learn2"])
        {
            System.IO.File.Delete(File(name));
        }
    }

    /// <summary>run.sh's verdict line: the course's three checks passed.</summary>
    private bool ChecksPassed() =>
        System.IO.File.Exists(ReportFile) && System.IO.File.ReadLines(ReportFile).Any(line => line.StartsWith("RESULT: OK", StringComparison.Ordinal));

    /// <summary>A learner output's bytes less one newline per line: the bytes of the values themselves; 0 without output.</summary>
    internal static long ValueBytes(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        byte[] buffer = new byte[1 << 16];
        long newlines = 0;
        for (int read; (read = stream.Read(buffer)) > 0;)
        {
            newlines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return stream.Length - newlines;
    }
}
