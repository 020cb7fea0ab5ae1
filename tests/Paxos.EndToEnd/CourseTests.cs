using Paxos.Cluster.Run;

namespace Paxos.EndToEnd;

/// <summary>
/// The course's six test cases, each run with the real executables through paxosctl run (./run.sh) inside an
/// isolated network namespace, and checked here with our own (stricter) assertions as well as the run's verdict.
/// </summary>
public sealed class CourseTests
{
    [Fact]
    public void Course1_three_acceptors_learn_every_value_in_one_order()
    {
        using var run = new RunFolder("course1");
        RunResult result = ClusterRun.Start(run, new RunSettings { ValuesPerClient = 1000 });

        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.Equal(2000, run.Lines("learn1").Count);
        Expect.EverythingLearnedInOneOrder(run);
        Expect.CheckAllPasses(run);
    }

    [Fact]
    public void Course2_two_acceptors_are_a_majority_and_learn_everything()
    {
        using var run = new RunFolder("course2");
        RunResult result = ClusterRun.Start(run, new RunSettings { ValuesPerClient = 1000, Acceptors = 2 });

        Assert.True(result.ExitCode == 0, result.Transcript);
        Expect.EverythingLearnedInOneOrder(run);
    }

    [Fact]
    public void Course3_one_acceptor_learns_nothing()
    {
        using var run = new RunFolder("course3");
        RunResult result = ClusterRun.Start(run, new RunSettings { ValuesPerClient = 1000, Acceptors = 1 });

        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.Empty(run.Lines("learn1"));
        Assert.Empty(run.Lines("learn2"));
    }

    [Fact]
    public void Course4_twenty_percent_loss_still_learns_everything_identically()
    {
        using var run = new RunFolder("course4");
        RunResult result = ClusterRun.Start(run, new RunSettings { ValuesPerClient = 1000, Loss = 0.2 });

        Assert.True(result.ExitCode == 0, result.Transcript);
        Expect.EverythingLearnedInOneOrder(run);
    }

    [Fact]
    public void Course5a_one_acceptor_killed_mid_run_still_learns_everything()
    {
        using var run = new RunFolder("course5a");
        RunResult result = ClusterRun.Start(run, new RunSettings { ValuesPerClient = 1000, KillAcceptors = 1 });

        Assert.True(result.ExitCode == 0, result.Transcript);
        Expect.EverythingLearnedInOneOrder(run);
    }

    [Fact]
    public void Course5b_two_acceptors_killed_stops_progress_and_stays_safe()
    {
        using var run = new RunFolder("course5b");
        RunResult result = ClusterRun.Start(run, new RunSettings { ValuesPerClient = 1000, KillAcceptors = 2 });

        Assert.True(result.ExitCode == 0, result.Transcript);
        Expect.SameSequence(run);
        Expect.OnlyProposedValues(run, "learn1");

        // at-kill.txt holds the learners' line counts 1 s after the kill; nothing may be learned after it.
        string[] atKill = File.ReadAllText(run.File("at-kill.txt")).Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(run.Lines("learn1").Count.ToString(System.Globalization.CultureInfo.InvariantCulture), atKill);
        Assert.True(run.Lines("learn1").Count < 2000, "progress went on without a majority of acceptors");
    }

    [Fact]
    public void Course6_a_late_learner_catches_up_the_whole_sequence()
    {
        using var run = new RunFolder("course6");
        RunResult result = ClusterRun.Start(run, new RunSettings { ValuesPerClient = 100, CatchUp = true });

        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.Equal(200, run.Lines("learn2").Count);
        Expect.SameSequence(run);
        Expect.EverySubmissionExactlyOnce(run, "learn2");
    }
}
