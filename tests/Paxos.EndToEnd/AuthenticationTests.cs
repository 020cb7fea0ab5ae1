using System.Text.RegularExpressions;
using Paxos.Cluster.Run;

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
        CapturedRun result = RunUnderAttack(run, key, attackerArgs, new RunSettings { Timeout = 20, ClientDelay = 0 });

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
        RunUnderAttack(run, key: null, attackerArgs: "", new RunSettings { Settle = 3 });

        Assert.Contains(run.TextLines("learn1"), line => line.StartsWith("FORGED-", StringComparison.Ordinal));
    }

    /// <summary>
    /// Runs 2 x 2,000 values with <paramref name="settings"/> while the attacker forges frames of the same cluster (same
    /// groups, same cluster id) without its key. <paramref name="key"/>: the cluster authenticates its frames with this key
    /// file (the attacker does not get it); null: the cluster runs without authentication (the control case).
    /// <paramref name="attackerArgs"/> "--wrong-key": the attacker tags its frames with a random key instead of none.
    /// </summary>
    private static CapturedRun RunUnderAttack(RunFolder run, string? key, string attackerArgs, RunSettings settings) =>
        InNamespace.Run(
            TimeSpan.FromMinutes(4),
            "run-with-attacker",
            [attackerArgs, .. (settings with { ValuesPerClient = 2000, Out = run.Path }).ToArguments()],
            new Dictionary<string, string?> { ["PAXOS_KEY_FILE"] = key });

    /// <summary>
    /// Inside the namespace: <c>&lt;attacker argument or ""&gt; &lt;run settings...&gt;</c>. The attacker knows the configuration
    /// (groups, hence the cluster id) but not the key: PAXOS_KEY_FILE is removed from its environment only.
    /// </summary>
    internal static int RunWithAttacker(string[] arguments)
    {
        string[] attacker = ["dotnet", Repository.PathOf("tests/Paxos.Attacker/bin/Release/net10.0/Paxos.Attacker.dll"), "forge", Repository.PathOf("paxos.conf"), "600"];
        if (arguments[0].Length > 0)
        {
            attacker = [.. attacker, arguments[0]];
        }

        return InNamespace.RunClusterBeside(attacker, InNamespace.SettingsOf(arguments[1..]), "PAXOS_KEY_FILE");
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
