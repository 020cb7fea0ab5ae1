using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Clients;
using Paxos.Core.Protocol.Messages;

namespace Paxos.Core.Tests.Protocol;

/// <summary>A client resuming its session after a crash (data_dir): numbering and the acknowledged prefix.</summary>
public sealed class ClientResumeTests
{
    private const uint ClientId = 2;
    private const ulong Session = 0x5E55;
    private static readonly ProtocolSettings Settings = new();

    private static ClientAck Ack(ulong first, uint count) => new([new SubmissionRange(ClientId, Session, first, count)]);

    [Fact]
    public void Resumed_client_numbers_its_first_submission_after_the_acknowledged_prefix()
    {
        var client = new Client(ClientId, Session, Settings, firstSequence: 5);
        Assert.Equal(5UL, client.AcknowledgedEnd);

        client.Submit(Encoding.UTF8.GetBytes("f"));
        client.Flush(TimeSpan.Zero);

        var request = client.Drain().Single<ClientRequest>(RoleGroup.Proposers);
        var sent = new List<(uint, ulong, ulong)>();
        foreach (BatchValue value in request.Batch)
        {
            sent.Add((value.ClientId, value.Session, value.Sequence));
        }

        Assert.Equal([(ClientId, Session, 5UL)], sent);
        Assert.Equal(5UL, client.AcknowledgedEnd);

        client.Handle(1, Ack(5, 1), TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, client.Outstanding);
        Assert.Equal(6UL, client.AcknowledgedEnd);
    }

    [Fact]
    public void Resumed_client_ignores_acknowledgements_of_its_skipped_prefix()
    {
        var client = new Client(ClientId, Session, Settings, firstSequence: 3);
        client.Submit(Encoding.UTF8.GetBytes("d"));
        client.Flush(TimeSpan.Zero);

        client.Handle(1, Ack(0, 3), TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, client.Outstanding);
        Assert.Equal(0, client.Decided);
        Assert.Equal(3UL, client.AcknowledgedEnd);
    }

    [Fact]
    public void Acknowledged_end_covers_only_the_contiguous_prefix()
    {
        var client = new Client(ClientId, Session, Settings);
        foreach (string value in new[] { "a", "b", "c" })
        {
            client.Submit(Encoding.UTF8.GetBytes(value));
        }

        client.Flush(TimeSpan.Zero);
        client.Handle(1, Ack(1, 2), TimeSpan.FromMilliseconds(1));
        Assert.Equal(0UL, client.AcknowledgedEnd); // 0 is not acknowledged: a restart must send it again

        client.Handle(1, Ack(0, 1), TimeSpan.FromMilliseconds(2));
        Assert.Equal(3UL, client.AcknowledgedEnd);
    }
}
