using System.Buffers.Binary;
using Paxos.Core.Protocol.Messages;

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

    /// <summary>
    /// Bumped whenever the layout of any frame changes (2: ballots carry the proposer's incarnation nonce;
    /// 3: Accept and Accepted carry the number of the Accept's copy).
    /// </summary>
    public const byte Version = 3;

    /// <summary>Bytes taken by the header.</summary>
    public const int Size = 12;

    /// <summary>The largest UDP payload over IPv4 (65,535 − 20 IP − 8 UDP).</summary>
    public const int MaxDatagramBytes = 65_507;

    /// <summary>
    /// True when <paramref name="datagram"/> is a Decision or Heartbeat frame sent by <paramref name="senderId"/>
    /// itself, read from the header alone. Only proposers send those, to their own group among others, and
    /// multicast loops every one back to its sender, which ignores it: a leader would decode (copy) each of
    /// its own batches once more. Dropping such a frame unread is safe whatever its body: any frame may be lost.
    /// </summary>
    public static bool IsEchoOf(ReadOnlySpan<byte> datagram, int senderId)
    {
        if (datagram.Length < Size || BinaryPrimitives.ReadUInt32LittleEndian(datagram[8..]) != (uint)senderId)
        {
            return false;
        }

        var type = (MessageType)datagram[3];
        return type is MessageType.Decision or MessageType.Heartbeat;
    }

    /// <summary>
    /// Reads the message type from the header of a frame of <paramref name="clusterId"/> (magic, version and
    /// cluster checked; the body, its tag included, is not). False for anything else.
    /// </summary>
    public static bool TryReadType(ReadOnlySpan<byte> datagram, uint clusterId, out MessageType type)
    {
        type = default;
        if (datagram.Length < Size || BinaryPrimitives.ReadUInt16LittleEndian(datagram) != Magic
            || datagram[2] != Version || BinaryPrimitives.ReadUInt32LittleEndian(datagram[4..]) != clusterId)
        {
            return false;
        }

        type = (MessageType)(datagram[3] & ~FrameAuthenticator.AuthenticatedFlag);
        return true;
    }
}
