namespace Paxos.Cluster.Shared;

/// <summary>
/// How to start one role process through the course's role script: <c>&lt;role&gt;.sh &lt;id&gt; &lt;config&gt;</c>
/// with its standard input from a file (or a pipe the launcher writes), its standard output to a file (a
/// learner's output) or into its log, and its standard error to its log.
/// </summary>
/// <param name="Role">acceptor, proposer, learner or client.</param>
/// <param name="Id">Its id within the role.</param>
/// <param name="ConfigPath">The run's own paxos.conf (its path is what stops every process of the run).</param>
/// <param name="LogPath">Where its standard error goes.</param>
public sealed record RoleLaunch(string Role, int Id, string ConfigPath, string LogPath)
{
    /// <summary>The file its standard input reads; /dev/null by default.</summary>
    public string InputFile { get; init; } = "/dev/null";

    /// <summary>When true, standard input is a pipe the launcher writes (<see cref="RoleProcess.Input"/>) instead of <see cref="InputFile"/>.</summary>
    public bool InputPiped { get; init; }

    /// <summary>The file its standard output goes to; null: into its log, with its standard error.</summary>
    public string? OutputFile { get; init; }

    /// <summary>
    /// The network namespace (an `ip netns add` name) it runs in: its "host" in a multi-host run, started through
    /// `ip netns exec`, which execs the role script (one pid throughout). Null: this process's own namespace.
    /// </summary>
    public string? Host { get; init; }

    /// <summary>The process's name in a run: role and id, e.g. <c>acceptor1</c> (also its log's and reports' name).</summary>
    public string Name => $"{Role}{Id}";
}
