namespace Paxos.EndToEnd;

/// <summary>What a learner does when its standard output goes away.</summary>
public sealed class OutputTests
{
    [Fact]
    public void Learner_whose_stdout_is_a_closed_pipe_exits_with_a_clear_message()
    {
        using var run = new RunFolder("closedpipe");

        CapturedRun result = Command.Run(
            Repository.PathOf("tests/Paxos.EndToEnd/scenarios/learner-closed-stdout.sh"), [run.Path], TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 0, result.Transcript + "\n--- learner.log\n" + File.ReadAllText(run.File("learner.log")));
        Assert.Equal("1", File.ReadAllText(run.File("learner.status")).Trim());
        Assert.Contains("standard output failed", File.ReadAllText(run.File("learner.log")), StringComparison.Ordinal);
    }
}
