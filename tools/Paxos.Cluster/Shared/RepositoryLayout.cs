namespace Paxos.Cluster.Shared;

/// <summary>Where the repository's scripts live: the course's role scripts, check_all.sh, paxos.conf, run.sh, the build and namespace helpers.</summary>
public sealed class RepositoryLayout
{
    private RepositoryLayout(string root) => Root = root;

    /// <summary>The repository root (the folder that holds acceptor.sh).</summary>
    public string Root { get; }

    /// <summary>The repository's own paxos.conf, copied into every run folder.</summary>
    public string PaxosConf => Path.Combine(Root, "paxos.conf");

    /// <summary>The course's three checks (stays bash: the course's interface).</summary>
    public string CheckAll => Path.Combine(Root, "check_all.sh");

    /// <summary>Runs a command inside a fresh isolated network namespace.</summary>
    public string NetnsScript => Path.Combine(Root, "scripts", "netns.sh");

    /// <summary>The run wrapper (builds, then `paxosctl run`): what each benchmark run starts.</summary>
    public string RunScript => Path.Combine(Root, "run.sh");

    /// <summary>Makes the role programs current (both builds with no argument: measure what ships).</summary>
    public string EnsureBuiltScript => Path.Combine(Root, "scripts", "ensure-built.sh");

    /// <summary>The scripts' shared functions (paxos_require_iptables).</summary>
    public string CommonScript => Path.Combine(Root, "scripts", "common.sh");

    /// <summary>The course's script of <paramref name="role"/> (acceptor, proposer, learner, client).</summary>
    public string RoleScript(string role) => Path.Combine(Root, $"{role}.sh");

    /// <summary>
    /// The repository this tool belongs to: PAXOS_ROOT when the wrapper set it, else the first folder above the
    /// tool's own files that holds acceptor.sh (tools/Paxos.Cluster/bin/Release/net10.0 lies inside the repository).
    /// </summary>
    public static RepositoryLayout Find()
    {
        if (Environment.GetEnvironmentVariable("PAXOS_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, "acceptor.sh")))
        {
            return new RepositoryLayout(Path.GetFullPath(root));
        }

        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "acceptor.sh")) && File.Exists(Path.Combine(folder.FullName, "check_all.sh")))
            {
                return new RepositoryLayout(folder.FullName);
            }
        }

        throw new InvalidOperationException($"cannot find the repository (no acceptor.sh above {AppContext.BaseDirectory}); set PAXOS_ROOT");
    }

    /// <summary>A layout rooted at <paramref name="root"/> (tests, the library entry).</summary>
    public static RepositoryLayout At(string root) => new(Path.GetFullPath(root));
}
