using System.Globalization;
using System.Text;

namespace Paxos.Core.Configuration;

/// <summary>
/// Derives the default cluster id from the four groups, so that processes started with the same
/// groups agree on an id without configuring one, and a cluster on other groups (or ports) gets
/// another id and ignores stray frames from this one.
/// </summary>
public static class ClusterIdentity
{
    private const uint FnvOffsetBasis = 2166136261;
    private const uint FnvPrime = 16777619;

    /// <summary>
    /// The canonical text the id is derived from: one line per group in the fixed order clients,
    /// proposers, acceptors, learners, each <c>"role address port\n"</c>, e.g.
    /// <c>"clients 239.0.0.1 5000\nproposers 239.0.0.1 6000\nacceptors 239.0.0.1 7000\nlearners 239.0.0.1 8000\n"</c>.
    /// It is independent of how the file was written (spacing, case, comments, line order).
    /// </summary>
    public static string CanonicalText(GroupEndpoint clients, GroupEndpoint proposers, GroupEndpoint acceptors, GroupEndpoint learners)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(proposers);
        ArgumentNullException.ThrowIfNull(acceptors);
        ArgumentNullException.ThrowIfNull(learners);
        var text = new StringBuilder();
        AppendLine(text, "clients", clients);
        AppendLine(text, "proposers", proposers);
        AppendLine(text, "acceptors", acceptors);
        AppendLine(text, "learners", learners);
        return text.ToString();
    }

    /// <summary>The 32-bit FNV-1a hash of the UTF-8 bytes of <see cref="CanonicalText"/>.</summary>
    public static uint Derive(GroupEndpoint clients, GroupEndpoint proposers, GroupEndpoint acceptors, GroupEndpoint learners) =>
        Fnv1a32(Encoding.UTF8.GetBytes(CanonicalText(clients, proposers, acceptors, learners)));

    /// <summary>FNV-1a, 32 bits: a stable, well-specified hash that other implementations can reproduce.</summary>
    internal static uint Fnv1a32(ReadOnlySpan<byte> bytes)
    {
        uint hash = FnvOffsetBasis;
        foreach (byte b in bytes)
        {
            hash ^= b;
            hash = unchecked(hash * FnvPrime);
        }

        return hash;
    }

    private static void AppendLine(StringBuilder text, string role, GroupEndpoint group) =>
        text.Append(CultureInfo.InvariantCulture, $"{role} {group.Address} {group.Port}\n");
}
