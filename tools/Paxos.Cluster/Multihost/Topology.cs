using System.Globalization;
using System.Text;
using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Multihost;

/// <summary>
/// One "host" per process: a network namespace with its own address, joined by a veth pair to one bridge. The bridge
/// floods multicast (no snooping), every host routes 224.0.0.0/4 to its veth end, and none has a default route (the
/// role scripts refuse to start otherwise). Exists only inside the run's own `unshare -rnm`.
/// </summary>
internal static class Topology
{
    private const string Bridge = "br0";

    /// <summary>The processes, in the order their hosts are made (hosts.txt's order).</summary>
    public static readonly IReadOnlyList<string> Processes =
        ["acceptor1", "acceptor2", "acceptor3", "learner1", "learner2", "proposer1", "proposer2", "client1", "client2"];

    private static readonly Dictionary<string, string> Addresses = new(StringComparer.Ordinal)
    {
        ["acceptor1"] = "10.99.0.11", ["acceptor2"] = "10.99.0.12", ["acceptor3"] = "10.99.0.13",
        ["proposer1"] = "10.99.0.21", ["proposer2"] = "10.99.0.22",
        ["learner1"] = "10.99.0.31", ["learner2"] = "10.99.0.32",
        ["client1"] = "10.99.0.41", ["client2"] = "10.99.0.42",
    };

    /// <summary>The network namespace ("host") of <paramref name="process"/>.</summary>
    public static string HostOf(string process) => "h-" + process;

    /// <summary>The bridge port (host-side veth end) of <paramref name="process"/>'s host.</summary>
    public static string PortOf(string process) => "v-" + process;

    /// <summary>
    /// Gives this mount namespace its own /run/netns (where `ip netns add` keeps namespaces), brings loopback up, and
    /// builds the bridge and the hosts; writes hosts.txt and each process's config (the course's groups and its
    /// `interface`) into conf/.
    /// </summary>
    public static void Build(RepositoryLayout repository, string outFolder)
    {
        if (Commands.TryRun(out _, "mount", "-t", "tmpfs", "paxos-netns", "/run/netns") != 0)
        {
            // No /run/netns on this machine and /run is not ours to write: a private /run instead.
            Commands.Run("mount", "-t", "tmpfs", "paxos-run", "/run");
            Directory.CreateDirectory("/run/netns");
        }

        Commands.Run("ip", "link", "set", "lo", "up");
        Commands.Run("ip", "link", "add", Bridge, "type", "bridge");
        Commands.Run("ip", "link", "set", Bridge, "type", "bridge", "mcast_snooping", "0");
        Commands.Run("ip", "link", "set", Bridge, "up");

        string courseConfig = File.ReadAllText(repository.PaxosConf);
        var hosts = new StringBuilder(Row("host", "address", "bridge-port", "process"));
        foreach (string process in Processes)
        {
            string host = HostOf(process), port = PortOf(process), address = Addresses[process];
            Commands.Run("ip", "netns", "add", host);
            Commands.Run("ip", "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", host);
            Commands.Run("ip", "link", "set", port, "master", Bridge, "up");
            Commands.Run("ip", "netns", "exec", host, "ip", "link", "set", "lo", "up");
            Commands.Run("ip", "netns", "exec", host, "ip", "addr", "add", address + "/24", "dev", "eth0");
            Commands.Run("ip", "netns", "exec", host, "ip", "link", "set", "eth0", "up");
            Commands.Run("ip", "netns", "exec", host, "ip", "route", "add", "224.0.0.0/4", "dev", "eth0");
            hosts.Append(Row(host, address, port, process));
            File.WriteAllText(Path.Combine(outFolder, "conf", process + ".conf"), courseConfig + $"interface {address}\n");
        }

        File.WriteAllText(Path.Combine(outFolder, "hosts.txt"), hosts.ToString());
    }

    /// <summary>Drops 30% of incoming datagrams to the course's multicast group on every host (iptables in each namespace).</summary>
    public static void AddLoss()
    {
        foreach (string process in Processes)
        {
            if (Commands.TryRun(out _, ["ip", "netns", "exec", HostOf(process), .. LossRule.Command(0.3)]) != 0)
            {
                throw new MultihostFailure("could not add the iptables loss rule (the kernel needs the 'statistic' match)");
            }
        }
    }

    /// <summary>Takes <paramref name="process"/>'s host off the bridge (its link stays up: it hears nothing and reaches no one).</summary>
    public static void Cut(string process) => Commands.Run("ip", "link", "set", PortOf(process), "nomaster");

    /// <summary>Puts <paramref name="process"/>'s host back on the bridge.</summary>
    public static void Reconnect(string process) => Commands.Run("ip", "link", "set", PortOf(process), "master", Bridge);

    /// <summary>
    /// Bridge port isolation on or off: isolated ports cannot reach each other but still reach every other port, so
    /// isolating both proposers' ports partitions them from each other only.
    /// </summary>
    public static void Isolate(string process, bool isolated) =>
        Commands.Run("ip", "link", "set", "dev", PortOf(process), "type", "bridge_slave", "isolated", isolated ? "on" : "off");

    private static string Row(string host, string address, string port, string process) =>
        string.Create(CultureInfo.InvariantCulture, $"{host,-10} {address,-12} {port,-10} {process}\n");
}
