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

        CommandResult result = Command.RunIsolated(TimeSpan.FromMinutes(3), Repository.PathOf("acceptor.sh"), "2", config);

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
        CommandResult result = Command.RunIsolated(TimeSpan.FromMinutes(3), "bash", "-c", script);

        Assert.Contains("second proposer exit 4", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"proposer 1: {run.Path}/data/proposer1 is in use by another process (pid ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("foreign acceptor exit 4", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"acceptor 1: {run.Path}/data/acceptor1 belongs to cluster id 1, not 2", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Full_disk_while_running_stops_acceptors_and_proposers_with_exit_4_and_one_line()
    {
        using var run = new RunFolder("storage-full");
        string data = Path.Combine(run.Path, "tiny");
        Directory.CreateDirectory(data);
        string output = Path.Combine(run.Path, "out");

        // A 4 MB tmpfs (in a mount namespace of our own) fills within the first values.
        string script = $"""
            mount -t tmpfs -o size=4m tmpfs "{data}" || exit 99
            PAXOS_DATA_DIR="{data}" "{Repository.PathOf("run.sh")}" 100000 --out "{output}" --timeout 15
            """;
        CommandResult result = Command.Run("unshare", ["-rm", "bash", "-c", script], TimeSpan.FromMinutes(4));

        Assert.NotEqual(99, result.ExitCode);
        foreach (string role in (string[])["acceptor1", "acceptor2", "acceptor3", "proposer1"])
        {
            string log = File.ReadAllText(Path.Combine(output, "logs", role + ".log"));
            string name = role[..^1] + " " + role[^1];
            Assert.True(log.Contains($"{name}: {data}/{role}: cannot commit (LMDB error ", StringComparison.Ordinal), $"{role}:\n{log}\n{result.Transcript}");
        }

        Assert.Contains("acceptor1 ended unexpectedly (exit status 4)", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }
}
