using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;
using Paxos.Core.Protocol.Messages;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Protocol;

public sealed class AcceptorTests
{
    private const int AcceptorId = 2;
    private static readonly TimeSpan Now = TimeSpan.Zero;

    private static Acceptor NewAcceptor(ProtocolSettings? settings = null) => new(AcceptorId, settings ?? new ProtocolSettings());

    private static List<OutgoingMessage> Send(Acceptor acceptor, Message message)
    {
        acceptor.Handle(1, message, Now);
        return acceptor.Drain();
    }

    [Fact]
    public void Acceptor_promises_a_first_prepare()
    {
        var acceptor = NewAcceptor();

        var promise = Send(acceptor, new Prepare(new Ballot(1, 1), 0, Prepare.AllAcceptors)).Single<Promise>(RoleGroup.Proposers);

        Assert.Equal(new Ballot(1, 1), promise.Ballot);
        Assert.Equal(0, promise.FromInstance);
        Assert.True(promise.Complete);
        Assert.Empty(promise.Entries);
        Assert.Equal(new Ballot(1, 1), acceptor.Promised);
    }

    [Fact]
    public void Acceptor_nacks_a_prepare_below_its_promise()
    {
        var acceptor = NewAcceptor();
        Send(acceptor, new Prepare(new Ballot(2, 2), 0, Prepare.AllAcceptors));

        var output = Send(acceptor, new Prepare(new Ballot(2, 1), 7, Prepare.AllAcceptors));

        Assert.Empty(output.Sent<Promise>(RoleGroup.Proposers));
        Assert.Equal(new Nack(new Ballot(2, 1), new Ballot(2, 2), 7), output.Single<Nack>(RoleGroup.Proposers));
        Assert.Equal(new Ballot(2, 2), acceptor.Promised);
    }

    [Fact]
    public void Acceptor_answers_the_same_prepare_again()
    {
        var acceptor = NewAcceptor();
        Send(acceptor, new Prepare(new Ballot(3, 1), 0, Prepare.AllAcceptors));

        var again = Send(acceptor, new Prepare(new Ballot(3, 1), 0, Prepare.AllAcceptors)).Single<Promise>(RoleGroup.Proposers);

        Assert.Equal(new Ballot(3, 1), again.Ballot);
    }

    [Fact]
    public void Acceptor_promises_a_higher_ballot()
    {
        var acceptor = NewAcceptor();
        Send(acceptor, new Prepare(new Ballot(3, 1), 0, Prepare.AllAcceptors));

        var promise = Send(acceptor, new Prepare(new Ballot(3, 2), 0, Prepare.AllAcceptors)).Single<Promise>(RoleGroup.Proposers);

        Assert.Equal(new Ballot(3, 2), promise.Ballot);
        Assert.Equal(new Ballot(3, 2), acceptor.Promised);
    }

    [Fact]
    public void Acceptor_accepts_at_its_promise_and_reports_it()
    {
        var acceptor = NewAcceptor();
        Batch batch = BatchOf((1, 1, 0, "a"));
        Send(acceptor, new Prepare(new Ballot(1, 1), 0, Prepare.AllAcceptors));

        var accepted = Send(acceptor, new Accept(new Ballot(1, 1), 0, batch)).Single<Accepted>(RoleGroup.Proposers);

        Assert.Equal(new Accepted(new Ballot(1, 1), 0), accepted);
        Assert.True(acceptor.TryGetAccepted(0, out Ballot ballot, out Batch stored));
        Assert.Equal(new Ballot(1, 1), ballot);
        Assert.True(SameBytes(batch, stored));
    }

