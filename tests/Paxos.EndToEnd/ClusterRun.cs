namespace Paxos.EndToEnd;

/// <summary>Runs ./run.sh (which makes its own isolated network namespace) into a fresh output folder.</summary>
internal static class ClusterRun
{
    public static CommandResult Start(RunFolder folder, params string[] arguments) =>
        StartWithin(TimeSpan.FromMinutes(4), folder, arguments);

    /// <summary>As <see cref="Start"/>, for long runs (millions of values) that need more than 4 minutes.</summary>
    public static CommandResult StartWithin(TimeSpan limit, RunFolder folder, params string[] arguments) =>
        Command.Run(Repository.PathOf("run.sh"), [.. arguments, "--out", folder.Path], limit);
}
