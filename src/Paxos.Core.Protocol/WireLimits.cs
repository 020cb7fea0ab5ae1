namespace Paxos.Core.Protocol;

/// <summary>
/// Size limits that keep every frame inside one UDP datagram. A batch carries at most
/// <see cref="MaxBatchBytes"/>, so even a Promise with one entry (the frame with the most
/// overhead around a batch) fits in one datagram (65,507 bytes, the wire's FrameHeader.MaxDatagramBytes).
/// </summary>
public static class WireLimits
{
    /// <summary>The largest value (one input line, without its newline) the system carries.</summary>
    public const int MaxValueBytes = 65_000;

    /// <summary>The largest encoded batch in any frame.</summary>
    public const int MaxBatchBytes = 65_400;

    /// <summary>Bytes a Promise spends around each entry's batch (instance, ballot, batch length).</summary>
    internal const int PromiseEntryOverheadBytes = 8 + Ballot.EncodedBytes + 4;
}
