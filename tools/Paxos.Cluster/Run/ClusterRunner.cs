using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Run;

/// <summary>How a run started through <see cref="ClusterRunner"/> ended: its exit status, typed outcome and transcript.</summary>
/// <param name="ExitCode">0 expected outcome, 1 not, 2 bad usage, -1 killed for running past the time limit.</param>
/// <param name="Outcome">The run's result.json; null when it ended before its report (bad usage, a failed start).</param>
/// <param name="StandardOutput">The summary, check_all.sh's output, the verdict.</param>
/// <param name="StandardError">Progress and messages.</param>
/// <param name="Elapsed">Wall-clock time of the whole run, build included.</param>
public sealed record RunResult(int ExitCode, RunOutcome? Outcome, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>Everything printed, for assertion messages.</summary>
    public string Transcript => $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

/// <summary>
/// The library entry to a run (what the end-to-end tests call): starts <c>./run.sh</c> with typed
/// <see cref="RunSettings"/> (it builds the roles and paxosctl, and paxosctl enters its own network namespace, so
/// no role ever runs in the caller's), waits for it, and reads back the typed <see cref="RunOutcome"/>.
/// </summary>
public static class ClusterRunner
{
    /// <summary>Runs <paramref name="settings"/> (whose <see cref="RunSettings.Out"/> must be set) with the run.sh of <paramref name="repositoryRoot"/>.</summary>
    public static RunResult Run(string repositoryRoot, RunSettings settings, TimeSpan limit, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string folder = settings.Out ?? throw new ArgumentException("the settings need an output folder (Out)", nameof(settings));
        CapturedRun run = ChildProcess.Capture(Path.Combine(repositoryRoot, "run.sh"), settings.ToArguments(), limit, repositoryRoot, environment);
        // A run killed for its time limit wrote no outcome worth reading.
        RunOutcome? outcome = run.ExitCode == -1 ? null : RunOutcome.TryRead(folder);
        return new RunResult(run.ExitCode, outcome, run.StandardOutput, run.StandardError, run.Elapsed);
    }
}