    [Fact]
    public void Acceptor_ignores_accept_below_its_promise()
    {
        var acceptor = NewAcceptor();
        Send(acceptor, new Prepare(new Ballot(5, 2), 0, Prepare.AllAcceptors));

        var output = Send(acceptor, new Accept(new Ballot(5, 1), 3, BatchOf((1, 1, 0, "a"))));

        Assert.Empty(output.Sent<Accepted>(RoleGroup.Proposers));
        Assert.Equal(new Nack(new Ballot(5, 1), new Ballot(5, 2), 3), output.Single<Nack>(RoleGroup.Proposers));
        Assert.False(acceptor.TryGetAccepted(3, out _, out _));
    }

    [Fact]
    public void Accepting_a_higher_ballot_also_promises_it()
    {
        var acceptor = NewAcceptor();
        Send(acceptor, new Accept(new Ballot(4, 1), 0, Batch.Empty));

        Assert.Equal(new Ballot(4, 1), acceptor.Promised);
        var output = Send(acceptor, new Prepare(new Ballot(3, 2), 0, Prepare.AllAcceptors));
        Assert.Single(output.Sent<Nack>(RoleGroup.Proposers));
    }

    [Fact]
    public void Acceptor_replaces_a_value_accepted_in_a_lower_ballot()
    {
        var acceptor = NewAcceptor();
        Send(acceptor, new Accept(new Ballot(1, 1), 0, BatchOf((1, 1, 0, "old"))));

        Send(acceptor, new Accept(new Ballot(2, 2), 0, BatchOf((1, 1, 0, "new"))));

        Assert.True(acceptor.TryGetAccepted(0, out Ballot ballot, out Batch batch));
        Assert.Equal(new Ballot(2, 2), ballot);
        Assert.Equal(["new"], Text(batch));
    }

    [Fact]
    public void Acceptor_answers_a_resent_accept_again()
    {
        var acceptor = NewAcceptor();
        var accept = new Accept(new Ballot(1, 1), 0, BatchOf((1, 1, 0, "a")));
        Send(acceptor, accept);

        Assert.Single(Send(acceptor, accept).Sent<Accepted>(RoleGroup.Proposers));
    }

    [Fact]
    public void Promise_reports_accepted_values_from_the_prepared_instance_on()
    {
        var acceptor = NewAcceptor();
        Send(acceptor, new Accept(new Ballot(1, 1), 0, BatchOf((1, 1, 0, "zero"))));
        Send(acceptor, new Accept(new Ballot(1, 1), 2, BatchOf((1, 1, 2, "two"))));
        Send(acceptor, new Accept(new Ballot(2, 3), 3, BatchOf((1, 1, 3, "three"))));

        var promise = Send(acceptor, new Prepare(new Ballot(4, 2), 1, Prepare.AllAcceptors)).Single<Promise>(RoleGroup.Proposers);

        Assert.True(promise.Complete);
        Assert.Equal(1, promise.FromInstance);
        Assert.Equal(4, promise.NextInstance);
        Assert.Equal([2L, 3L], promise.Entries.Select(e => e.Instance));
        Assert.Equal([new Ballot(1, 1), new Ballot(2, 3)], promise.Entries.Select(e => e.Ballot));
        Assert.Equal(["two"], Text(promise.Entries[0].Batch));
        Assert.Equal(["three"], Text(promise.Entries[1].Batch));
    }

    [Fact]
    public void Promise_from_beyond_everything_accepted_is_complete_and_empty()
    {
        var acceptor = NewAcceptor();
        Send(acceptor, new Accept(new Ballot(1, 1), 0, Batch.Empty));

        var promise = Send(acceptor, new Prepare(new Ballot(2, 1), 10, Prepare.AllAcceptors)).Single<Promise>(RoleGroup.Proposers);

        Assert.True(promise.Complete);
        Assert.Empty(promise.Entries);
        Assert.Equal(10, promise.NextInstance);
    }

