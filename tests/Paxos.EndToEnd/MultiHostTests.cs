using System.Globalization;
using Paxos.Core.Hosting.Reports;
using Xunit.Abstractions;

namespace Paxos.EndToEnd;

/// <summary>
/// Real faults across hosts (`paxosctl multihost`, through its wrapper scripts/multihost/cluster.sh): every process on its own network namespace
/// ("host"), the hosts joined by veth pairs to one bridge, all inside one <c>unshare -rnm</c>. Each
/// scenario runs 2 x 10,000 distinct values submitted at a steady pace and injects its fault mid-run.
/// Slower than the other end-to-end tests (about 10 s each); filter with <c>Category=MultiHost</c>.
/// </summary>
[Trait("Category", "MultiHost")]
public sealed class MultiHostTests(ITestOutputHelper output)
{
    private const int ValuesPerClient = 10_000;

    [Fact]
    public void An_acceptor_host_cut_off_the_bridge_and_reconnected_rejoins_and_everything_is_learned()
    {
        using var run = new RunFolder("multihost-cut");
        Cluster(run, "cut-acceptor");

        Expect.EverythingLearnedInOneOrder(run);
        // After the reconnection acceptor 2 was killed: the values after it needed acceptor 3.
        AssertFaultMidRun(run, "killed acceptor2");
    }

    [Fact]
    public void Killing_the_leading_proposer_lets_the_other_take_over_within_a_second()
    {
        using var run = new RunFolder("multihost-kill-leader");
        Cluster(run, "kill-leader");

        Expect.EverythingLearnedInOneOrder(run);
        AssertFaultMidRun(run, "killed proposer1");
        Assert.True(File.Exists(run.File("gap-ms.txt")), "no gap-ms.txt: the takeover gap was not measured");
        int gapMs = int.Parse(File.ReadAllText(run.File("gap-ms.txt")).Trim(), CultureInfo.InvariantCulture);
        output.WriteLine($"longest time without a decision around the leader's kill: {gapMs} ms (target: under 1,000 ms)");
        // The target is under 1 s (0.5 s of heartbeat silence, then Phase 1); 2 s is a safety net for slow CI machines.
        Assert.True(gapMs < 2000, $"decisions stopped for {gapMs} ms after the leader was killed");
    }

    [Fact]
    public void Thirty_percent_loss_on_every_host_and_an_acceptor_killed_still_learns_everything()
    {
        using var run = new RunFolder("multihost-loss");
        Cluster(run, "loss");

        Expect.EverythingLearnedInOneOrder(run);
        AssertFaultMidRun(run, "killed acceptor3");
    }

    [Fact]
    public void Proposers_partitioned_from_each_other_both_lead_safely_and_everything_is_learned_once_healed()
    {
        using var run = new RunFolder("multihost-partition");
        Cluster(run, "partition");

        Expect.EverythingLearnedInOneOrder(run);
        AssertFaultMidRun(run, "healed the partition");
        // Cut off from proposer 1's heartbeats, proposer 2 took the lead (Phase 1) while proposer 1 still led.
        RoleReport? proposer2 = RoleReportFile.TryRead(run.File("stats"), "proposer", 2, RoleReportKind.Stats);
        Assert.True(proposer2 is not null, "proposer 2 wrote no stats report");
        Assert.True(proposer2.Get("sent.Prepare") > 0, "proposer 2 sent no Prepare: it never tried to lead");
    }

    /// <summary>Runs one scenario into <paramref name="run"/> (a child process: it enters its own namespaces) and requires its own verdict to be OK.</summary>
    private void Cluster(RunFolder run, string scenario)
    {
        CapturedRun result = Command.Run(
            Repository.PathOf("scripts/multihost/cluster.sh"),
            [scenario, run.Path, ValuesPerClient.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(3));
        output.WriteLine(result.Transcript);
        Assert.True(result.ExitCode == 0, result.Transcript);
    }

    /// <summary>The event was logged while values were still to be learned: the fault really hit a running cluster.</summary>
    private static void AssertFaultMidRun(RunFolder run, string eventText)
    {
        string? line = File.ReadLines(run.File("events.txt")).FirstOrDefault(l => l.Contains(eventText, StringComparison.Ordinal));
        Assert.True(line is not null, $"no '{eventText}' event in events.txt:\n{File.ReadAllText(run.File("events.txt"))}");
        string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int learned = int.Parse(fields[Array.IndexOf(fields, "learn1") + 1], CultureInfo.InvariantCulture);
        Assert.True(learned < 2 * ValuesPerClient, $"the fault came after everything was learned: {line}");
    }
}
