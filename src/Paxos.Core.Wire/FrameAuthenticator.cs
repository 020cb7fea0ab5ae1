using System.Security.Cryptography;

namespace Paxos.Core.Wire;

/// <summary>
/// Authenticates frames with a shared key: <see cref="Seal"/> marks a frame as authenticated (a flag
/// in the type byte) and appends an HMAC-SHA256 tag of the whole frame, header included;
/// <see cref="TryOpen"/> accepts a datagram only if its tag is right. Without the key a forger can
/// neither make a valid tag nor strip one (the flag is covered by the tag, and a keyed receiver drops
/// unflagged frames).
/// </summary>
public sealed class FrameAuthenticator
{
    /// <summary>Bytes of the tag appended to every authenticated frame.</summary>
    public const int TagBytes = HMACSHA256.HashSizeInBytes;

    /// <summary>The bit of the type byte that says "a tag follows".</summary>
    public const byte AuthenticatedFlag = 0x80;

    private readonly byte[] _key;

    /// <summary>Creates an authenticator for <paramref name="key"/> (the bytes of the key file).</summary>
    public FrameAuthenticator(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = (byte[])key.Clone();
    }

    /// <summary>Flags the frame in <paramref name="buffer"/>[..<paramref name="length"/>], appends its tag, and returns the new length.</summary>
    public int Seal(Span<byte> buffer, int length)
    {
        buffer[3] |= AuthenticatedFlag;
        HMACSHA256.HashData(_key, buffer[..length], buffer.Slice(length, TagBytes));
        return length + TagBytes;
    }

    /// <summary>Checks the tag of a flagged datagram; on success <paramref name="frameLength"/> is its length without the tag.</summary>
    public bool TryOpen(ReadOnlySpan<byte> datagram, out int frameLength)
    {
        frameLength = datagram.Length - TagBytes;
        if (frameLength < FrameHeader.Size || (datagram[3] & AuthenticatedFlag) == 0)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[TagBytes];
        HMACSHA256.HashData(_key, datagram[..frameLength], expected);
        return CryptographicOperations.FixedTimeEquals(expected, datagram[frameLength..]);
    }
}
