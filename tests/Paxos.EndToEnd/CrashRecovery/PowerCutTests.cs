using Paxos.Cluster.Run;

namespace Paxos.EndToEnd.CrashRecovery.PowerCut;

/// <summary>
/// Issue 9, test 3: every process SIGKILLed mid-run, all restarted with their folders, the clients re-run on their
/// inputs (paxosctl run --power-cut): the outputs before the cut are prefixes of the new ones, nothing lost or
/// reordered, each submission printed exactly once (the clients resumed their sessions, so nothing twice).
/// </summary>
public sealed class PowerCutTests
{
    [Fact]
    public void After_a_power_cut_the_cluster_resumes_and_each_submission_is_learned_exactly_once()
    {
        using var run = new RunFolder("power-cut");
        RunResult result = ClusterRun.Start(run, new RunSettings { ValuesPerClient = 100_000, PowerCut = true });

        Assert.True(result.ExitCode == 0, result.Transcript);
        foreach (string learner in (string[])["learn1", "learn2"])
        {
            int before = run.Lines($"{learner}.before-cut").Count;
            // The cut came mid-run: the third part of each input was never sent before it.
            Assert.True(before < 200_000, $"{learner} had all {before} values before the cut: nothing was left to recover");
            DurableExpect.IsPrefix(run, $"{learner}.before-cut", learner);
        }

        Assert.Equal(200_000, run.Lines("learn1").Count);
        Expect.EverythingLearnedInOneOrder(run);
        foreach (string client in (string[])["client1", "client2"])
        {
            DurableExpect.WasRestarted(run, client);
            Assert.Contains("Resuming session", File.ReadAllText(run.File($"logs/{client}.log")), StringComparison.Ordinal);
        }
    }
}
