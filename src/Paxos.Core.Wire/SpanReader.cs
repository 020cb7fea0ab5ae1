using System.Buffers.Binary;

namespace Paxos.Core.Wire;

/// <summary>
/// Reads little-endian fields from untrusted bytes. Every read is a <c>Try…</c> that fails instead of
/// throwing when the input is too short, so a truncated datagram is an ordinary, counted drop.
/// </summary>
public ref struct SpanReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Starts reading at the beginning of <paramref name="buffer"/>.</summary>
    public SpanReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>Reads one byte.</summary>
    public bool TryReadByte(out byte value)
    {
        if (Remaining < 1)
        {
            value = 0;
            return false;
        }

        value = _buffer[_position++];
        return true;
    }

    /// <summary>Reads a 16-bit unsigned number.</summary>
    public bool TryReadUInt16(out ushort value)
    {
        if (Remaining < 2)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt16LittleEndian(_buffer[_position..]);
        _position += 2;
        return true;
    }

    /// <summary>Reads a 32-bit unsigned number.</summary>
    public bool TryReadUInt32(out uint value)
    {
        if (Remaining < 4)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(_buffer[_position..]);
        _position += 4;
        return true;
    }

    /// <summary>Reads a 64-bit unsigned number.</summary>
    public bool TryReadUInt64(out ulong value)
    {
        if (Remaining < 8)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(_buffer[_position..]);
        _position += 8;
        return true;
    }

    /// <summary>Reads a 64-bit number that must be a non-negative instance number.</summary>
    public bool TryReadInstance(out long value)
    {
        if (!TryReadUInt64(out ulong raw) || raw > long.MaxValue)
        {
            value = 0;
            return false;
        }

        value = (long)raw;
        return true;
    }

    /// <summary>Takes the next <paramref name="length"/> bytes without copying.</summary>
    public bool TryReadBytes(int length, out ReadOnlySpan<byte> bytes)
    {
        if (length < 0 || Remaining < length)
        {
            bytes = default;
            return false;
        }

        bytes = _buffer.Slice(_position, length);
        _position += length;
        return true;
    }
}
