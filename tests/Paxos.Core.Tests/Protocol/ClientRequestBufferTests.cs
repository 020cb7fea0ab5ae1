using System.Runtime.InteropServices;
using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Clients;
using Paxos.Core.Protocol.Messages;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Protocol;

/// <summary>A client builds its requests in reused arrays: never one whose request the loop has not sent yet.</summary>
public sealed class ClientRequestBufferTests
{
    // Room for one 100-byte value per request.
    private static readonly ProtocolSettings Settings = new() { MaxBatchBytes = 200, ClientWindow = 64, ClientInitialWindow = 64 };

    private static Client ClientThatPacked(params char[] fills)
    {
        var client = new Client(4, 1, Settings);
        foreach (char fill in fills)
        {
            client.Submit(Encoding.UTF8.GetBytes(new string(fill, 100)));
        }

        client.Flush(TimeSpan.Zero);
        return client;
    }

    private static string OnlyValue(OutgoingMessage message) =>
        Assert.Single(Text(Assert.IsType<ClientRequest>(message.Message).Batch));

    private static byte[] ArrayOf(OutgoingMessage message)
    {
        Assert.True(MemoryMarshal.TryGetArray(((ClientRequest)message.Message).Batch.Encoded, out ArraySegment<byte> segment));
        return segment.Array!;
    }

    [Fact]
    public void Requests_still_in_the_ready_bag_keep_their_values_while_more_are_built()
    {
        Client client = ClientThatPacked('a', 'b');
        Assert.Equal(2, client.Ready.Messages.Count);

        // Another turn's work before the loop sent the first two: a tick, and more values packed.
        client.Tick(TimeSpan.FromMilliseconds(1));
        foreach (char fill in "cde")
        {
            client.Submit(Encoding.UTF8.GetBytes(new string(fill, 100)));
        }

        client.Flush(TimeSpan.FromMilliseconds(1));

        Assert.Equal([.. "abcde".Select(fill => new string(fill, 100))], client.Ready.Messages.Select(OnlyValue));
    }

    [Fact]
    public void Once_the_loop_sent_them_their_arrays_build_the_next_requests()
    {
        Client client = ClientThatPacked('a', 'b');
        HashSet<byte[]> sentArrays = [.. client.Ready.Messages.Select(ArrayOf)];
        client.Drain();

        client.Tick(TimeSpan.FromMilliseconds(1));
        client.Submit(Encoding.UTF8.GetBytes(new string('d', 100)));
        client.Submit(Encoding.UTF8.GetBytes(new string('e', 100)));
        client.Flush(TimeSpan.FromMilliseconds(1));

        // The builder was already filling a third array; the one it goes on in after that is a sent one.
        Assert.Equal([new string('d', 100), new string('e', 100)], client.Ready.Messages.Select(OnlyValue));
        Assert.Contains(ArrayOf(client.Ready.Messages[1]), sentArrays);
    }
}
