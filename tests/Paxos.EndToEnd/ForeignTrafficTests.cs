using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Paxos.Cluster.Run;

namespace Paxos.EndToEnd;

/// <summary>Traffic that is not ours, on our groups, during a run.</summary>
public sealed partial class ForeignTrafficTests
{
    [Fact]
    public void Random_datagrams_on_every_group_change_nothing_and_are_counted_by_every_role()
    {
        using var run = new RunFolder("noise");
        NoisyClusterRun.RunInNamespaceAndExpectEverythingLearned(run, "run-with-noise");

        foreach (string role in NoisyClusterRun.OneOfEachRole)
        {
            Assert.True(NoisyClusterRun.Counter(run.Log(role), "dropped.Foreign") > 0, $"{role} reported no dropped foreign datagrams:\n{run.Log(role)}");
        }
    }

    [Fact]
    public void Two_clusters_on_the_same_groups_do_not_mix()
    {
        using var runs = new RunFolder("twoclusters");
        foreach (string cluster in (string[])["a", "b"])
        {
            WriteValues(runs.File($"{cluster}/inputs/prop1"), $"{cluster}1-", 3000);
            WriteValues(runs.File($"{cluster}/inputs/prop2"), $"{cluster}2-", 3000);
        }

        CapturedRun result = InNamespace.Run(TimeSpan.FromMinutes(4), "run-two-clusters", [runs.File("a"), runs.File("b")]);

        Assert.True(result.ExitCode == 0, result.Transcript);
        foreach (string cluster in (string[])["a", "b"])
        {
            // Each learner printed exactly its own cluster's submissions, nothing of the other's.
            var run = RunFolder.Existing(runs.File($"{cluster}/out"));
            Expect.EverythingLearnedInOneOrder(run);
            Assert.True(OtherClusterDrops().IsMatch(run.Log("acceptor1")), $"acceptor1 of cluster {cluster} dropped no frames of the other cluster");
        }
    }

    /// <summary>
    /// Inside the namespace: <c>&lt;dir A&gt; &lt;dir B&gt;</c>, two whole clusters at the same time on the same groups and ports.
    /// Each proposes &lt;dir&gt;/inputs/prop1 and prop2 and writes its run to &lt;dir&gt;/out. Both use the repository's
    /// paxos.conf; cluster B differs only by its cluster id (PAXOS_CLUSTER_ID), so every datagram of one reaches every
    /// process of the other. Exit status 0 when both runs are OK.
    /// </summary>
    internal static int RunTwoClusters(string[] arguments)
    {
        Task<RunResult>[] runs = [Start(arguments[0], "1111"), Start(arguments[1], "2222")];
        Task.WaitAll(runs);
        foreach (Task<RunResult> run in runs)
        {
            Console.Out.Write(run.Result.Transcript);
        }

        return runs.All(run => run.Result.ExitCode == 0) ? 0 : 1;

        static Task<RunResult> Start(string folder, string clusterId) => Task.Run(() => ClusterRunner.Run(
            Repository.Root,
            new RunSettings { Inputs = Path.Combine(folder, "inputs"), Out = Path.Combine(folder, "out") },
            TimeSpan.FromMinutes(4),
            new Dictionary<string, string?> { ["PAXOS_CLUSTER_ID"] = clusterId }));
    }

    /// <summary>
    /// Inside the namespace: runs the cluster while a "blaster" sends datagrams of random bytes (1 to 1,400 bytes) to all
    /// four groups of the course's configuration, about 2,000 a second, for the whole run.
    /// </summary>
    internal static int RunWithNoise(string[] arguments)
    {
        using var stop = new CancellationTokenSource();
        Task blaster = Task.Run(() => Blast(stop.Token));
        try
        {
            return InNamespace.RunClusterHere(InNamespace.SettingsOf(arguments));
        }
        finally
        {
            stop.Cancel();
            blaster.Wait();
        }
    }

    private static void Blast(CancellationToken stop)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        IPAddress group = IPAddress.Parse("239.0.0.1");
        byte[] noise = new byte[1400];
        while (!stop.IsCancellationRequested)
        {
            foreach (int port in (int[])[5000, 6000, 7000, 8000])
            {
                int size = RandomNumberGenerator.GetInt32(1, noise.Length + 1);
                RandomNumberGenerator.Fill(noise.AsSpan(0, size));
                try
                {
                    socket.SendTo(noise.AsSpan(0, size), SocketFlags.None, new IPEndPoint(group, port));
                }
                catch (SocketException)
                {
                    // A refused send (no listener yet) is fine.
                }
            }

            Thread.Sleep(2);
        }
    }

    private static void WriteValues(string path, string prefix, int count)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, Enumerable.Range(0, count).Select(i => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex("\"dropped\\.OtherCluster\": [1-9]")]
    private static partial Regex OtherClusterDrops();
}
