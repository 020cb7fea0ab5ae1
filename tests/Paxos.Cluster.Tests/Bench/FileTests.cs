using Paxos.Cluster.Bench;

namespace Paxos.Cluster.Tests.Bench;

public sealed class FileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bench-tests.");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Random_lines_are_count_distinct_lines_of_size_letters()
    {
        string path = Path.Combine(_folder.FullName, "prop1");

        RandomLines.Write(path, 1000, 64);

        string[] lines = File.ReadAllLines(path);
        Assert.Equal(1000, lines.Length);
        Assert.All(lines, line => Assert.Matches("^[a-zA-Z]{64}$", line));
        Assert.Equal(1000, lines.Distinct().Count());
        Assert.EndsWith("\n", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_learner_output_s_value_bytes_leave_out_the_newlines()
    {
        string path = Path.Combine(_folder.FullName, "learn1");
        File.WriteAllText(path, "abc\nde\n");

        Assert.Equal(5, RunFolder.ValueBytes(path));
        Assert.Equal(0, RunFolder.ValueBytes(Path.Combine(_folder.FullName, "none")));
    }

    [Fact]
    public void A_run_passes_its_checks_only_when_run_sh_said_RESULT_OK()
    {
        var folder = new RunFolder(Path.Combine(_folder.FullName, "run"));
        folder.Recreate();
        File.WriteAllText(folder.ReportFile, "Test 1\n  > FAILED\nRESULT: FAILED\n");
        Assert.False(folder.Read(0).ChecksPassed);

        File.WriteAllText(folder.ReportFile, "Test 1\n  > OK\nRESULT: OK — as expected\n");
        Assert.True(folder.Read(0).ChecksPassed);
    }
}
