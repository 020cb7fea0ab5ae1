using System.Globalization;
using Paxos.Cluster.Run;

namespace Paxos.EndToEnd.CrashRecovery.LateLearner;

/// <summary>
/// Issue 9, test 4: learner 2 starts only after 2 x 5,000,000 values were learned (paxosctl run --late-learner, in
/// durable mode) and catches up the whole sequence, while the peak resident memory of every process stays under
/// 100 MB (bounded by configuration, not by the history). Slow: a minute or more; still run by CI.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LateLearnerTests
{
    private const double PeakRssLimitMb = 100;

    [Fact]
    public void A_learner_started_after_ten_million_values_catches_up_in_bounded_memory()
    {
        using var run = new RunFolder("late-learner");
        RunResult result = ClusterRun.StartWithin(TimeSpan.FromMinutes(12), run, new RunSettings { ValuesPerClient = 5_000_000, LateLearner = true });

        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.Equal(10_000_000, DurableExpect.LineCount(run, "learn2"));
        DurableExpect.SameFile(run, "learn1", "learn2");

        // peak-rss.txt: "<process> <MB>" per process of the run, from the statistics each wrote when it stopped.
        string[] lines = File.ReadAllLines(run.File("peak-rss.txt"));
        Assert.Equal(9, lines.Length);
        var over = new List<string>();
        foreach (string line in lines)
        {
            string[] fields = line.Split(' ');
            Assert.True(double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double mb), $"no peak RSS for {fields[0]}: {line}");
            if (mb >= PeakRssLimitMb)
            {
                over.Add(line);
            }
        }

        Assert.True(over.Count == 0, $"peak RSS at or above {PeakRssLimitMb} MB: {string.Join(", ", over)}\n{result.StandardOutput}");
    }
}
