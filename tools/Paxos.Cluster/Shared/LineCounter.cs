namespace Paxos.Cluster.Shared;

/// <summary>
/// Counts the lines (newlines, as <c>wc -l</c>) of a file that grows by appends, reading only what was added
/// since the last look: a learner's output polled ten times a second stays cheap at millions of lines.
/// </summary>
public sealed class LineCounter(string path)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private long _offset;

    /// <summary>The file counted.</summary>
    public string Path { get; } = path;

    /// <summary>Lines counted so far.</summary>
    public long Lines { get; private set; }

    /// <summary>True once the file was seen.</summary>
    public bool Exists { get; private set; }

    /// <summary>Reads what was appended since the last call; starts over when the file got shorter (replaced).</summary>
    public long Refresh()
    {
        try
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Exists = true;
            if (stream.Length < _offset)
            {
                _offset = 0;
                Lines = 0;
            }

            stream.Position = _offset;
            for (int read; (read = stream.Read(_buffer)) > 0;)
            {
                Lines += _buffer.AsSpan(0, read).Count((byte)'\n');
                _offset += read;
            }
        }
        catch (FileNotFoundException)
        {
            Exists = false;
            _offset = 0;
            Lines = 0;
        }

        return Lines;
    }

    /// <summary>Starts over from the beginning of the file at the next <see cref="Refresh"/>.</summary>
    public void Reset()
    {
        _offset = 0;
        Lines = 0;
        Exists = false;
    }

    /// <summary>The newline count of a whole file (0 when absent).</summary>
    public static long Count(string path) => new LineCounter(path).Refresh();
}
