using System.Text;

namespace Paxos.Cluster.Check;

/// <summary>A file of values, one per line, read as raw bytes (values are byte-exact: any bytes but a newline).</summary>
public static class LineFile
{
    /// <summary>
    /// The lines of <paramref name="path"/> without their newlines, each as a lossless string (Latin-1 maps every
    /// byte to one char); a last line without a newline is still a line; a missing file has none.
    /// </summary>
    public static IEnumerable<string> Lines(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        byte[] content = File.ReadAllBytes(path);
        int start = 0;
        for (int i = 0; i < content.Length; i++)
        {
            if (content[i] == (byte)'\n')
            {
                yield return Encoding.Latin1.GetString(content, start, i - start);
                start = i + 1;
            }
        }

        if (start < content.Length)
        {
            yield return Encoding.Latin1.GetString(content, start, content.Length - start);
        }
    }

    /// <summary>Values per client as the client reads them: newlines, plus a last line without one.</summary>
    public static long ValueCount(string path)
    {
        using FileStream stream = File.OpenRead(path);
        byte[] buffer = new byte[1 << 16];
        long lines = 0;
        int last = '\n';
        for (int read; (read = stream.Read(buffer)) > 0;)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }

        return last == '\n' ? lines : lines + 1;
    }

    /// <summary>True when the files hold the same bytes.</summary>
    public static bool SameBytes(string first, string second) => IsPrefix(first, second, wholeFile: true);

    /// <summary>True when <paramref name="before"/> is a byte prefix of <paramref name="after"/> (with <paramref name="wholeFile"/>: equal).</summary>
    public static bool IsPrefix(string before, string after, bool wholeFile = false)
    {
        if (!File.Exists(before) || !File.Exists(after))
        {
            return File.Exists(before) == File.Exists(after) && !File.Exists(before);
        }

        using FileStream one = File.OpenRead(before);
        using FileStream two = File.OpenRead(after);
        if (one.Length > two.Length || (wholeFile && one.Length != two.Length))
        {
            return false;
        }

        byte[] a = new byte[1 << 16];
        byte[] b = new byte[1 << 16];
        for (long left = one.Length; left > 0;)
        {
            int want = (int)Math.Min(a.Length, left);
            one.ReadExactly(a, 0, want);
            two.ReadExactly(b, 0, want);
            if (!a.AsSpan(0, want).SequenceEqual(b.AsSpan(0, want)))
            {
                return false;
            }

            left -= want;
        }

        return true;
    }
}
