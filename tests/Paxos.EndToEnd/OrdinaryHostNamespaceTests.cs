namespace Paxos.EndToEnd;

/// <summary>
/// tests/harness/ordinary_host.sh, the stand-in for a grader's machine: it must look like one, and its
/// eth0 packet count must catch a process that sends there (else "nothing sent" would prove nothing).
/// </summary>
public sealed class OrdinaryHostNamespaceTests
{
    /// <summary>The checker itself: a datagram to a group with the system's choice of interface goes out on eth0, and is caught.</summary>
    [Fact]
    public void Ordinary_host_catches_a_multicast_datagram_sent_on_eth0()
    {
        CapturedRun result = Command.Run(
            Repository.PathOf("tests/harness/ordinary_host.sh"),
            ["bash", "-c", "echo stray >/dev/udp/239.0.0.1/7000"],
            TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 4, result.Transcript);
        Assert.Contains("ordinary-host: eth0 sent 1 packets", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>The stand-in looks like a laptop: default route on eth0, no multicast route, none of our variables.</summary>
    [Fact]
    public void Ordinary_host_has_a_default_route_on_eth0_and_no_multicast_route_or_variables_of_ours()
    {
        CapturedRun result = Command.Run(
            Repository.PathOf("tests/harness/ordinary_host.sh"),
            ["bash", "-c", "ip -4 route show; env | grep '^PAXOS_' || true"],
            TimeSpan.FromSeconds(30),
            environment: new Dictionary<string, string?> { ["PAXOS_ACCEPTOR_COUNT"] = "5", ["PAXOS_NETNS"] = "1" });

        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.Contains("default via 10.99.0.1 dev eth0", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("224.0.0.0", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("PAXOS_", result.StandardOutput, StringComparison.Ordinal);
    }
}
