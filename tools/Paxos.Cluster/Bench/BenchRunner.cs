using System.Diagnostics;
using Paxos.Cluster.Shared;
using Paxos.Core.Configuration;

namespace Paxos.Cluster.Bench;

/// <summary>
/// Runs one benchmark run: a fresh cluster through ./run.sh (a child process: it makes its own isolated network
/// namespace) with the roles' reports in the run folder's stats/, then reads what it left behind.
/// </summary>
internal sealed class BenchRunner(RepositoryLayout repository, BenchConsole console)
{
    /// <summary>Runs <paramref name="combination"/> once into <paramref name="folder"/> and returns its figures.</summary>
    public RunRecord Run(Combination combination, string label, RunFolder folder)
    {
        folder.Recreate();
        // The clients start once a proposer leads (0.3 s of heartbeats), as under the course's harness (10 s):
        // otherwise their first requests wait for a 0.3 s resend.
        List<string> arguments = ["--out", folder.Path, "--client-delay", "0.5"];
        if (combination.ValueSize is { } size)
        {
            // Values of random letters, written into the run folder: run.sh proposes them in place.
            RandomLines.Write(folder.File("prop1"), combination.ValuesPerClient, size);
            RandomLines.Write(folder.File("prop2"), combination.ValuesPerClient, size);
            arguments.AddRange(["--inputs", folder.Path]);
        }
        else
        {
            arguments.Add(Numbers.Whole(combination.ValuesPerClient));
        }

        if (!combination.LossFree)
        {
            arguments.AddRange(["--loss", combination.Loss]);
        }

        DirectoryInfo? data = null;
        if (combination.Durable)
        {
            // A fresh data folder per run, on the machine's temporary disk (what fsync measures).
            data = Directory.CreateTempSubdirectory("paxos-bench-data.");
            arguments.AddRange(["--data-dir", data.FullName]);
        }

        if (combination.TimeoutSeconds is { } timeout)
        {
            // Paced runs last 2n/rate seconds: give them that and a margin.
            arguments.AddRange(["--timeout", Numbers.Whole(timeout)]);
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ProcessOptions.StatsDirectoryVariable] = folder.StatsFolder,
            [ProcessOptions.ClientRateVariable] = combination.ClientRate,
        };
        int exitStatus;
        try
        {
            using Process runSh = ChildProcess.StartInto(folder.ReportFile, repository.RunScript, arguments, environment);
            var learn1 = new LineCounter(folder.File("learn1"));
            var learn2 = new LineCounter(folder.File("learn2"));
            console.Watch(runSh, label, () => (learn1.Refresh(), learn2.Refresh()), combination.TotalValues);
            exitStatus = runSh.ExitCode;
        }
        finally
        {
            data?.Delete(recursive: true);
        }

        RunRecord record = RunRecord.From(label, combination, folder.Read(exitStatus));
        // The values themselves are large and not needed any more (the learners' outputs were checked).
        folder.RemoveValues();
        return record;
    }
}
