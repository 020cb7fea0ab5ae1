namespace Paxos.Cluster.Multihost;

/// <summary>Counts the lines (newlines, as <c>wc -l</c>) of a file that grows by appends, reading only what was added since the last look.</summary>
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
        stream.Position = _offset;
        for (int read; (read = stream.Read(_buffer)) > 0;)
        {
            _lines += _buffer.AsSpan(0, read).Count((byte)'\n');
            _offset += read;
        }

        return _lines;
    }
}
