using System.Buffers.Binary;

namespace Paxos.Core.Storage;

/// <summary>
/// How keys and checksummed values are laid out. Keys are big-endian instance numbers, so LMDB's byte order
/// is instance order; a value carries a CRC-32C over its key and content, checked whenever it is read.
/// </summary>
internal static class StoredRecord
{
    public const int KeyBytes = sizeof(long);
    public const int ChecksumBytes = sizeof(uint);

    public static byte[] KeyOf(long instance)
    {
        var key = new byte[KeyBytes];
        BinaryPrimitives.WriteInt64BigEndian(key, instance);
        return key;
    }

    public static long InstanceOf(ReadOnlySpan<byte> key) => BinaryPrimitives.ReadInt64BigEndian(key);

    /// <summary><paramref name="payload"/> followed by the checksum of key and payload.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> payload)
    {
        var value = new byte[payload.Length + ChecksumBytes];
        payload.CopyTo(value);
        BinaryPrimitives.WriteUInt32LittleEndian(value.AsSpan(payload.Length), RecordChecksum.Of(key, payload));
        return value;
    }

    /// <summary>The payload of a <see cref="Seal"/>ed value, or false if it is too short or its checksum fails.</summary>
    public static bool TryUnseal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (value.Length < ChecksumBytes)
        {
            return false;
        }

        ReadOnlySpan<byte> content = value[..^ChecksumBytes];
        if (BinaryPrimitives.ReadUInt32LittleEndian(value[^ChecksumBytes..]) != RecordChecksum.Of(key, content))
        {
            return false;
        }

        payload = content;
        return true;
    }
}
