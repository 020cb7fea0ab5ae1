using System.Text.RegularExpressions;

namespace Paxos.EndToEnd;

/// <summary>Traffic that is not ours, on our groups, during a run.</summary>
public sealed partial class ForeignTrafficTests
{
    [Fact]
    public void Random_datagrams_on_every_group_change_nothing_and_are_counted_by_every_role()
    {
        using var run = new RunFolder("noise");
        CommandResult result = Command.Run(
            Repository.PathOf("tests/Paxos.EndToEnd/scenarios/run-with-noise.sh"),
            // Clients start at once (no wait for the election).
            ["10000", "--out", run.Path, "--client-delay", "0"],
            TimeSpan.FromMinutes(4),
            // Paced, the clients live about a second: long enough to be hit. At full speed a client
            // sends its 10,000 values in one datagram and is gone in ~50 ms, often before any noise.
            environment: new Dictionary<string, string?> { ["PAXOS_CLIENT_RATE"] = "10000" });

        Assert.True(result.ExitCode == 0, result.Transcript);
        Expect.EverythingLearnedInOneOrder(run);
        foreach (string role in (string[])["acceptor1", "proposer1", "learner1", "client1"])
        {
            Match dropped = ForeignDrops().Match(run.Log(role));
            Assert.True(dropped.Success, $"{role} reported no dropped foreign datagrams:\n{run.Log(role)}");
            Assert.True(long.Parse(dropped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
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

        CommandResult result = Command.Run(
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

    [GeneratedRegex("\"dropped\\.Foreign\": (\\d+)")]
    private static partial Regex ForeignDrops();

    [GeneratedRegex("\"dropped\\.OtherCluster\": [1-9]")]
    private static partial Regex OtherClusterDrops();
}
