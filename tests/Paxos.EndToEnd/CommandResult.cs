namespace Paxos.EndToEnd;

/// <summary>How a command ended and what it printed.</summary>
internal sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>Everything printed, for assertion messages.</summary>
    public string Transcript => $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}
