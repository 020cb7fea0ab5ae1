using System.Buffers.Binary;
using System.Text;

namespace Paxos.Core.Tests.Storage;

/// <summary>Damages a data folder's files the way a disk or an operator might.</summary>
internal static class StorageDamage
{
    /// <summary>Flips one bit in the middle of the first occurrence of <paramref name="content"/> in the file.</summary>
    public static void FlipByteOf(string file, byte[] content)
    {
        byte[] bytes = File.ReadAllBytes(file);
        int at = bytes.AsSpan().IndexOf(content);
        Assert.True(at >= 0, "the record's bytes are in the file");
        bytes[at + content.Length / 2] ^= 0x01;
        File.WriteAllBytes(file, bytes);
    }

    /// <summary>Rewrites the format record's version (and its checksum) in place, as a newer program would have.</summary>
    public static void RewriteFormatVersion(string folder, uint version)
    {
        string file = Path.Combine(folder, "data.mdb");
        byte[] bytes = File.ReadAllBytes(file);
        byte[] magic = Encoding.ASCII.GetBytes("PXDB");
        int at = bytes.AsSpan().IndexOf(magic);
        Assert.True(at >= 0, "the format record is in the file");
        int payloadLength = FormatPayloadLength(bytes, at);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 4), version);
        uint checksum = Paxos.Core.Storage.RecordChecksum.Of(Encoding.ASCII.GetBytes("format"), bytes.AsSpan(at, payloadLength));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + payloadLength), checksum);
        File.WriteAllBytes(file, bytes);
    }

    private static int FormatPayloadLength(byte[] bytes, int at)
    {
        // The role name follows the 16 fixed bytes; it is one of the known role names.
        foreach (string role in new[] { "acceptor", "proposer" })
        {
            if (bytes.AsSpan(at + 16).StartsWith(Encoding.ASCII.GetBytes(role)))
            {
                return 16 + role.Length;
            }
        }

        throw new InvalidOperationException("unknown role in the format record");
    }
}
