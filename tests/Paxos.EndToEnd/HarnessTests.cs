namespace Paxos.EndToEnd;

/// <summary>
/// Our scripts under our replica of the course's own run.sh (tests/harness/course_run.sh): run from a
/// parent folder, fixed sleeps, clients get 5 s, then pkill -f of the config. The course's largest case
/// here, in the loopback-only namespace; every mode on an ordinary host is in <see cref="OrdinaryHostTests"/>.
/// </summary>
public sealed class HarnessTests
{
    [Fact]
    public void Ten_thousand_values_per_client_are_learned_within_the_course_harness_window()
    {
        CourseHarnessRun.EnsureBuilt();
        using CourseHarnessRun run = CourseHarnessRun.Start("scripts/netns.sh", "run", 10_000);

        Assert.True(run.Result.ExitCode == 0, run.Result.Transcript);
        Assert.Equal(20_000, run.Folder.Lines("learn1").Count);
        Expect.EverythingLearnedInOneOrder(run.Folder);
        Expect.CheckAllPasses(run.Folder);
    }
}
