using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Multihost;

/// <summary>The small system commands that build the hosts (ip, mount, iptables), run to their end.</summary>
internal static class Commands
{
    /// <summary>Runs <paramref name="command"/>; its exit status, with its stderr in <paramref name="errors"/>.</summary>
    public static int TryRun(out string errors, params string[] command)
    {
        CapturedRun run = ChildProcess.Capture(command[0], command.Skip(1), Timeout.InfiniteTimeSpan);
        errors = run.StandardError;
        return run.ExitCode;
    }

    /// <summary>Runs <paramref name="command"/> and requires it to succeed (the topology is all or nothing).</summary>
    public static void Run(params string[] command)
    {
        if (TryRun(out string errors, command) != 0)
        {
            throw new MultihostFailure($"'{string.Join(' ', command)}' failed: {errors.Trim()}");
        }
    }

    /// <summary>True when <paramref name="program"/> is on the PATH.</summary>
    public static bool Exists(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}

/// <summary>A failure that ends the scenario early with exit status 1 (after everything started is stopped).</summary>
internal sealed class MultihostFailure(string message) : Exception(message);
