using System.Globalization;

namespace Paxos.Cluster.Shared;

/// <summary>
/// The course's run_loss.sh rule: drop each incoming datagram to the course's group with a probability. Added only
/// inside a namespace (run's, or each multi-host "host"), so it vanishes with it.
/// </summary>
public static class LossRule
{
    /// <summary>The iptables command that adds the rule for <paramref name="probability"/> (0 &lt;= P &lt; 1).</summary>
    public static IReadOnlyList<string> Command(double probability) =>
        ["iptables", "-A", "INPUT", "-d", "239.0.0.1", "-m", "statistic", "--mode", "random", "--probability", probability.ToString("R", CultureInfo.InvariantCulture), "-j", "DROP"];
}
