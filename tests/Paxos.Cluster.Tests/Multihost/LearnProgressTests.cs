using Paxos.Cluster.Multihost;

namespace Paxos.Cluster.Tests.Multihost;

/// <summary>The multi-host run's takeover figures (gap-ms.txt, "first decision ... after the kill") from learner counts over time.</summary>
public sealed class LearnProgressTests
{
    [Fact]
    public void Before_the_fault_no_gap_is_measured()
    {
        var progress = new LearnProgress(0);
        progress.Observe(1_000, 10, 10);
        progress.Observe(900_000, 20, 20);

        Assert.False(progress.MeasuresGaps);
        Assert.Equal(0, progress.LongestGapUs);
        Assert.Null(progress.FirstDecisionAfterUs);
        Assert.Equal((20, 20), (progress.Learned1, progress.Learned2));
    }

    [Fact]
    public void The_gap_runs_from_the_last_decision_before_the_kill_and_the_worse_learner_counts()
    {
        var progress = new LearnProgress(0);
        progress.Observe(100_000, 50, 50); // last decisions before the kill, at 0.1 s
        progress.MeasureGapsFrom(200_000); // the kill
        progress.Observe(300_000, 50, 50); // nothing new yet
        progress.Observe(600_000, 60, 50); // learner 1 hears of a decision 0.5 s after its last one
        progress.Observe(800_000, 70, 60); // learner 2 after 0.7 s

        Assert.Equal(700_000, progress.LongestGapUs);
        Assert.Equal(400_000, progress.FirstDecisionAfterUs);
    }
}
