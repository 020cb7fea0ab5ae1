using System.Buffers.Binary;

namespace Paxos.Core.Wire;

/// <summary>Writes little-endian fields into a span. The caller sizes the span; overruns throw (a bug, not input).</summary>
public ref struct SpanWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    /// <summary>Starts writing at the beginning of <paramref name="buffer"/>.</summary>
    public SpanWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value) => _buffer[_position++] = value;

    /// <summary>Writes a 16-bit unsigned number.</summary>
    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer[_position..], value);
        _position += 2;
    }

    /// <summary>Writes a 32-bit unsigned number.</summary>
    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer[_position..], value);
        _position += 4;
    }

    /// <summary>Writes a 64-bit unsigned number.</summary>
    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer[_position..], value);
        _position += 8;
    }

    /// <summary>Writes a 64-bit signed number.</summary>
    public void WriteInt64(long value) => WriteUInt64((ulong)value);

    /// <summary>Copies raw bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }
}
