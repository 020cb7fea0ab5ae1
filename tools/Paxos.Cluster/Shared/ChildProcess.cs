using System.Diagnostics;

namespace Paxos.Cluster.Shared;

/// <summary>How a program run to its end with its output captured ended, and what it printed.</summary>
/// <param name="ExitCode">Its exit status; -1 when it was killed for running past its time limit.</param>
public sealed record CapturedRun(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>Everything printed, for assertion and failure messages.</summary>
    public string Transcript => $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

/// <summary>
/// Runs a program to its end: with inherited standard streams, with both output streams in one file, or with its
/// output captured and a time limit (the run library, the end-to-end tests, the multi-host topology's commands).
/// </summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> and returns its exit status (stdin, stdout and stderr inherited).</summary>
    public static int Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        using Process process = Start(program, arguments, environment);
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/> (stdin, stdout and stderr inherited); the caller waits for it.</summary>
    public static Process Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
    }

    /// <summary>
    /// Starts <paramref name="program"/> with its stdout and stderr both written to <paramref name="outputFile"/>, in the
    /// order written (one file descriptor for both, as a shell's <c>&gt;file 2&gt;&amp;1</c>: .NET cannot hand a file
    /// to a child, so a one-line bash does the redirection and execs the program).
    /// </summary>
    public static Process StartInto(string outputFile, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Start("/usr/bin/env", ["bash", "-c", "out=$1; shift; exec \"$@\" >\"$out\" 2>&1", "bash", outputFile, program, .. arguments], environment);

    /// <summary>
    /// Runs <paramref name="program"/> with an empty standard input and its output captured, killing it (and its
    /// children) when it runs past <paramref name="limit"/> (<see cref="Timeout.InfiniteTimeSpan"/>: no limit).
    /// <paramref name="environment"/> sets variables, or removes those whose value is null.
    /// </summary>
    public static CapturedRun Capture(string program, IEnumerable<string> arguments, TimeSpan limit, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

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
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new CapturedRun(-1, stdout.Result, stderr.Result + $"\n[killed: still running after {limit.TotalSeconds} s]", stopwatch.Elapsed);
        }

        process.WaitForExit();
        return new CapturedRun(process.ExitCode, stdout.Result, stderr.Result, stopwatch.Elapsed);
    }
}
