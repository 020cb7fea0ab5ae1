namespace Paxos.EndToEnd;

/// <summary>
/// What a grader does first: unpack the project under the course's folder and run the course's harness
/// before anything else, so the role scripts build inside its 17-second window (acceptors at 0 s,
/// clients at 12 s, pkill at 17 s). The warm NuGet cache of the machine is allowed; build output is not.
/// </summary>
public sealed class FirstRunTests
{
    [Fact]
    public void Course_harness_run_first_on_a_fresh_copy_learns_every_value()
    {
        using var parent = new RunFolder("firstrun");
        string project = Path.Combine(parent.Path, "paxos");
        CopyTrackedFiles(project);
        Assert.False(Directory.Exists(Path.Combine(project, ".build")), "the copy must start with no build output");

        try
        {
            CapturedRun result = Command.Run(
                Repository.PathOf("scripts/netns.sh"),
                ["bash", Repository.PathOf("tests/harness/course_run.sh"), project, "1000"],
                TimeSpan.FromMinutes(3),
                workingDirectory: parent.Path);

            Assert.True(result.ExitCode == 0, result.Transcript);
            Assert.True(parent.Lines("learn1").Count == 2000, $"learn1 has {parent.Lines("learn1").Count} lines\n{result.Transcript}");
            Expect.EverythingLearnedInOneOrder(parent);
            Expect.CheckAllPasses(parent);
            AssertNativePublishOutlivedTheHarness(project);
        }
        finally
        {
            StopNativePublish(project);
        }
    }

    /// <summary>
    /// The roles ran the quick JIT build; the Native AOT publish they started must be detached: the
    /// harness's `pkill -f config` did not stop it. Its .build/native.pid names its process group
    /// while it runs and goes when it ends on its own; a killed publish leaves it behind.
    /// </summary>
    private static void AssertNativePublishOutlivedTheHarness(string project)
    {
        string log = Path.Combine(project, ".build/native.log");
        if (!File.Exists(log))
        {
            // No C toolchain on this machine: there is no native publish to start.
            Assert.False(HasCToolchain(), "gcc or clang is present, yet no native publish was started");
            return;
        }

        string pidFile = Path.Combine(project, ".build/native.pid");
        if (!File.Exists(pidFile))
        {
            return; // It ended on its own.
        }

        string group = File.ReadAllText(pidFile).Trim();
        // It may end on its own between the two looks, removing the file.
        Assert.True(ProcessGroupAlive(group) || !File.Exists(pidFile),
            "the background publish was stopped with the harness:\n" + File.ReadAllText(log));
    }

    /// <summary>Stops the background publish (its whole process group) and waits for it, so it takes no CPU from later tests.</summary>
    private static void StopNativePublish(string project)
    {
        string pidFile = Path.Combine(project, ".build/native.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        string group = File.ReadAllText(pidFile).Trim();
        if (!int.TryParse(group, out int pgid) || pgid <= 1)
        {
            return;
        }

        Signal("TERM", pgid);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (ProcessGroupAlive(group) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
        }

        if (ProcessGroupAlive(group))
        {
            Signal("KILL", pgid);
        }
    }

    private static bool ProcessGroupAlive(string pgid) => int.TryParse(pgid, out int group) && group > 1 && Signal("0", group);

    /// <summary>Sends a signal to a whole process group (bash's kill: a negative id names the group); true when some process got it.</summary>
    private static bool Signal(string signal, int processGroup) =>
        Command.Run("bash", ["-c", $"kill -{signal} -- -{processGroup} 2>/dev/null"], TimeSpan.FromSeconds(10)).ExitCode == 0;

    private static bool HasCToolchain() =>
        Command.Run("bash", ["-c", "command -v gcc || command -v clang"], TimeSpan.FromSeconds(10)).ExitCode == 0;

    /// <summary>The repository's tracked files as they are in the work tree (uncommitted edits included), nothing built.</summary>
    private static void CopyTrackedFiles(string destination)
    {
        Directory.CreateDirectory(destination);
        CapturedRun copy = Command.Run(
            "bash",
            ["-c", "git ls-files -z | xargs -0 cp --parents -t \"$0\"", destination],
            TimeSpan.FromMinutes(1));
        Assert.True(copy.ExitCode == 0, copy.Transcript);
    }
}
