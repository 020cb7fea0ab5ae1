using System.Buffers.Binary;
using Paxos.Core.Protocol;

namespace Paxos.Core.Storage;

/// <summary>A ballot's 12 bytes on disk: round, proposer id, incarnation, each big-endian.</summary>
internal static class StoredBallot
{
    public const int Bytes = Ballot.EncodedBytes;

    public static void Write(Span<byte> destination, Ballot ballot)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, ballot.Round);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ballot.ProposerId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ballot.Incarnation);
    }

    public static Ballot Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt32BigEndian(source),
        BinaryPrimitives.ReadUInt32BigEndian(source[4..]),
        BinaryPrimitives.ReadUInt32BigEndian(source[8..]));
}
