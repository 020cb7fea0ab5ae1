namespace Paxos.Attacker;

/// <summary>The datagram sizes a receive path must survive: empty, shorter than, equal to and just over our 12-byte header, one Ethernet payload and one more, large, and the largest IPv4 UDP payload.</summary>
internal static class HostileSizes
{
    public static IReadOnlyList<int> All { get; } = [0, 1, 11, 12, 13, 1_472, 1_473, 8_192, 65_000, 65_507];
}
