using System.Text.RegularExpressions;

namespace Paxos.EndToEnd;

/// <summary>Traffic that is not ours, on our groups, during a run.</summary>
public sealed partial class ForeignTrafficTests
{
    [Fact]
    public void Random_datagrams_on_every_group_change_nothing_and_are_counted_by_every_role()
    {
        using var run = new RunFolder("noise");
        NoisyClusterRun.RunAndExpectEverythingLearned(run, "run-with-noise.sh");

        foreach (string role in NoisyClusterRun.OneOfEachRole)
        {
            Assert.True(NoisyClusterRun.Counter(run.Log(role), "dropped.Foreign") > 0, $"{role} reported no dropped foreign datagrams:\n{run.Log(role)}");
        }
    }

    [Fact]
    public void Two_clusters_on_the_same_groups_do_not_mix()
    {
        using var runs = new RunFolder("twoclusters");
        foreach (string cluster in (string[])["a", "b"])
        {
            WriteValues(runs.File($"{cluster}/inputs/prop1"), $"{cluster}1-", 3000);
            WriteValues(runs.File($"{cluster}/inputs/prop2"), $"{cluster}2-", 3000);
        }

        CapturedRun result = Command.Run(
            Repository.PathOf("tests/Paxos.EndToEnd/scenarios/run-two-clusters.sh"),
            [runs.File("a"), runs.File("b")],
            TimeSpan.FromMinutes(4));

        Assert.True(result.ExitCode == 0, result.Transcript);
        foreach (string cluster in (string[])["a", "b"])
        {
            // Each learner printed exactly its own cluster's submissions, nothing of the other's.
            var run = RunFolder.Existing(runs.File($"{cluster}/out"));
            Expect.EverythingLearnedInOneOrder(run);
            Assert.True(OtherClusterDrops().IsMatch(run.Log("acceptor1")), $"acceptor1 of cluster {cluster} dropped no frames of the other cluster");
        }
    }

    private static void WriteValues(string path, string prefix, int count)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, Enumerable.Range(0, count).Select(i => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex("\"dropped\\.OtherCluster\": [1-9]")]
    private static partial Regex OtherClusterDrops();
}
