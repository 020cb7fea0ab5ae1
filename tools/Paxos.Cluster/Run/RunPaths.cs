namespace Paxos.Cluster.Run;

/// <summary>The files of one run's output folder (the layout bench.sh, the tests and check_all.sh read).</summary>
public sealed class RunPaths(string folder, string stats)
{
    /// <summary>The output folder (absolute).</summary>
    public string Folder { get; } = folder;

    /// <summary>Where the roles write their typed reports (PAXOS_STATS_DIR).</summary>
    public string Stats { get; } = stats;

    /// <summary>This run's own copy of paxos.conf: its path in every role's command line is what finds them all.</summary>
    public string Config => Path.Combine(Folder, "paxos.conf");

    /// <summary>logs/: each process's standard error.</summary>
    public string Logs => Path.Combine(Folder, "logs");

    /// <summary>A file of the folder.</summary>
    public string File(string name) => Path.Combine(Folder, name);

    /// <summary>The log of process <paramref name="name"/>.</summary>
    public string Log(string name) => Path.Combine(Logs, $"{name}.log");

    /// <summary>prop1 or prop2: the values of client <paramref name="client"/>.</summary>
    public string Proposals(int client) => File($"prop{client}");

    /// <summary>learn1 or learn2: the output of learner <paramref name="learner"/>.</summary>
    public string Learned(int learner) => File($"learn{learner}");
}
