using Paxos.Cluster.Run;

namespace Paxos.EndToEnd.CrashRecovery.LeaderRestart;

/// <summary>
/// Issue 9, test 2: while 2 x 100,000 values are proposed, the leading proposer 1 is SIGKILLed and restarted with
/// its data folder (paxosctl run --restart-proposer; a restart, not only a failover): everything learned, outputs identical.
/// </summary>
public sealed class LeaderRestartTests
{
    [Fact]
    public void The_leader_killed_and_restarted_with_its_folder_loses_nothing()
    {
        using var run = new RunFolder("restart-proposer");
        RunResult result = ClusterRun.Start(run, new RunSettings { ValuesPerClient = 100_000, RestartProposer = true });

        Assert.True(result.ExitCode == 0, result.Transcript);
        DurableExpect.WasRestarted(run, "proposer1");
        Assert.Equal(200_000, run.Lines("learn1").Count);
        Expect.EverythingLearnedInOneOrder(run);
    }
}
