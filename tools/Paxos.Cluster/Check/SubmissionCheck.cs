namespace Paxos.Cluster.Check;

/// <summary>Learned lines against proposed ones, as multisets (each submission exactly once) or sets (nothing unproposed).</summary>
public static class SubmissionCheck
{
    /// <summary>
    /// The learner's lines, as a multiset, equal prop1 + prop2: inputs may repeat a value, and each copy is a
    /// submission of its own that must be printed once.
    /// </summary>
    public static bool EachExactlyOnce(string folder, string learner)
    {
        Dictionary<string, long> counts = new(StringComparer.Ordinal);
        foreach (string value in Proposed(folder))
        {
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        foreach (string value in LineFile.Lines(Path.Combine(folder, learner)))
        {
            long left = counts.GetValueOrDefault(value) - 1;
            if (left < 0)
            {
                return false;
            }

            counts[value] = left;
        }

        return counts.Values.All(left => left == 0);
    }

    /// <summary>Every line of learn1 and learn2 is some client's proposed value (the course's Test 2).</summary>
    public static bool OnlyProposed(string folder)
    {
        HashSet<string> proposed = new(Proposed(folder), StringComparer.Ordinal);
        return LineFile.Lines(Path.Combine(folder, "learn1")).Concat(LineFile.Lines(Path.Combine(folder, "learn2"))).All(proposed.Contains);
    }

    private static IEnumerable<string> Proposed(string folder) =>
        LineFile.Lines(Path.Combine(folder, "prop1")).Concat(LineFile.Lines(Path.Combine(folder, "prop2")));
}
