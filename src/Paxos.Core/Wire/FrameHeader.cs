namespace Paxos.Core.Wire;

/// <summary>
/// The fixed 12-byte header every frame starts with:
/// magic "PX" (2 bytes), version (1), message type (1), cluster id (4), sender id (4), little-endian.
/// The magic and version reject foreign datagrams; the cluster id keeps two clusters on the same groups apart.
/// </summary>
public static class FrameHeader
{
    /// <summary>"PX" read as a little-endian 16-bit number.</summary>
    public const ushort Magic = 0x5850;

    /// <summary>Bumped whenever the layout of any frame changes (2: ballots carry the proposer's incarnation nonce).</summary>
    public const byte Version = 2;

    /// <summary>Bytes taken by the header.</summary>
    public const int Size = 12;

    /// <summary>The largest UDP payload over IPv4 (65,535 − 20 IP − 8 UDP).</summary>
    public const int MaxDatagramBytes = 65_507;
}
