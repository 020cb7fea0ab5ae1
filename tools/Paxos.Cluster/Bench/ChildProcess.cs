using System.Diagnostics;

namespace Paxos.Cluster.Bench;

/// <summary>Runs a program to its end with inherited standard streams, or with both output streams in one file.</summary>
internal static class ChildProcess
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
}
