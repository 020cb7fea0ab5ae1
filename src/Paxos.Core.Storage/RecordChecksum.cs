using System.Buffers.Binary;
using System.Numerics;

namespace Paxos.Core.Storage;

/// <summary>
/// CRC-32C of a stored record (its key and its content), so that a record damaged on disk (a flipped bit, a
/// page of another file) is detected when it is read instead of being answered to a proposer.
/// </summary>
internal static class RecordChecksum
{
    /// <summary>The checksum of <paramref name="key"/> followed by <paramref name="parts"/>' bytes.</summary>
    public static uint Of(ReadOnlySpan<byte> key, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second = default)
    {
        uint crc = uint.MaxValue;
        crc = Append(crc, key);
        crc = Append(crc, first);
        crc = Append(crc, second);
        return ~crc;
    }

    private static uint Append(uint crc, ReadOnlySpan<byte> bytes)
    {
        // Eight bytes per instruction: the hardware CRC32C runs at several GB/s this way.
        while (bytes.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[sizeof(ulong)..];
        }

        foreach (byte b in bytes)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }
}
