using System.Globalization;
using System.Text;
using Paxos.Cluster.Check;
using Paxos.Cluster.Shared;
using Paxos.Core.Configuration;

namespace Paxos.Cluster.Run;

/// <summary>
/// Makes a run's output folder ready (inside the namespace, before anything starts): earlier run files removed,
/// the run's own paxos.conf (with data_dir in durable mode), the stats folder, prop1 and prop2, the loss rule.
/// </summary>
public static class RunPreparation
{
    // The processes a run can have: their earlier reports are removed, so none passes for this run's.
    private static readonly string[] ProcessNames =
        ["acceptor1", "acceptor2", "acceptor3", "proposer1", "proposer2", "learner1", "learner2", "client1", "client2"];

    /// <summary>Prepares the folder; returns its paths and the data folder in use (or null).</summary>
    public static (RunPaths Paths, string? DataDir) Prepare(RepositoryLayout repository, RunSettings settings, string program)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(settings);
        string folder = Path.GetFullPath(settings.Out ?? Path.Combine(repository.Root, "out"));
        Directory.CreateDirectory(folder);
        string stats = Path.GetFullPath(Environment.GetEnvironmentVariable(ProcessOptions.StatsDirectoryVariable) is { Length: > 0 } named ? named : Path.Combine(folder, "stats"));
        var paths = new RunPaths(folder, stats);

        IReadOnlyList<int> others = ProcessTable.WithCommandLineContaining(paths.Config);
        if (others.Count > 0)
        {
            Console.Error.WriteLine($"{program}: processes of another run are still using {paths.Config} (pids: {string.Join(' ', others)})");
            Console.Error.WriteLine($"  stop them (pkill -f '{paths.Config}') or use --out with another folder.");
            throw new RunFailedException("another run uses this folder") { Reported = true };
        }

        foreach (string name in (string[])["learn1", "learn2", "at-kill.txt", "learn1.before-cut", "learn2.before-cut", "peak-rss.txt", RunOutcome.FileName])
        {
            File.Delete(paths.File(name));
        }

        string? inputs = settings.Inputs is null ? null : Path.GetFullPath(settings.Inputs);
        bool inputsHere = inputs is not null && SameFolder(inputs, folder);
        if (!inputsHere)
        {
            File.Delete(paths.Proposals(1));
            File.Delete(paths.Proposals(2));
        }

        if (Directory.Exists(paths.Logs))
        {
            Directory.Delete(paths.Logs, recursive: true);
        }

        Directory.CreateDirectory(paths.Logs);
        bool confIsRepository = SameFile(repository.PaxosConf, paths.Config);
        if (!confIsRepository)
        {
            File.Copy(repository.PaxosConf, paths.Config, overwrite: true);
        }

        string? dataDir = PrepareDataDir(settings, paths, confIsRepository);
        Directory.CreateDirectory(stats);
        foreach (string name in ProcessNames)
        {
            foreach (string file in (string[])[$"{name}.ready.json", $"{name}.stats.json", $"{name}.stats"])
            {
                File.Delete(Path.Combine(stats, file));
            }
        }

        if (inputs is not null)
        {
            if (!inputsHere)
            {
                File.Copy(Path.Combine(inputs, "prop1"), paths.Proposals(1));
                File.Copy(Path.Combine(inputs, "prop2"), paths.Proposals(2));
            }
        }
        else
        {
            WriteRandomValues(paths.Proposals(1), settings.ValuesPerClient!.Value);
            WriteRandomValues(paths.Proposals(2), settings.ValuesPerClient!.Value);
        }

        if (settings.Loss is { } loss)
        {
            AddLossRule(loss, program);
        }

        return (paths, dataDir);
    }

    /// <summary>Values per client of client 1 and 2: lines of each input as the client reads them.</summary>
    public static (long One, long Two) ValueCounts(RunPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return (LineFile.ValueCount(paths.Proposals(1)), LineFile.ValueCount(paths.Proposals(2)));
    }

    // Durable mode: the run's own paxos.conf names the data folder; each role and id has its folder there.
    private static string? PrepareDataDir(RunSettings settings, RunPaths paths, bool confIsRepository)
    {
        string? dataDir = settings.DataDir ?? (settings.IsDurableScenario ? Path.Combine(paths.Folder, "data") : null);
        if (dataDir is null)
        {
            return null;
        }

        if (confIsRepository)
        {
            throw new RunUsageException("--data-dir would change the repository's paxos.conf: use --out with another folder");
        }

        dataDir = Path.GetFullPath(dataDir);
        if (dataDir.Any(char.IsWhiteSpace))
        {
            throw new RunUsageException($"--data-dir: a paxos.conf path cannot hold spaces: {dataDir}");
        }

        Directory.CreateDirectory(dataDir);
        // A fresh cluster: the folders of an earlier run would be resumed (and a client would skip its input).
        foreach (string name in (string[])["acceptor1", "acceptor2", "acceptor3", "proposer1", "proposer2", "client1", "client2"])
        {
            string role = Path.Combine(dataDir, name);
            if (Directory.Exists(role))
            {
                Directory.Delete(role, recursive: true);
            }
        }

        File.AppendAllText(paths.Config, $"\n# run.sh --data-dir: durable mode (crash-recovery)\ndata_dir {dataDir}\n");
        return dataDir;
    }

    // Values like the course's generator (bash $RANDOM: 0..32767, duplicates expected).
    private static void WriteRandomValues(string path, long count)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        for (long i = 0; i < count; i++)
        {
            writer.Write(Random.Shared.Next(32768).ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    // The course's run_loss.sh rule, inside the namespace (it vanishes with it).
    private static void AddLossRule(double loss, string program)
    {
        IReadOnlyList<string> command = LossRule.Command(loss);
        int status;
        try
        {
            status = ChildProcess.Run(command[0], command.Skip(1));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new RunUsageException("--loss needs iptables (apt-get install iptables)");
        }

        if (status != 0)
        {
            Console.Error.WriteLine($"{program}: could not add the iptables loss rule (the kernel needs the 'statistic' match); see above.");
            throw new RunFailedException("no loss rule") { Reported = true };
        }
    }

    private static bool SameFolder(string one, string two) =>
        Directory.Exists(one) && Directory.Exists(two) && string.Equals(Resolve(one), Resolve(two), StringComparison.Ordinal);

    private static bool SameFile(string one, string two) =>
        File.Exists(one) && File.Exists(two) && string.Equals(Resolve(one), Resolve(two), StringComparison.Ordinal);

    // The path with symbolic links resolved, as `-ef` compares them.
    private static string Resolve(string path)
    {
        string full = Path.GetFullPath(path).TrimEnd('/');
        var info = new FileInfo(full);
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? new DirectoryInfo(full).FullName;
    }
}
