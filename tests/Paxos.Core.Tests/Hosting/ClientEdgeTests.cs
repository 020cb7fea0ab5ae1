using System.Text;
using Paxos.Core.Hosting;
using Paxos.Core.Node;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Clients;
using Serilog.Core;

namespace Paxos.Core.Tests.Hosting;

/// <summary>A client process's input as the node loop sees it: standard input, paced when a rate is set.</summary>
public sealed class ClientEdgeTests
{
    private sealed class FixedClock : IClock
    {
        public TimeSpan Now { get; set; }
    }

    private static MemoryStream Lines(int count) =>
        new(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, count).Select(i => $"v{i}\n"))));

    /// <summary>Takes from <paramref name="edge"/> at <paramref name="now"/> until it has nothing, waiting for the reader thread to fill.</summary>
    private static async Task<List<string>> TakeAll(ClientEdge edge, TimeSpan now, int expectAtLeast)
    {
        var taken = new List<string>();
        DateTime giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < giveUp)
        {
            if (edge.TryTake(now, out ReadOnlyMemory<byte> value))
            {
                taken.Add(Encoding.ASCII.GetString(value.Span));
            }
            else if (taken.Count >= expectAtLeast || edge.Completed)
            {
                break;
            }
            else
            {
                await Task.Delay(1);
            }
        }

        return taken;
    }

    [Fact]
    public async Task Without_a_rate_every_line_is_offered_in_order_then_the_input_completes()
    {
        var client = new Client(1, 1, new ProtocolSettings());
        using var edge = new ClientEdge(client, Lines(3), new FixedClock(), rate: null, measureLatency: false, Logger.None);

        Assert.Equal(["v0", "v1", "v2"], await TakeAll(edge, TimeSpan.Zero, 3));
        Assert.True(edge.Completed);
        Assert.Equal(3, edge.SubmittedHere);
    }

    [Fact]
    public async Task A_paced_client_offers_only_the_values_due_by_now_and_wakes_for_the_next()
    {
        var client = new Client(1, 1, new ProtocolSettings());
        using var edge = new ClientEdge(client, Lines(10), new FixedClock(), rate: 1000, measureLatency: false, Logger.None);

        // At 1,000 values/s the first is due at once and one more every millisecond.
        Assert.Equal(["v0"], await TakeAll(edge, TimeSpan.FromMilliseconds(100), 1));
        Assert.Equal(TimeSpan.FromMilliseconds(101), edge.NextWake(TimeSpan.FromMilliseconds(100)));
        Assert.Equal(["v1", "v2", "v3"], await TakeAll(edge, TimeSpan.FromMilliseconds(103.5), 3));
    }
}
