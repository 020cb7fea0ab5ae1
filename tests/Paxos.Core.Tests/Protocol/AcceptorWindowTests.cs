using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;
using Paxos.Core.Protocol.Messages;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Protocol;

/// <summary>
/// The instances an acceptor takes: at most <see cref="ProtocolSettings.MaxInstanceLookahead"/> past the later of
/// its highest accepted instance and the start of the latest Prepare it promised (a leader's Phase 1 and its
/// periodic reassertion both carry where the cluster is), so an acceptor that was away votes again; and its memory
/// grows with what it stores, never with how large the instance numbers are.
/// </summary>
public sealed class AcceptorWindowTests
{
    private static readonly Ballot Leader = new(1, 1, 7);

    private static List<OutgoingMessage> Send(Acceptor acceptor, Message message)
    {
        acceptor.Handle(1, message, TimeSpan.Zero);
        return acceptor.Drain();
    }

    [Fact]
    public void Acceptor_away_for_long_votes_again_once_a_prepare_shows_where_the_cluster_is()
    {
        var acceptor = new Acceptor(2, new ProtocolSettings { MaxInstanceLookahead = 100 });
        Send(acceptor, new Accept(Leader, 0, Batch.Empty));

        // The cluster moved on 500 instances while this acceptor was cut off.
        Assert.Empty(Send(acceptor, new Accept(Leader, 500, Batch.Empty)));

        // The leader's next Prepare (a reassertion, from its next instance) moves the window there.
        Send(acceptor, new Prepare(Leader, 480, Prepare.AllAcceptors));
        Assert.Single(Send(acceptor, new Accept(Leader, 500, Batch.Empty)).Sent<Accepted>(RoleGroup.Proposers));
    }

    [Fact]
    public void Accepts_walking_far_ahead_do_not_grow_memory_with_the_instance_numbers()
    {
        var acceptor = new Acceptor(2, new ProtocolSettings());
        long before = GC.GetAllocatedBytesForCurrentThread();

        // Each Accept lands at the edge of the window the previous one opened.
        long instance = 0;
        for (int i = 0; i < 40; i++)
        {
            instance += 1_000_000;
            Send(acceptor, new Accept(Leader, instance, Batch.Empty));
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 20_000_000, $"{allocated:N0} bytes allocated for 40 accepted instances");
        Assert.Equal(instance + 1, acceptor.AcceptedEnd);
    }

    [Fact]
    public void Prepare_lists_only_what_was_accepted_however_far_apart()
    {
        var acceptor = new Acceptor(2, new ProtocolSettings());
        Send(acceptor, new Accept(Leader, 3, BatchOf((1, 1, 0, "a"))));
        Send(acceptor, new Prepare(Leader, 4_000_000_000, Prepare.AllAcceptors));
        Send(acceptor, new Accept(Leader, 4_000_000_007, BatchOf((1, 1, 1, "b"))));

        var promise = Send(acceptor, new Prepare(new Ballot(2, 1), 0, Prepare.AllAcceptors)).Single<Promise>(RoleGroup.Proposers);

        Assert.Equal([3L, 4_000_000_007L], promise.Entries.Select(e => e.Instance));
        Assert.True(promise.Complete);
        Assert.Equal(4_000_000_008L, promise.NextInstance);
    }

    [Fact]
    public void Chunked_promise_continues_at_the_next_stored_instance()
    {
        var acceptor = new Acceptor(2, new ProtocolSettings { PromiseChunkBytes = 1 });
        Send(acceptor, new Accept(Leader, 5, BatchOf((1, 1, 0, "a"))));
        Send(acceptor, new Accept(Leader, 3_000, BatchOf((1, 1, 1, "b"))));

        var first = Send(acceptor, new Prepare(new Ballot(2, 1), 0, Prepare.AllAcceptors)).Single<Promise>(RoleGroup.Proposers);
        var second = Send(acceptor, new Prepare(new Ballot(2, 1), first.NextInstance, 2)).Single<Promise>(RoleGroup.Proposers);

        Assert.Equal([5L], first.Entries.Select(e => e.Instance));
        Assert.False(first.Complete);
        Assert.Equal(3_000, first.NextInstance);
        Assert.Equal([3_000L], second.Entries.Select(e => e.Instance));
        Assert.True(second.Complete);
    }
}
