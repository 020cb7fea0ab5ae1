using System.Globalization;

namespace Paxos.Cluster.Check;

/// <summary>
/// The scenario's own checks on a finished run folder (prop1 prop2 learn1 learn2, at-kill.txt, learn*.before-cut),
/// beyond the course's three: what run ends with and what <c>paxosctl check</c> re-checks. Pure: files in, reasons out.
/// </summary>
public static class RunFolderVerdict
{
    /// <summary>What the run itself knows beyond the folder's files.</summary>
    /// <param name="CheckAllExitCode">check_all.sh's exit status on the folder.</param>
    /// <param name="AllLearnedInTime">The run saw both learners reach every value before its timeout.</param>
    /// <param name="RequireEveryValue">Also fail when a learner has fewer lines than submissions (<c>paxosctl check</c>: no run to time out).</param>
    public sealed record RunFacts(int CheckAllExitCode, bool AllLearnedInTime, bool RequireEveryValue = false);

    /// <summary>The reasons the folder does not show <paramref name="expectation"/>; none when it does.</summary>
    public static IReadOnlyList<string> Failures(string folder, ScenarioExpectation expectation, RunFacts facts)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentNullException.ThrowIfNull(facts);
        var failures = new List<string>();
        string learn1 = Path.Combine(folder, "learn1");
        string learn2 = Path.Combine(folder, "learn2");
        long total = LineFile.ValueCount(Path.Combine(folder, "prop1")) + LineFile.ValueCount(Path.Combine(folder, "prop2"));
        long c1 = Shared.LineCounter.Count(learn1);
        long c2 = Shared.LineCounter.Count(learn2);
        bool same = File.Exists(learn1) && File.Exists(learn2) && LineFile.SameBytes(learn1, learn2);
        switch (expectation.Expect)
        {
            case Expectation.All:
                if (facts.CheckAllExitCode != 0)
                {
                    failures.Add("check_all.sh failed");
                }

                // Each submission exactly once (check_all.sh works on sets of values): too many is checked below for
                // every scenario, too few here.
                if ((facts.AllLearnedInTime || facts.RequireEveryValue) && (c1 < total || c2 < total))
                {
                    failures.Add($"fewer values than submissions: learn1 {c1}, learn2 {c2} of {total}");
                }

                if (expectation.ExactlyOnce)
                {
                    if (!same)
                    {
                        failures.Add("learn1 and learn2 differ");
                    }

                    if (!SubmissionCheck.EachExactlyOnce(folder, "learn1"))
                    {
                        failures.Add("learn1 is not each submission exactly once (sorted, it differs from prop1 + prop2)");
                    }
                }

                if (expectation.PowerCut)
                {
                    foreach (int i in (int[])[1, 2])
                    {
                        string before = Path.Combine(folder, $"learn{i}.before-cut");
                        // A prefix, byte for byte: nothing learned before the cut was lost or reordered.
                        if (File.Exists(before) && !LineFile.IsPrefix(before, Path.Combine(folder, $"learn{i}")))
                        {
                            failures.Add($"learn{i}.before-cut (output before the cut) is not a prefix of learn{i}");
                        }
                    }
                }

                break;
            case Expectation.Nothing:
                if (c1 != 0 || c2 != 0)
                {
                    failures.Add("values were learned without a majority of acceptors");
                }

                if (!same)
                {
                    failures.Add("learn1 and learn2 differ");
                }

                break;
            case Expectation.Stall:
                if (ReadAtKill(Path.Combine(folder, "at-kill.txt")) is (long k1, long k2) && (c1 != k1 || c2 != k2))
                {
                    failures.Add($"learning went on after the kill: {k1}/{k2} 1 s after it, {c1}/{c2} at the end");
                }

                if (!same)
                {
                    failures.Add("learn1 and learn2 differ (Test 1)");
                }

                break;
        }

        // More lines than submissions is wrong in every scenario: something was printed twice.
        if (c1 > total)
        {
            failures.Add($"learn1 printed {c1} values for {total} submissions");
        }

        if (c2 > total)
        {
            failures.Add($"learn2 printed {c2} values for {total} submissions");
        }

        // Test 2 (nothing unproposed) must hold in every scenario; without "all", check_all.sh's verdict is not used.
        if (expectation.Expect != Expectation.All && !SubmissionCheck.OnlyProposed(folder))
        {
            failures.Add("values were learned that no client proposed (Test 2)");
        }

        return failures;
    }

    /// <summary>The learners' counts saved 1 s after a kill that left no majority ("learn1 N" and "learn2 N" lines), or null.</summary>
    public static (long Learn1, long Learn2)? ReadAtKill(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string line in File.ReadAllLines(path))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long count))
            {
                counts[fields[0]] = count;
            }
        }

        return counts.TryGetValue("learn1", out long one) && counts.TryGetValue("learn2", out long two) ? (one, two) : null;
    }
}
