using System.Text;
using Paxos.Cluster.Run;

namespace Paxos.EndToEnd;

/// <summary>What happens to the values themselves: byte-exactness, exactly-once, lines too long to carry.</summary>
public sealed class ValueTests
{
    [Fact]
    public void Values_arrive_byte_exact()
    {
        using var run = new RunFolder("bytes");
        var rng = new Random(7);
        var big = new byte[60_000];
        for (int i = 0; i < big.Length; i++)
        {
            big[i] = (byte)rng.Next(32, 127);
        }

        byte[][] values =
        [
            "  leading and trailing spaces  "u8.ToArray(),
            "tab\there\tand\tthere"u8.ToArray(),
            "UTF-8: héllo wörld ✓ 日本語 🙂"u8.ToArray(),
            "carriage\rreturn inside\r"u8.ToArray(),
            [0x00, 0x01, 0xFF, 0xFE, (byte)'x', 0x80],
            [],
            big,
            "same"u8.ToArray(),
            "same"u8.ToArray(),
        ];
        WriteLines(run.File("input/prop1"), values);
        WriteLines(run.File("input/prop2"), [.. values.Reverse()]);

        RunResult result = ClusterRun.Start(run, new RunSettings { Inputs = run.File("input") });

        Assert.True(result.ExitCode == 0, result.Transcript);
        Expect.EverythingLearnedInOneOrder(run);
        Assert.Contains(run.Lines("learn1"), line => line.AsSpan().SequenceEqual(big));
    }

    [Fact]
    public void Distinct_values_are_each_printed_exactly_once()
    {
        using var run = new RunFolder("distinct");
        WriteLines(run.File("input/prop1"), Enumerable.Range(0, 5000).Select(i => Encoding.ASCII.GetBytes($"a{i}")).ToArray());
        WriteLines(run.File("input/prop2"), Enumerable.Range(0, 5000).Select(i => Encoding.ASCII.GetBytes($"b{i}")).ToArray());

        RunResult result = ClusterRun.Start(run, new RunSettings { Inputs = run.File("input") });

        Assert.True(result.ExitCode == 0, result.Transcript);
        Assert.Equal(10_000, run.Lines("learn1").Count);
        Expect.NoLinePrintedTwice(run, "learn1");
        Expect.NoLinePrintedTwice(run, "learn2");
        Expect.SameSequence(run);
    }

    [Fact]
    public void A_line_too_long_to_carry_is_reported_with_its_number_and_skipped()
    {
        using var run = new RunFolder("toolong");
        byte[] tooLong = Encoding.ASCII.GetBytes(new string('x', 70_000));
        WriteLines(run.File("input/prop1"), ["one"u8.ToArray(), "two"u8.ToArray(), tooLong, "four"u8.ToArray()]);
        WriteLines(run.File("input/prop2"), ["five"u8.ToArray()]);

        // The long line can never be learned, so wait a fixed time instead of for completion.
        RunResult result = ClusterRun.Start(run, new RunSettings { Inputs = run.File("input"), Settle = 3 });

        Assert.Contains("line 3:", run.Log("client1"), StringComparison.Ordinal);
        Assert.Contains("exceeds the limit", run.Log("client1"), StringComparison.Ordinal);
        Assert.Equal(["five", "four", "one", "two"], run.TextLines("learn1").Order(StringComparer.Ordinal));
        Assert.True(result.Outcome is not null, result.Transcript);
        Assert.Contains("client1 exit status 1", result.Outcome.Clients);
    }

    private static void WriteLines(string path, byte[][] lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using FileStream file = File.Create(path);
        foreach (byte[] line in lines)
        {
            file.Write(line);
            file.WriteByte((byte)'\n');
        }
    }
}
