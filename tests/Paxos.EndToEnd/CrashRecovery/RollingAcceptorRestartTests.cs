using Paxos.Cluster.Run;

namespace Paxos.EndToEnd.CrashRecovery.RollingAcceptorRestarts;

/// <summary>
/// Issue 9, test 1: while 2 x 100,000 values are proposed, each acceptor in turn is SIGKILLed and restarted with
/// its data folder, one at a time (paxosctl run --restart-acceptors): everything is learned, both outputs identical.
/// </summary>
public sealed class RollingAcceptorRestartTests
{
    [Fact]
    public void Each_acceptor_killed_and_restarted_in_turn_loses_nothing()
    {
        using var run = new RunFolder("restart-acceptors");
        RunResult result = ClusterRun.Start(run, new RunSettings { ValuesPerClient = 100_000, RestartAcceptors = true });

        Assert.True(result.ExitCode == 0, result.Transcript);
        foreach (string acceptor in (string[])["acceptor1", "acceptor2", "acceptor3"])
        {
            DurableExpect.WasRestarted(run, acceptor);
        }

        for (int id = 1; id <= 3; id++)
        {
            DurableExpect.CommittedToDisk(run, "acceptor", id);
        }

        DurableExpect.CommittedToDisk(run, "proposer", 1);

        Assert.Equal(200_000, run.Lines("learn1").Count);
        Expect.EverythingLearnedInOneOrder(run);
    }
}
