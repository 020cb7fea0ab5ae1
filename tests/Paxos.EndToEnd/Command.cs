namespace Paxos.EndToEnd;

/// <summary>Runs a program to completion with a time limit, capturing its output (paxosctl's <see cref="ChildProcess.Capture"/>), from the repository root by default.</summary>
internal static class Command
{
    /// <summary>Runs <paramref name="program"/>; <paramref name="environment"/> sets (or, with null values, removes) variables.</summary>
    public static CapturedRun Run(
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        ChildProcess.Capture(program, arguments, timeout, workingDirectory ?? Repository.Root, environment);

    /// <summary>Runs a command inside a fresh isolated network namespace (scripts/netns.sh): no packet leaves the machine.</summary>
    public static CapturedRun RunIsolated(TimeSpan timeout, params string[] command) =>
        Run(Repository.PathOf("scripts/netns.sh"), command, timeout);
}
