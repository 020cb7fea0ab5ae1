namespace Paxos.EndToEnd;

/// <summary>Runs ./run.sh (which makes its own isolated network namespace) into a fresh output folder.</summary>
internal static class ClusterRun
{
    public static CommandResult Start(RunFolder folder, params string[] arguments) =>
        Command.Run(Repository.PathOf("run.sh"), [.. arguments, "--out", folder.Path], TimeSpan.FromMinutes(4));
}
