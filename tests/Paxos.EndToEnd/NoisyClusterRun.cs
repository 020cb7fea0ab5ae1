using System.Globalization;
using System.Text.RegularExpressions;
using Paxos.Cluster.Run;

namespace Paxos.EndToEnd;

/// <summary>
/// A whole cluster run with hostile traffic beside it for the whole run (a part run <see cref="InNamespace"/>), and the
/// statistics counters the roles logged when they stopped.
/// </summary>
internal static class NoisyClusterRun
{
    /// <summary>One process of each role: every one of them must see the noise.</summary>
    public static IReadOnlyList<string> OneOfEachRole { get; } = ["acceptor1", "proposer1", "learner1", "client1"];

    /// <summary>
    /// Runs the cluster with 2 x 10,000 values inside a namespace where <paramref name="part"/> (see <see cref="InNamespace"/>)
    /// adds its traffic, and expects everything learned in one order.
    /// </summary>
    public static void RunInNamespaceAndExpectEverythingLearned(RunFolder run, string part)
    {
        // Clients start at once (no wait for the election).
        var settings = new RunSettings { ValuesPerClient = 10_000, Out = run.Path, ClientDelay = 0 };
        CapturedRun result = InNamespace.RunCluster(TimeSpan.FromMinutes(4), part, settings, PacedClients);

        Assert.True(result.ExitCode == 0, result.Transcript);
        Expect.EverythingLearnedInOneOrder(run);
    }

    // Paced, the clients live about a second: long enough to be hit. At full speed a client
    // sends its 10,000 values in one datagram and is gone in ~50 ms, often before any noise.
    private static readonly Dictionary<string, string?> PacedClients = new(StringComparer.Ordinal) { ["PAXOS_CLIENT_RATE"] = "10000" };

    /// <summary>The value of a counter in a role's "statistics at stop" event, 0 when it is absent (counters of 0 are left out).</summary>
    public static long Counter(string log, string name)
    {
        Match match = Regex.Match(log, $"\"{Regex.Escape(name)}\": (\\d+)");
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}
