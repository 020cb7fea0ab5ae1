using System.Text.Json;

namespace Paxos.Cluster.Run;

/// <summary>
/// How a run ended, for programs: written as <c>&lt;out&gt;/result.json</c> at the end of every run that got as far as
/// starting (read back by <see cref="ClusterRunner"/> for the end-to-end tests), beside the text summary for people.
/// </summary>
/// <param name="ExitCode">0 when the outcome is what the scenario expects, 1 when not.</param>
/// <param name="Expected">The expected outcome, in words.</param>
/// <param name="Failures">Why the outcome is not the expected one (empty when it is).</param>
/// <param name="Submitted">Values the clients submitted (both inputs' lines).</param>
/// <param name="Learned1">learn1's lines at the end.</param>
/// <param name="Learned2">learn2's lines at the end.</param>
/// <param name="ElapsedSeconds">From the clients' start to the last value learned, when everything was.</param>
/// <param name="ValuesPerSecond">Submitted / elapsed, when everything was learned.</param>
/// <param name="CheckAllExitCode">check_all.sh's exit status (null when the run failed before it).</param>
/// <param name="Clients">Each client's end, e.g. "client1 exit status 0".</param>
/// <param name="Notes">The scenario's own summary lines (catch-up, late learner, power cut, peak RSS).</param>
/// <param name="PeakRssMb">Peak resident memory per process from its stats report (late-learner runs; -1 when unknown).</param>
public sealed record RunOutcome(
    int ExitCode,
    string Expected,
    IReadOnlyList<string> Failures,
    long Submitted,
    long Learned1,
    long Learned2,
    double? ElapsedSeconds,
    double? ValuesPerSecond,
    int? CheckAllExitCode,
    IReadOnlyList<string> Clients,
    IReadOnlyList<string> Notes,
    IReadOnlyDictionary<string, double> PeakRssMb)
{
    /// <summary>The file name in the run folder.</summary>
    public const string FileName = "result.json";

    /// <summary>Writes the outcome to <paramref name="folder"/>/result.json (through a temporary file).</summary>
    public void WriteTo(string folder)
    {
        string path = Path.Combine(folder, FileName);
        File.WriteAllBytes(path + ".tmp", JsonSerializer.SerializeToUtf8Bytes(this, RunOutcomeJsonContext.Default.RunOutcome));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The outcome in <paramref name="folder"/>, or null when there is none (the run did not get that far).</summary>
    public static RunOutcome? TryRead(string folder)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(folder, FileName)), RunOutcomeJsonContext.Default.RunOutcome);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
