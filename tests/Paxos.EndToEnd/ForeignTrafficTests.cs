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
            ["10000", "--out", run.Path],
            TimeSpan.FromMinutes(4));

        Assert.True(result.ExitCode == 0, result.Transcript);
        Expect.EverythingLearnedInOneOrder(run);
        foreach (string role in (string[])["acceptor1", "proposer1", "learner1", "client1"])
        {
            Match dropped = ForeignDrops().Match(run.Log(role));
            Assert.True(dropped.Success, $"{role} reported no dropped foreign datagrams:\n{run.Log(role)}");
            Assert.True(long.Parse(dropped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        }
    }

    [GeneratedRegex("\"dropped\\.Foreign\": (\\d+)")]
    private static partial Regex ForeignDrops();
}
