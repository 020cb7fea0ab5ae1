namespace Paxos.Core.Protocol;

/// <summary>LEB128 encoding of value lengths: one byte for values under 128 bytes, three for the largest.</summary>
internal static class VarInt
{
    public static int SizeOf(uint value)
    {
        int size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    public static int Write(Span<byte> destination, uint value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>
    /// Reads at most 5 bytes; fails on truncation, on more than 32 bits, and on a padded (non-minimal)
    /// encoding, so every accepted frame has exactly one byte representation.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out uint value, out int bytesRead)
    {
        value = 0;
        for (int i = 0; i < 5 && i < source.Length; i++)
        {
            byte b = source[i];
            if (i == 4 && b > 0x0F)
            {
                break;
            }

            value |= (uint)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                if (b == 0 && i > 0)
                {
                    break;
                }

                bytesRead = i + 1;
                return true;
            }
        }

        value = 0;
        bytesRead = 0;
        return false;
    }
}
