namespace Paxos.EndToEnd;

/// <summary>
/// A role started with <c>data_dir</c> on a folder it must not use (damaged, of another cluster, held by
/// another process) refuses through the real scripts: one line naming the folder on stderr, exit code 4,
/// the folder left as it was.
/// </summary>
public sealed class StorageStartupTests
{
    private const int StorageExitCode = 4;

    private static string WriteConfig(RunFolder run, string name, uint clusterId)
    {
        string config = run.File(name);
        File.WriteAllText(config, $"""
            clients   239.0.0.1 5000
            proposers 239.0.0.1 6000
            acceptors 239.0.0.1 7000
            learners  239.0.0.1 8000
            cluster_id {clusterId}
            data_dir data

            """);
        return config;
    }

    [Fact]
    public void Acceptor_on_a_damaged_data_file_exits_4_naming_the_folder()
    {
        using var run = new RunFolder("storage-damaged");
        string config = WriteConfig(run, "paxos.conf", 1);
        string folder = Path.Combine(run.Path, "data", "acceptor2");
        Directory.CreateDirectory(folder);
        byte[] junk = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];
        File.WriteAllBytes(Path.Combine(folder, "data.mdb"), junk);

        CapturedRun result = Command.RunIsolated(TimeSpan.FromMinutes(3), Repository.PathOf("acceptor.sh"), "2", config);

        Assert.True(result.ExitCode == StorageExitCode, result.Transcript);
        Assert.Contains($"acceptor 2: {folder}", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(junk, File.ReadAllBytes(Path.Combine(folder, "data.mdb")));
    }

    [Fact]
    public void Folder_of_another_cluster_and_a_folder_in_use_are_refused_with_exit_4()
    {
        using var run = new RunFolder("storage-refused");
        string config = WriteConfig(run, "paxos.conf", 1);
        string foreign = WriteConfig(run, "foreign.conf", 2);
        string acceptor = Repository.PathOf("acceptor.sh");
        string proposer = Repository.PathOf("proposer.sh");

        // In one namespace: proposer 1 creates its folder and keeps running; a second proposer 1 is refused
        // (in use), then acceptor 1's folder, created under cluster 1, is refused under cluster 2.
        string script = $"""
            set -u
            "{proposer}" 1 "{config}" 2>"{run.File("first.err")}" & first=$!
            for _ in $(seq 100); do [[ -s "{run.Path}/data/proposer1/paxos.pid" ]] && break; sleep 0.1; done
            "{proposer}" 1 "{config}"; echo "second proposer exit $?"
            kill $first; wait $first
            timeout -s TERM 2 "{acceptor}" 1 "{config}" 2>/dev/null
            "{acceptor}" 1 "{foreign}"; echo "foreign acceptor exit $?"
            """;
        CapturedRun result = Command.RunIsolated(TimeSpan.FromMinutes(3), "bash", "-c", script);

        Assert.Contains("second proposer exit 4", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"proposer 1: {run.Path}/data/proposer1 is in use by another process (pid ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("foreign acceptor exit 4", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"acceptor 1: {run.Path}/data/acceptor1 belongs to cluster id 1, not 2", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acceptor", new[] { "acceptor1", "acceptor2", "acceptor3" })]
    [InlineData("proposer", new[] { "proposer1" })]
    public void Full_disk_while_running_stops_the_role_with_exit_4_and_one_line(string role, string[] mustFail)
    {
        using var run = new RunFolder("storage-full-" + role);
        string data = Path.Combine(run.Path, "data");
        string output = Path.Combine(run.Path, "out");

        // Each folder of the role under test is a 1 MB tmpfs of its own (in a mount namespace of ours) that
        // fills within the first values; the other roles write to the ordinary disk, so which role fills
        // first is not a race (with one shared tmpfs the proposers sometimes filled it before the acceptors).
        string[] folders = Enumerable.Range(1, role == "acceptor" ? 3 : 2).Select(id => Path.Combine(data, $"{role}{id}")).ToArray();
        string mounts = string.Join("\n", folders.Select(folder => $"mkdir -p \"{folder}\" && mount -t tmpfs -o size=1m tmpfs \"{folder}\" || exit 99"));
        string script = $"""
            {mounts}
            PAXOS_DATA_DIR="{data}" "{Repository.PathOf("run.sh")}" 300000 --out "{output}" --timeout 15
            """;
        CapturedRun result = Command.Run("unshare", ["-rm", "bash", "-c", script], TimeSpan.FromMinutes(4));

        Assert.NotEqual(99, result.ExitCode);
        foreach (string process in mustFail)
        {
            string log = File.ReadAllText(Path.Combine(output, "logs", process + ".log"));
            string name = process[..^1] + " " + process[^1];
            Assert.True(log.Contains($"{name}: {data}/{process}: cannot commit (LMDB error ", StringComparison.Ordinal), $"{process}:\n{log}\n{result.Transcript}");
            Assert.Contains($"{process} ended unexpectedly (exit status 4)", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        }

        // The clients' sessions were on the ordinary disk: neither died of the roles' failures.
        Assert.DoesNotContain("killed by signal", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }
}
