using System.Buffers;

namespace Paxos.Core.Hosting;

/// <summary>
/// Buffers output lines and writes only whole ones: every write to the underlying stream ends with a
/// newline. A general-purpose buffer writes out whenever it is full, often in the middle of a value, and
/// a learner killed with SIGKILL right after would leave a truncated last line that a reader takes for
/// a decided value. (A kill that lands inside one write can still stop it part-way: the kernel may
/// end a large write early for a fatal signal. Whole-line writes make that window one system call wide.)
/// </summary>
public sealed class WholeLineWriter : IDisposable
{
    private readonly Stream _output;
    private readonly byte[] _buffer;
    private int _used;

    /// <summary>Creates the writer over <paramref name="output"/> with a buffer of <paramref name="capacity"/> bytes.</summary>
    public WholeLineWriter(Stream output, int capacity)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _output = output;
        _buffer = new byte[capacity];
    }

    /// <summary>Bytes buffered and not yet written.</summary>
    public int Buffered => _used;

    /// <summary>Adds <paramref name="value"/> and a newline; writes out the buffered whole lines first when they would not fit.</summary>
    public void WriteLine(ReadOnlySpan<byte> value)
    {
        int needed = value.Length + 1;
        if (_used + needed > _buffer.Length)
        {
            Flush();
        }

        if (needed > _buffer.Length)
        {
            // Longer than the whole buffer: one write of the line and its newline together.
            byte[] line = ArrayPool<byte>.Shared.Rent(needed);
            try
            {
                value.CopyTo(line);
                line[value.Length] = (byte)'\n';
                _output.Write(line, 0, needed);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(line);
            }

            return;
        }

        value.CopyTo(_buffer.AsSpan(_used));
        _used += value.Length;
        _buffer[_used++] = (byte)'\n';
    }

    /// <summary>Writes out every buffered line in one write and flushes the stream.</summary>
    public void Flush()
    {
        if (_used > 0)
        {
            int length = _used;
            _used = 0;
            _output.Write(_buffer, 0, length);
        }

        _output.Flush();
    }

    /// <summary>Writes out what is buffered; the underlying stream stays open (it belongs to the caller).</summary>
    public void Dispose() => Flush();
}
