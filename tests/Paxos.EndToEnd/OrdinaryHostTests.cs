namespace Paxos.EndToEnd;

/// <summary>
/// The course's own scripts (our replica, one mode per script) on an ordinary machine, as a grader runs
/// them: a default route on eth0, no multicast route, no environment variable of ours. Each run must give
/// the course's expected outcome and send not one packet on eth0.
/// </summary>
public sealed partial class OrdinaryHostTests(OrdinaryHostRuns runs) : IClassFixture<OrdinaryHostRuns>
{
    [Fact]
    public void Course_run_learns_every_value_in_one_order_and_sends_nothing_on_eth0() =>
        AssertEverythingLearned(runs.Of("run"), processes: 9);

    [Fact]
    public void Course_run_2acceptor_learns_every_value_in_one_order_and_sends_nothing_on_eth0() =>
        AssertEverythingLearned(runs.Of("2acceptor"), processes: 8);

    [Fact]
    public void Course_run_loss_learns_every_value_in_one_order_and_sends_nothing_on_eth0()
    {
        CourseHarnessRun run = runs.Of("loss");
        AssertEverythingLearned(run, processes: 9);

        // The loss was real: with 10% of incoming datagrams dropped, some role had to retransmit.
        long retransmissions = Retransmissions().Matches(run.Result.StandardError)
            .Sum(match => long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(retransmissions > 0, $"no role retransmitted anything under 10% loss\n{run.Result.Transcript}");
    }

    [Fact]
    public void Course_run_catch_up_late_learner_prints_the_whole_sequence_and_sends_nothing_on_eth0() =>
        AssertEverythingLearned(runs.Of("catch_up"), processes: 9);

    [Fact]
    public void Course_run_1acceptor_learns_nothing_and_sends_nothing_on_eth0()
    {
        CourseHarnessRun run = runs.Of("1acceptor");

        // Nothing learned proves something only if the roles ran: 1 acceptor, 2 learners, 2 proposers, 2 clients.
        AssertRanWithoutSendingOnEth0(run, processes: 7);
        Assert.Equal(OrdinaryHostRuns.ValuesPerClient, run.Folder.Lines("prop1").Count);
        Assert.Empty(run.Folder.Lines("learn1"));
        Assert.Empty(run.Folder.Lines("learn2"));
    }

    private static void AssertEverythingLearned(CourseHarnessRun run, int processes)
    {
        AssertRanWithoutSendingOnEth0(run, processes);
        Assert.Equal(2 * OrdinaryHostRuns.ValuesPerClient, run.Folder.Lines("learn1").Count);
        Expect.EverythingLearnedInOneOrder(run.Folder);
        Expect.CheckAllPasses(run.Folder);
    }

    /// <summary>
    /// The harness ended well, each of its <paramref name="processes"/> role processes ran until it stopped
    /// (its statistics event at stop is on the harness's stderr), and eth0 sent nothing.
    /// </summary>
    private static void AssertRanWithoutSendingOnEth0(CourseHarnessRun run, int processes)
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.Transcript);
        Assert.True(run.StoppedProcesses == processes, $"{run.StoppedProcesses} role processes logged their stop, not {processes}\n{run.Result.Transcript}");
        Assert.True(run.PacketsSentOnEth0 == 0, $"eth0 sent {run.PacketsSentOnEth0?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown number of"} packets\n{run.Result.Transcript}");
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"retransmissions\": (\\d+)")]
    private static partial System.Text.RegularExpressions.Regex Retransmissions();
}
