using Paxos.Cluster.Check;

namespace Paxos.Cluster.Tests;

/// <summary>The scenario checks on crafted run folders: each passes a good folder and complains about a broken one.</summary>
public sealed class RunFolderVerdictTests
{
    private static readonly RunFolderVerdict.RunFacts Passed = new(CheckAllExitCode: 0, AllLearnedInTime: true);

    private static IReadOnlyList<string> Failures(TempRunFolder folder, ScenarioExpectation expectation, RunFolderVerdict.RunFacts? facts = null) =>
        RunFolderVerdict.Failures(folder.Path, expectation, facts ?? Passed);

    [Fact]
    public void Every_value_once_in_one_order_passes()
    {
        using TempRunFolder run = new TempRunFolder().With("prop1", "7", "7").With("prop2", "9").With("learn1", "7", "9", "7").With("learn2", "7", "9", "7");

        Assert.Empty(Failures(run, new ScenarioExpectation(Expectation.All, ExactlyOnce: true)));
    }

    [Fact]
    public void A_duplicate_submission_printed_once_is_not_exactly_once()
    {
        // check_all.sh works on sets: it cannot see that one of the two submissions of 7 is missing.
        using TempRunFolder run = new TempRunFolder().With("prop1", "7", "7").With("prop2", "9").With("learn1", "7", "9", "9").With("learn2", "7", "9", "9");

        Assert.Contains("learn1 is not each submission exactly once (sorted, it differs from prop1 + prop2)", Failures(run, new ScenarioExpectation(Expectation.All, ExactlyOnce: true)));
    }

    [Fact]
    public void Learners_that_differ_fail_the_crash_recovery_check()
    {
        using TempRunFolder run = new TempRunFolder().With("prop1", "1").With("prop2", "2").With("learn1", "1", "2").With("learn2", "2", "1");

        Assert.Contains("learn1 and learn2 differ", Failures(run, new ScenarioExpectation(Expectation.All, ExactlyOnce: true)));
    }

    [Fact]
    public void An_output_before_the_cut_that_is_not_a_prefix_fails()
    {
        using TempRunFolder run = new TempRunFolder().With("prop1", "1", "3").With("prop2", "2").With("learn1", "1", "2", "3").With("learn2", "1", "2", "3")
            .With("learn1.before-cut", "1", "2").With("learn2.before-cut", "2");
        var powerCut = new ScenarioExpectation(Expectation.All, ExactlyOnce: true, PowerCut: true);

        IReadOnlyList<string> failures = Failures(run, powerCut);

        Assert.Equal(["learn2.before-cut (output before the cut) is not a prefix of learn2"], failures);
    }

    [Fact]
    public void A_value_printed_twice_is_more_lines_than_submissions()
    {
        using TempRunFolder run = new TempRunFolder().With("prop1", "1").With("prop2", "2").With("learn1", "1", "2", "2").With("learn2", "1", "2");

        Assert.Contains("learn1 printed 3 values for 2 submissions", Failures(run, new ScenarioExpectation(Expectation.All)));
    }

    [Fact]
    public void A_failed_course_check_fails_the_run()
    {
        using TempRunFolder run = new TempRunFolder().With("prop1", "1").With("prop2", "2").With("learn1", "1").With("learn2", "1");

        Assert.Contains("check_all.sh failed", Failures(run, new ScenarioExpectation(Expectation.All), new RunFolderVerdict.RunFacts(1, AllLearnedInTime: false)));
    }

    [Fact]
    public void A_recheck_requires_every_value_even_when_the_sets_match()
    {
        // Two submissions of 5, one printed: the sets match (check_all.sh passes), the count does not.
        using TempRunFolder run = new TempRunFolder().With("prop1", "5", "5").With("prop2").With("learn1", "5").With("learn2", "5");

        Assert.Contains("fewer values than submissions: learn1 1, learn2 1 of 2", Failures(run, new ScenarioExpectation(Expectation.All), new RunFolderVerdict.RunFacts(0, AllLearnedInTime: false, RequireEveryValue: true)));
    }

    [Fact]
    public void Without_a_majority_anything_learned_fails_and_nothing_learned_passes()
    {
        using TempRunFolder empty = new TempRunFolder().With("prop1", "1").With("prop2", "2").With("learn1").With("learn2");
        using TempRunFolder learned = new TempRunFolder().With("prop1", "1").With("prop2", "2").With("learn1", "1").With("learn2", "1");
        var nothing = new ScenarioExpectation(Expectation.Nothing);

        Assert.Empty(Failures(empty, nothing, new RunFolderVerdict.RunFacts(1, false)));
        Assert.Equal(["values were learned without a majority of acceptors"], Failures(learned, nothing, new RunFolderVerdict.RunFacts(1, false)));
    }

    [Fact]
    public void A_stall_that_went_on_learning_after_the_kill_fails()
    {
        using TempRunFolder stopped = new TempRunFolder().With("prop1", "1", "3").With("prop2", "2").With("learn1", "1").With("learn2", "1").With("at-kill.txt", "learn1 1", "learn2 1");
        using TempRunFolder wentOn = new TempRunFolder().With("prop1", "1", "3").With("prop2", "2").With("learn1", "1", "2").With("learn2", "1", "2").With("at-kill.txt", "learn1 1", "learn2 1");
        var stall = new ScenarioExpectation(Expectation.Stall);

        Assert.Empty(Failures(stopped, stall, new RunFolderVerdict.RunFacts(1, false)));
        Assert.Equal(["learning went on after the kill: 1/1 1 s after it, 2/2 at the end"], Failures(wentOn, stall, new RunFolderVerdict.RunFacts(1, false)));
    }

    [Fact]
    public void Without_all_expected_an_unproposed_value_still_fails()
    {
        using TempRunFolder run = new TempRunFolder().With("prop1", "1").With("prop2", "2").With("learn1", "forged").With("learn2", "forged").With("at-kill.txt", "learn1 1", "learn2 1");

        Assert.Contains("values were learned that no client proposed (Test 2)", Failures(run, new ScenarioExpectation(Expectation.Stall), new RunFolderVerdict.RunFacts(1, false)));
    }

    [Theory]
    [InlineData(3, 0, Expectation.All)]
    [InlineData(2, 0, Expectation.All)]
    [InlineData(1, 0, Expectation.Nothing)]
    [InlineData(3, 1, Expectation.All)]
    [InlineData(3, 2, Expectation.Stall)]
    [InlineData(2, 1, Expectation.Stall)]
    public void The_expectation_follows_the_majority_of_three(int acceptors, int killed, Expectation expected) =>
        Assert.Equal(expected, ScenarioExpectation.For(acceptors, killed));
}
