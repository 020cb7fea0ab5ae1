using Paxos.Cluster.Run;

namespace Paxos.EndToEnd;

/// <summary>
/// Runs a cluster with typed settings through paxosctl's library entry (<see cref="ClusterRunner"/>: ./run.sh builds,
/// then paxosctl runs inside its own isolated network namespace) into a fresh output folder; the outcome comes back
/// typed (result.json), not as a transcript to grep.
/// </summary>
internal static class ClusterRun
{
    public static RunResult Start(RunFolder folder, RunSettings settings) =>
        StartWithin(TimeSpan.FromMinutes(4), folder, settings);

    /// <summary>As <see cref="Start"/>, for long runs (millions of values) that need more than 4 minutes.</summary>
    public static RunResult StartWithin(TimeSpan limit, RunFolder folder, RunSettings settings) =>
        ClusterRunner.Run(Repository.Root, settings with { Out = folder.Path }, limit);
}
