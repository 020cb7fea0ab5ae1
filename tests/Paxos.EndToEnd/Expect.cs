using System.Text;

namespace Paxos.EndToEnd;

/// <summary>Assertions on a finished run's files, stronger than the course's three checks where we promise more.</summary>
internal static class Expect
{
    /// <summary>Course test 1, exactly: both learners printed the same lines in the same order.</summary>
    public static void SameSequence(RunFolder run)
    {
        IReadOnlyList<byte[]> learn1 = run.Lines("learn1");
        IReadOnlyList<byte[]> learn2 = run.Lines("learn2");
        Assert.True(learn1.Count == learn2.Count, $"learn1 has {learn1.Count} lines, learn2 {learn2.Count}");
        for (int i = 0; i < learn1.Count; i++)
        {
            Assert.True(learn1[i].AsSpan().SequenceEqual(learn2[i]), $"learn1 and learn2 differ at line {i + 1}");
        }
    }

    /// <summary>Both learners printed every submission exactly once, in the same order.</summary>
    public static void EverythingLearnedInOneOrder(RunFolder run)
    {
        SameSequence(run);
        EverySubmissionExactlyOnce(run, "learn1");
        EverySubmissionExactlyOnce(run, "learn2");
    }

    /// <summary>
    /// Every submission printed exactly once by <paramref name="learner"/>: its lines, as a multiset,
    /// equal the proposed lines (duplicate values are separate submissions, so they appear as often as proposed).
    /// </summary>
    public static void EverySubmissionExactlyOnce(RunFolder run, string learner)
    {
        Dictionary<string, int> proposed = Count(run.Lines("prop1").Concat(run.Lines("prop2")));
        Dictionary<string, int> learned = Count(run.Lines(learner));
        foreach ((string value, int times) in proposed)
        {
            learned.TryGetValue(value, out int printed);
            Assert.True(printed == times, $"{learner} printed {Show(value)} {printed} times; it was proposed {times} times");
        }

        foreach ((string value, int times) in learned)
        {
            Assert.True(proposed.ContainsKey(value), $"{learner} printed {Show(value)} ({times} times), which nobody proposed");
        }
    }

    /// <summary>Course test 2: nothing printed that was not proposed.</summary>
    public static void OnlyProposedValues(RunFolder run, string learner)
    {
        HashSet<string> proposed = [.. run.Lines("prop1").Concat(run.Lines("prop2")).Select(Key)];
        foreach (byte[] line in run.Lines(learner))
        {
            Assert.True(proposed.Contains(Key(line)), $"{learner} printed {Show(Key(line))}, which nobody proposed");
        }
    }

    /// <summary>No line printed twice (for inputs whose values are all distinct).</summary>
    public static void NoLinePrintedTwice(RunFolder run, string learner)
    {
        var seen = new HashSet<string>();
        foreach (byte[] line in run.Lines(learner))
        {
            Assert.True(seen.Add(Key(line)), $"{learner} printed {Show(Key(line))} twice");
        }
    }

    /// <summary>The check_all.sh output of a run has three OK lines and no failure.</summary>
    public static void CheckAllPasses(RunFolder run)
    {
        CapturedRun check = Command.Run(Repository.PathOf("check_all.sh"), [run.Path], TimeSpan.FromMinutes(2));
        Assert.True(check.ExitCode == 0, check.Transcript);
        Assert.Equal(3, check.StandardOutput.Split('\n').Count(line => line == "  > OK"));
    }

    private static Dictionary<string, int> Count(IEnumerable<byte[]> lines)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (byte[] line in lines)
        {
            string key = Key(line);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    /// <summary>A lossless string key for a byte line (Latin-1 maps every byte to one char).</summary>
    private static string Key(byte[] line) => Encoding.Latin1.GetString(line);

    private static string Show(string key) => key.Length > 60 ? $"'{key[..60]}…' ({key.Length} bytes)" : $"'{key}'";
}
