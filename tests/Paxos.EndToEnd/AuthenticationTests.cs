using System.Text.RegularExpressions;

namespace Paxos.EndToEnd;

/// <summary>
/// An attacker on the cluster's groups that knows its configuration but not its key: with a key file
/// configured, its forged Accepts, votes, decisions and client frames change nothing.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // The key file's mode matters.
public sealed partial class AuthenticationTests
{
    [Theory]
    [InlineData("")]
    [InlineData("--wrong-key")]
    public void Forged_frames_without_the_key_change_nothing_in_an_authenticated_cluster(string attackerArgs)
    {
        using var run = new RunFolder("auth");
        string key = WriteKey(run);

        // Clients start at once (no wait for the election), so they too live long enough to be attacked.
        CapturedRun result = RunUnderAttack(run, key, attackerArgs, "--timeout", "20", "--client-delay", "0");

        Assert.True(result.ExitCode == 0, result.Transcript);
        Expect.EverythingLearnedInOneOrder(run);
        foreach (string role in (string[])["acceptor1", "proposer1", "proposer2", "learner1", "client1"])
        {
            Match dropped = UnauthenticatedDrops().Match(run.Log(role));
            Assert.True(dropped.Success && long.Parse(dropped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0,
                $"{role} reported no unauthenticated drops:\n{run.Log(role)}");
        }
    }

    [Fact]
    public void Without_a_key_the_same_attacker_does_corrupt_the_output()
    {
        // The control case: it shows the attacker's frames are effective, so the test above can fail.
        using var run = new RunFolder("noauth");

        // Forged heartbeats and Nacks also stop all progress, so wait a fixed time instead of for completion.
        RunUnderAttack(run, key: null, attackerArgs: "", "--settle", "3");

        Assert.Contains(run.TextLines("learn1"), line => line.StartsWith("FORGED-", StringComparison.Ordinal));
    }

    private static CapturedRun RunUnderAttack(RunFolder run, string? key, string attackerArgs, params string[] runOptions)
    {
        var environment = new Dictionary<string, string?> { ["PAXOS_KEY_FILE"] = key, ["ATTACKER_ARGS"] = attackerArgs };
        return Command.Run(
            Repository.PathOf("tests/Paxos.EndToEnd/scenarios/run-with-attacker.sh"),
            ["2000", "--out", run.Path, .. runOptions],
            TimeSpan.FromMinutes(4),
            environment: environment);
    }

    private static string WriteKey(RunFolder run)
    {
        string path = run.File("paxos.key");
        File.WriteAllBytes(path, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    [GeneratedRegex("\"dropped\\.Unauthenticated\": (\\d+)")]
    private static partial Regex UnauthenticatedDrops();
}
