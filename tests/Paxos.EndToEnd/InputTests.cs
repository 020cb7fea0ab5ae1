namespace Paxos.EndToEnd;

/// <summary>What a client does with a large input.</summary>
public sealed class InputTests
{
    [Fact]
    public void Client_streams_a_large_input_with_bounded_memory()
    {
        using var run = new RunFolder("hugeinput");

        // 32 MiB of 8-byte lines: 4,194,304 values. The input is read only as fast as it is decided
        // (a bounded queue and the client's window), so memory must not follow the input's size.
        CapturedRun result = Command.Run(
            Repository.PathOf("tests/Paxos.EndToEnd/scenarios/client-huge-input.sh"), [run.Path, "32"], TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 0, result.Transcript);
        long[] figures = [.. File.ReadAllText(run.File("result")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse)];
        Assert.Equal(4_194_304, figures[0]);
        Assert.Equal(figures[0], figures[1]);
        Assert.InRange(figures[2], 1, (160 * 1024) - 1);
    }
}
