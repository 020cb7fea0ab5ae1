using System.IO.Pipes;
using Paxos.Cluster.Run;

namespace Paxos.Cluster.Tests;

/// <summary>A client's input fed in parts: part k only once released, the pipe closed after the last.</summary>
public sealed class ClientFeederTests
{
    [Fact]
    public void Parts_follow_run_sh_s_split()
    {
        Assert.Equal([33, 66], ClientFeeder.EqualParts(100, 3));
        Assert.Equal([1, 2, 3, 4], ClientFeeder.EqualParts(5, 5));
    }

    [Fact]
    public async Task Each_part_goes_in_only_once_released_and_the_input_ends_after_the_last()
    {
        using var run = new TempRunFolder();
        run.With("prop1", "1", "2", "3", "4");
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var reader = new StreamReader(new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle));
        using var feeder = new ClientFeeder(server, Path.Combine(run.Path, "prop1"), [1, 3]);

        Assert.Equal("1", await reader.ReadLineAsync());
        Task<string?> next = reader.ReadLineAsync();
        Task first = await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(200)));
        Assert.False(first == next, "part 1 went in before it was released");
        feeder.Release(1);
        Assert.Equal("2", await next);
        Assert.Equal("3", await reader.ReadLineAsync());
        feeder.Release(2);
        Assert.Equal("4", await reader.ReadLineAsync());
        Assert.Null(await reader.ReadLineAsync());
    }
}
