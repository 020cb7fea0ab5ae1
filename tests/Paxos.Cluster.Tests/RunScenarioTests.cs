using Paxos.Cluster.Check;
using Paxos.Cluster.Run;
using Paxos.Cluster.Run.Scenarios;

namespace Paxos.Cluster.Tests;

/// <summary>Which scenario a run's settings pick (run.sh's order of precedence) and what each expects.</summary>
public sealed class RunScenarioTests
{
    public static TheoryData<RunSettings, Type, Expectation> Cases => new()
    {
        { new RunSettings { ValuesPerClient = 10 }, typeof(EverythingLearnedScenario), Expectation.All },
        { new RunSettings { ValuesPerClient = 10, Settle = 3 }, typeof(SettleScenario), Expectation.All },
        { new RunSettings { ValuesPerClient = 10, Settle = 3, Acceptors = 1 }, typeof(SettleScenario), Expectation.Nothing },
        { new RunSettings { ValuesPerClient = 10, Acceptors = 1 }, typeof(NoMajorityScenario), Expectation.Nothing },
        { new RunSettings { ValuesPerClient = 10, CatchUp = true }, typeof(CatchUpScenario), Expectation.All },
        { new RunSettings { ValuesPerClient = 10, KillAcceptors = 1 }, typeof(KillAcceptorsScenario), Expectation.All },
        { new RunSettings { ValuesPerClient = 10, KillAcceptors = 2 }, typeof(KillAcceptorsScenario), Expectation.Stall },
        { new RunSettings { ValuesPerClient = 10, RestartProposer = true }, typeof(RestartScenario), Expectation.All },
        { new RunSettings { ValuesPerClient = 10, PowerCut = true }, typeof(PowerCutScenario), Expectation.All },
        { new RunSettings { ValuesPerClient = 10, LateLearner = true }, typeof(LateLearnerScenario), Expectation.All },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Settings_pick_the_scenario_and_its_expectation(RunSettings settings, Type scenario, Expectation expectation)
    {
        RunScenario picked = RunScenario.For(settings);

        Assert.IsType(scenario, picked);
        Assert.Equal(expectation, picked.Expectation(settings).Expect);
    }

    [Fact]
    public void Crash_recovery_scenarios_also_require_each_submission_exactly_once()
    {
        Assert.True(new RestartScenario().Expectation(new RunSettings()).ExactlyOnce);
        Assert.True(new PowerCutScenario().Expectation(new RunSettings()).PowerCut);
        Assert.False(new EverythingLearnedScenario().Expectation(new RunSettings()).ExactlyOnce);
    }

    [Fact]
    public void The_outcome_reads_back_as_written()
    {
        using var folder = new TempRunFolder();
        var outcome = new RunOutcome(1, "every value learned", ["timed out"], 20, 19, 18, null, null, 1, ["client1 exit status 0"], ["late learner: ..."], new Dictionary<string, double> { ["learner2"] = 8.5 });

        outcome.WriteTo(folder.Path);
        RunOutcome? read = RunOutcome.TryRead(folder.Path);

        Assert.NotNull(read);
        Assert.Equal((outcome.ExitCode, outcome.Learned2, outcome.PeakRssMb["learner2"]), (read.ExitCode, read.Learned2, read.PeakRssMb["learner2"]));
        Assert.Equal(outcome.Failures, read.Failures);
        Assert.Null(RunOutcome.TryRead(Path.Combine(folder.Path, "nothing-here")));
    }
}
