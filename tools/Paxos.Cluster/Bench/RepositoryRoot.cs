namespace Paxos.Cluster.Bench;

/// <summary>The repository paxosctl belongs to: where run.sh, the role scripts and scripts/ live.</summary>
internal static class RepositoryRoot
{
    /// <summary>
    /// The repository: PAXOS_ROOT when the wrapper sets it, else the first folder above this program holding
    /// run.sh and Paxos.sln (the tool runs from tools/Paxos.Cluster/bin/...).
    /// </summary>
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("PAXOS_ROOT") is { Length: > 0 } root)
        {
            return Path.GetFullPath(root);
        }

        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "run.sh")) && File.Exists(Path.Combine(folder.FullName, "Paxos.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no repository (run.sh, Paxos.sln) above {AppContext.BaseDirectory}; set PAXOS_ROOT");
    }
}