    [Fact]
    public void Acceptor_chunks_a_big_promise_and_continues_on_a_targeted_prepare()
    {
        var settings = new ProtocolSettings { PromiseChunkBytes = 200 };
        var acceptor = NewAcceptor(settings);
        for (long instance = 0; instance < 20; instance++)
        {
            Send(acceptor, new Accept(new Ballot(1, 1), instance, BatchOf((1, 1, (ulong)instance, new string('v', 40)))));
        }

        var ballot = new Ballot(2, 3);
        var chunks = new List<Promise>();
        Promise chunk = Send(acceptor, new Prepare(ballot, 0, Prepare.AllAcceptors)).Single<Promise>(RoleGroup.Proposers);
        chunks.Add(chunk);
        while (!chunk.Complete)
        {
            Assert.True(chunks.Count < 30, "the chunks never complete");
            chunk = Send(acceptor, new Prepare(ballot, chunk.NextInstance, AcceptorId)).Single<Promise>(RoleGroup.Proposers);
            chunks.Add(chunk);
        }

        Assert.True(chunks.Count > 3);
        Assert.All(chunks, c => Assert.True(c.Entries.Sum(e => WireLimits.PromiseEntryOverheadBytes + e.Batch.Encoded.Length) <= 200));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), chunks.SelectMany(c => c.Entries).Select(e => e.Instance));
        for (int i = 1; i < chunks.Count; i++)
        {
            Assert.Equal(chunks[i - 1].NextInstance, chunks[i].FromInstance);
        }

        Assert.Equal(20, chunks[^1].NextInstance);
        Assert.All(chunks, c => Assert.All(c.Entries, e => Assert.InRange(e.Instance, c.FromInstance, c.NextInstance - 1)));
    }

    [Fact]
    public void A_single_value_larger_than_the_chunk_budget_still_goes_out()
    {
        var acceptor = NewAcceptor(new ProtocolSettings { PromiseChunkBytes = 50 });
        Send(acceptor, new Accept(new Ballot(1, 1), 0, BatchOf((1, 1, 0, new string('x', 500)))));
        Send(acceptor, new Accept(new Ballot(1, 1), 1, BatchOf((1, 1, 1, new string('y', 500)))));

        var first = Send(acceptor, new Prepare(new Ballot(2, 1), 0, Prepare.AllAcceptors)).Single<Promise>(RoleGroup.Proposers);

        Assert.False(first.Complete);
        Assert.Equal([0L], first.Entries.Select(e => e.Instance));
        Assert.Equal(1, first.NextInstance);
    }

    [Fact]
    public void Prepare_aimed_at_another_acceptor_is_ignored()
    {
        var acceptor = NewAcceptor();

        var output = Send(acceptor, new Prepare(new Ballot(1, 1), 0, AcceptorId + 1));

        Assert.Empty(output);
        Assert.Equal(Ballot.Zero, acceptor.Promised);
    }

    [Fact]
    public void Accept_for_an_instance_far_beyond_the_lookahead_is_dropped()
    {
        var acceptor = NewAcceptor(new ProtocolSettings { MaxInstanceLookahead = 100 });

        var output = Send(acceptor, new Accept(new Ballot(1, 1), 101, Batch.Empty));

        Assert.Empty(output);
        Assert.Equal(1, acceptor.DroppedOutOfRange);
        Assert.Equal(0, acceptor.AcceptedEnd);
        Assert.Single(Send(acceptor, new Accept(new Ballot(1, 1), 100, Batch.Empty)).Sent<Accepted>(RoleGroup.Proposers));
    }

    [Fact]
    public void Acceptor_ignores_messages_meant_for_other_roles()
    {
        var acceptor = NewAcceptor();

        Assert.Empty(Send(acceptor, new Decision(0, 1, Batch.Empty)));
        Assert.Empty(Send(acceptor, new Promise(new Ballot(1, 1), 0, 0, true, [])));
        Assert.Empty(Send(acceptor, new ClientRequest(BatchOf((1, 1, 0, "a")))));
        acceptor.Tick(Ms(10_000));
        Assert.Empty(acceptor.Drain());
    }
}
