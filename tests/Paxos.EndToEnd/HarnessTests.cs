namespace Paxos.EndToEnd;

/// <summary>
/// Our scripts under the course's own harness (tests/harness/course_run.sh, written from its
/// description): run from a parent folder, fixed sleeps, clients get 5 s, then pkill -f of the config.
/// </summary>
public sealed class HarnessTests
{
    [Fact]
    public void Ten_thousand_values_per_client_are_learned_within_the_course_harness_window()
    {
        using var parent = new RunFolder("harness");
        string project = Path.Combine(parent.Path, "project");
        CopyBuiltProject(project);

        CommandResult result = Command.Run(
            Repository.PathOf("scripts/netns.sh"),
            ["bash", Repository.PathOf("tests/harness/course_run.sh"), project, "10000"],
            TimeSpan.FromMinutes(2),
            workingDirectory: parent.Path);

        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.Equal(20_000, parent.Lines("learn1").Count);
        Expect.EverythingLearnedInOneOrder(parent);
        Expect.CheckAllPasses(parent);
    }

    /// <summary>Copies what the role scripts need, built binaries and build stamp included, so nothing is rebuilt.</summary>
    private static void CopyBuiltProject(string destination)
    {
        Directory.CreateDirectory(destination);
        string[] items = ["acceptor.sh", "proposer.sh", "learner.sh", "client.sh", "paxos.conf", "scripts", "src", ".build",
            "Directory.Build.props", "Directory.Packages.props", "Paxos.sln"];
        CommandResult copy = Command.Run("cp", ["-a", .. items, destination], TimeSpan.FromMinutes(1));
        Assert.True(copy.ExitCode == 0, copy.Transcript);
    }
}
