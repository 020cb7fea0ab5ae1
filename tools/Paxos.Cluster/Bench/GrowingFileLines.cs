namespace Paxos.Cluster.Bench;

/// <summary>
/// Counts the lines (newlines, as <c>wc -l</c>) of a file that grows by appends, reading only what was added since the
/// last look: a learner's output polled several times a second stays cheap at millions of lines.
/// </summary>
internal sealed class GrowingFileLines(string path)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private long _offset;
    private long _lines;

    /// <summary>The line count now.</summary>
    public long Count()
    {
        if (!File.Exists(path))
        {
            return _lines;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < _offset)
        {
            // Replaced by a shorter file: count it from the start.
            _offset = 0;
            _lines = 0;
        }

        stream.Position = _offset;
        for (int read; (read = stream.Read(_buffer)) > 0;)
        {
            _lines += _buffer.AsSpan(0, read).Count((byte)'\n');
            _offset += read;
        }

        return _lines;
    }
}
