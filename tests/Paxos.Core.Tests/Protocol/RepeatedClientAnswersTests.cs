using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Clients;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Protocol;

/// <summary>
/// A leader's receipts and acknowledgements each repeat the ranges of the frames of their kind before them, so a
/// client whose receipt or acknowledgement was lost learns it from a later one instead of resending.
/// </summary>
public sealed class RepeatedClientAnswersTests
{
    private const uint ClientId = 4;
    private const ulong Session = 0xABCDEF;
    private static readonly ProtocolSettings Settings = new();
    private static readonly TimeSpan Grace = Settings.HeartbeatInterval * 3;

    private static ReadOnlyMemory<byte> Value(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The client's request datagrams, one per flush: "a", then "b".</summary>
    private static (Client Client, List<ClientRequest> Requests) ClientWithTwoRequests()
    {
        var client = new Client(ClientId, Session, Settings);
        var requests = new List<ClientRequest>();
        foreach ((string value, double at) in new[] { ("a", 0.0), ("b", 1.0) })
        {
            client.Submit(Value(value));
            client.Flush(Ms(at));
            requests.Add(client.Drain().Single<ClientRequest>(RoleGroup.Proposers));
        }

        return (client, requests);
    }

    [Fact]
    public void A_lost_receipt_is_repaired_by_the_next_one_and_the_client_resends_nothing()
    {
        (Client client, List<ClientRequest> requests) = ClientWithTwoRequests();
        Proposer leader = ElectedLeader(Settings);

        var receipts = new List<ClientReceipt>();
        foreach (ClientRequest request in requests)
        {
            leader.Handle((int)ClientId, request, Ms(2));
            receipts.Add(leader.Drain().Single<ClientReceipt>(RoleGroup.Clients));
        }

        // The first receipt is lost; the second also names "a" (sequence 0).
        Assert.Contains(receipts[1].Ranges, range => range.FirstSequence == 0 && range.Count == 1);
        client.Handle(1, receipts[1], Ms(3));

        // Without the repeat, "a" would go again at this tick: its request looks skipped, since a later one was
        // answered (and at 300 ms its round-trip timer would fire). Silence resends come only after ClientRetry.
        client.Tick(Ms(100));

        Assert.Empty(client.Drain().Sent<ClientRequest>(RoleGroup.Proposers));
        Assert.Equal(0, client.Resent);
    }

    [Fact]
    public void Each_acknowledgement_repeats_the_one_before_it()
    {
        Proposer leader = ElectedLeader(Settings);
        (_, List<ClientRequest> requests) = ClientWithTwoRequests();
        var acks = new List<ClientAck>();
        foreach (ClientRequest request in requests)
        {
            leader.Handle((int)ClientId, request, Ms(2));
            Accept accept = leader.Drain().Single<Accept>(RoleGroup.Acceptors);
            leader.Handle(1, new Accepted(accept.Ballot, accept.Instance), Ms(3));
            leader.Handle(2, new Accepted(accept.Ballot, accept.Instance), Ms(3));
            acks.Add(leader.Drain().Single<ClientAck>(RoleGroup.Clients));
        }

        Assert.Equal([(0UL, 1U)], acks[0].Ranges.Select(r => (r.FirstSequence, r.Count)));
        Assert.Equal([(1UL, 1U), (0UL, 1U)], acks[1].Ranges.Select(r => (r.FirstSequence, r.Count)));
    }

    [Fact]
    public void Each_acknowledgement_repeats_the_three_before_it_so_two_lost_in_a_row_are_repaired()
    {
        Proposer leader = ElectedLeader(Settings);
        var client = new Client(ClientId, Session, Settings);
        var acks = new List<ClientAck>();
        for (int i = 0; i < 5; i++)
        {
            client.Submit(Value($"v{i}"));
            client.Flush(Grace + Ms(i));
            leader.Handle((int)ClientId, client.Drain().Single<ClientRequest>(RoleGroup.Proposers), Grace + Ms(i));
            Accept accept = leader.Drain().Single<Accept>(RoleGroup.Acceptors);
            leader.Handle(1, new Accepted(accept.Ballot, accept.Instance), Grace + Ms(i));
            leader.Handle(2, new Accepted(accept.Ballot, accept.Instance), Grace + Ms(i));
            acks.Add(leader.Drain().Single<ClientAck>(RoleGroup.Clients));
        }

        // Newest first, then the three frames before it; the oldest drops out.
        Assert.Equal([3UL, 2UL, 1UL, 0UL], acks[3].Ranges.Select(r => r.FirstSequence));
        Assert.Equal([4UL, 3UL, 2UL, 1UL], acks[4].Ranges.Select(r => r.FirstSequence));

        // The acknowledgements of v1 and v2 are lost; the next one still tells the client, which resends nothing.
        client.Handle(1, acks[0], Grace + Ms(5));
        client.Handle(1, acks[3], Grace + Ms(6));
        client.Handle(1, acks[4], Grace + Ms(6));
        Assert.Equal(0, client.Outstanding);
    }

    [Fact]
    public void The_last_acknowledgement_is_repeated_after_2_and_10_ms_of_quiet_and_not_again()
    {
        Proposer leader = ElectedLeader(Settings);
        (_, List<ClientRequest> requests) = ClientWithTwoRequests();
        leader.Handle((int)ClientId, requests[0], Grace + Ms(2));
        Accept accept = leader.Drain().Single<Accept>(RoleGroup.Acceptors);
        leader.Handle(1, new Accepted(accept.Ballot, accept.Instance), Grace + Ms(3));
        leader.Handle(2, new Accepted(accept.Ballot, accept.Instance), Grace + Ms(3));
        leader.Drain();

        // Nothing follows the acknowledgement (the client's window is full, say): if it was lost, no later frame
        // would repeat it, and the client would wait for its silence timer. It goes again at 5 and 13 ms.
        var repeatedAt = new List<int>();
        for (int ms = 4; ms <= 60; ms++)
        {
            leader.Tick(Grace + Ms(ms));
            foreach (ClientAck ack in leader.Drain().Sent<ClientAck>(RoleGroup.Clients))
            {
                Assert.Equal([(0UL, 1U)], ack.Ranges.Select(r => (r.FirstSequence, r.Count)));
                repeatedAt.Add(ms);
            }
        }

        Assert.Equal([5, 13], repeatedAt);
        Assert.Equal(4, leader.AnswerTailRepeats); // the receipt of the request, twice too
    }

    [Fact]
    public void A_receipt_is_not_repeated_after_the_leader_steps_down()
    {
        Proposer leader = ElectedLeader(Settings);
        (_, List<ClientRequest> requests) = ClientWithTwoRequests();
        leader.Handle((int)ClientId, requests[0], Grace + Ms(2));
        Assert.Single(leader.Drain().Sent<ClientReceipt>(RoleGroup.Clients));

        // A higher ballot: the leader steps down and its queue is gone, so "I hold it" must not be said again.
        leader.Handle(1, new Nack(leader.Ballot, new Ballot(leader.Ballot.Round + 1, 9), 0), Grace + Ms(3));
        Assert.Equal(ProposerMode.Following, leader.Mode);
        for (int ms = 4; ms <= 30; ms++)
        {
            leader.Tick(Grace + Ms(ms));
            Assert.Empty(leader.Drain().Sent<ClientReceipt>(RoleGroup.Clients));
        }
    }
}
