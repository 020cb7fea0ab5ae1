namespace Paxos.Cluster.Multihost;

/// <summary>The run's verdict on the outputs: both learners printed the same lines in the same order, and every value exactly once.</summary>
internal static class OutputCheck
{
    /// <summary>What is wrong with the learners' outputs in <paramref name="folder"/>; empty when nothing.</summary>
    public static IReadOnlyList<string> Problems(string folder)
    {
        var problems = new List<string>();
        byte[] learn1 = ReadOrEmpty(Path.Combine(folder, "learn1"));
        byte[] learn2 = ReadOrEmpty(Path.Combine(folder, "learn2"));
        if (!learn1.AsSpan().SequenceEqual(learn2))
        {
            problems.Add("learn1 and learn2 differ");
        }

        // Sorted byte-wise (as LC_ALL=C sort): the same multiset of lines as both inputs together.
        string[] proposed = Sorted(Lines(ReadOrEmpty(Path.Combine(folder, "prop1"))).Concat(Lines(ReadOrEmpty(Path.Combine(folder, "prop2")))));
        foreach ((string name, byte[] content) in (ReadOnlySpan<(string, byte[])>)[("learn1", learn1), ("learn2", learn2)])
        {
            if (!Sorted(Lines(content)).SequenceEqual(proposed, StringComparer.Ordinal))
            {
                problems.Add($"{name} is not every value exactly once");
            }
        }

        return problems;
    }

    private static byte[] ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllBytes(path) : [];

    private static string[] Lines(byte[] content)
    {
        // Latin-1 maps each byte to one char: ordinal order is byte order, and nothing is lost or merged.
        string text = System.Text.Encoding.Latin1.GetString(content);
        string[] lines = text.Split('\n');
        // A final newline ends the last line; it does not start another.
        return text.EndsWith('\n') ? lines[..^1] : text.Length == 0 ? [] : lines;
    }

    private static string[] Sorted(IEnumerable<string> lines)
    {
        string[] sorted = [.. lines];
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }
}
