using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Clients;
using Paxos.Core.Protocol.Messages;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Protocol;

/// <summary>
/// A request datagram left unanswered while a later one was answered was lost (the leader answers requests in
/// the order it reads them): its values are resent at once, not after the round-trip timeout.
/// </summary>
public sealed class ClientSkippedRequestTests
{
    private const uint ClientId = 4;
    private const ulong Session = 0xABCDEF;

    private static ClientReceipt Receipt(ulong first, uint count) => new([new SubmissionRange(ClientId, Session, first, count)]);

    private static ClientAck Ack(ulong first, uint count) => new([new SubmissionRange(ClientId, Session, first, count)]);

    /// <summary>A client that sent each value in a datagram of its own, at 0, 1, 2 ... ms.</summary>
    private static Client ClientThatSentOneByOne(params string[] values)
    {
        var client = new Client(ClientId, Session, new ProtocolSettings());
        for (int i = 0; i < values.Length; i++)
        {
            client.Submit(Encoding.UTF8.GetBytes(values[i]));
            client.Flush(Ms(i));
        }

        Assert.Equal(values.Length, client.Drain().Sent<ClientRequest>(RoleGroup.Proposers).Count);
        return client;
    }

    private static List<ulong> ResentSequences(Client client, TimeSpan now)
    {
        client.Tick(now);
        var sequences = new List<ulong>();
        foreach (ClientRequest request in client.Drain().Sent<ClientRequest>(RoleGroup.Proposers))
        {
            foreach (BatchValue value in request.Batch)
            {
                sequences.Add(value.Sequence);
            }
        }

        return sequences;
    }

    [Fact]
    public void A_request_skipped_by_the_receipts_is_resent_at_the_next_tick()
    {
        Client client = ClientThatSentOneByOne("a", "b", "c");

        // The leader answered the third request, not the first two: they were lost.
        client.Handle(1, Receipt(2, 1), Ms(3));

        Assert.Equal([0UL, 1UL], ResentSequences(client, Ms(4)));
        Assert.Equal(2, client.SkippedRequests);
    }

    [Fact]
    public void An_acknowledgement_of_a_later_request_counts_as_an_answer()
    {
        Client client = ClientThatSentOneByOne("a", "b");

        client.Handle(1, Ack(1, 1), Ms(3));

        Assert.Equal([0UL], ResentSequences(client, Ms(4)));
    }

    [Fact]
    public void Requests_answered_in_order_are_not_resent()
    {
        Client client = ClientThatSentOneByOne("a", "b", "c");
        client.Handle(1, Receipt(0, 1), Ms(3));
        client.Handle(1, Receipt(1, 1), Ms(3));
        client.Handle(1, Receipt(2, 1), Ms(3));

        for (int t = 4; t < 250; t++)
        {
            Assert.Empty(ResentSequences(client, Ms(t)));
        }

        Assert.Equal(0, client.SkippedRequests);
    }

    [Fact]
    public void A_received_value_overtaken_by_a_later_decision_keeps_its_grace()
    {
        // Instances are decided out of order when pipelined: 1 decided before 0 is no sign that 0 was lost.
        Client client = ClientThatSentOneByOne("a", "b");
        client.Handle(1, Receipt(0, 1), Ms(2));
        client.Handle(1, Receipt(1, 1), Ms(2));
        client.Handle(1, Ack(1, 1), Ms(3));

        for (int t = 4; t < 100; t++)
        {
            Assert.Empty(ResentSequences(client, Ms(t)));
        }

        Assert.Equal(0, client.SkippedRequests);
    }

    [Fact]
    public void An_answer_to_a_resent_value_does_not_condemn_the_requests_sent_before_its_copy()
    {
        // "a" went out at 0, "b" at 200 ms; the leader is slow, so "a" is resent by its timer at 300 ms. The
        // receipt that then arrives for "a" may answer its first copy: "b", sent before the resend, is not lost.
        var client = new Client(ClientId, Session, new ProtocolSettings());
        client.Submit(Encoding.UTF8.GetBytes("a"));
        client.Flush(Ms(0));
        client.Submit(Encoding.UTF8.GetBytes("b"));
        client.Flush(Ms(200));
        client.Drain();
        Assert.Equal([0UL], ResentSequences(client, Ms(300)));

        client.Handle(1, Receipt(0, 1), Ms(302));

        Assert.Empty(ResentSequences(client, Ms(303)));
        Assert.Equal(0, client.SkippedRequests);
    }

    [Fact]
    public void Values_of_one_datagram_answered_in_parts_are_not_resent()
    {
        // One datagram of two values whose answer came in two frames: acknowledgement first, receipt later.
        var client = new Client(ClientId, Session, new ProtocolSettings());
        client.Submit(Encoding.UTF8.GetBytes("a"));
        client.Submit(Encoding.UTF8.GetBytes("b"));
        client.Flush(Ms(0));
        client.Drain();

        client.Handle(1, Ack(1, 1), Ms(1));
        Assert.Empty(ResentSequences(client, Ms(2)));
        client.Handle(1, Receipt(0, 1), Ms(2));
        Assert.Empty(ResentSequences(client, Ms(3)));
    }
}
