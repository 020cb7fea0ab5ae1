using System.Diagnostics;

namespace Paxos.EndToEnd;

/// <summary>Runs a program to completion with a time limit, capturing its output.</summary>
internal static class Command
{
    /// <summary>Runs <paramref name="program"/>; <paramref name="environment"/> sets (or, with null values, removes) variables.</summary>
    public static CommandResult Run(
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory ?? Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var stopwatch = Stopwatch.StartNew();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new CommandResult(-1, stdout.Result, stderr.Result + $"\n[killed: still running after {timeout.TotalSeconds} s]", stopwatch.Elapsed);
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, stdout.Result, stderr.Result, stopwatch.Elapsed);
    }

    /// <summary>Runs a command inside a fresh isolated network namespace (scripts/netns.sh): no packet leaves the machine.</summary>
    public static CommandResult RunIsolated(TimeSpan timeout, params string[] command) =>
        Run(Repository.PathOf("scripts/netns.sh"), command, timeout);
}
