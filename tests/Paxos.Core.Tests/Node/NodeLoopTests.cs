using Paxos.Core.Hosting;
using Paxos.Core.Node;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;
using Paxos.Core.Protocol.Clients;
using Paxos.Core.Protocol.Learners;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;
using Paxos.Core.Protocol.Storage;
using Paxos.Core.Tests.Protocol;
using Paxos.Core.Wire;

namespace Paxos.Core.Tests.Node;

public sealed class NodeLoopTests
{
    private const uint ClusterId = 77;
    private static readonly ProtocolSettings Settings = new();
    private static readonly Ballot BallotOne = new(1, 1);

    private sealed class FakeClock : IClock
    {
        public TimeSpan Now { get; set; }
    }

    /// <summary>Records what is sent (and, given a log, in which order against commits).</summary>
    private sealed class FakeNetwork(List<string>? log = null) : INetwork
    {
        public List<(RoleGroup Destination, Message Message)> Sent { get; } = [];

        public Queue<byte[]> Incoming { get; } = new();

        public bool TrySend(RoleGroup destination, ReadOnlySpan<byte> datagram)
        {
            Assert.True(FrameCodec.TryDecode(datagram, ClusterId, out Frame frame, out _));
            Sent.Add((destination, frame.Message));
            log?.Add($"send {frame.Message.Type}");
            return true;
        }

        public bool WaitForData(TimeSpan timeout) => Incoming.Count > 0;

        public ReceiveOutcome Receive(Span<byte> buffer, out int length)
        {
            if (!Incoming.TryDequeue(out byte[]? datagram))
            {
                length = 0;
                return ReceiveOutcome.NothingWaiting;
            }

            datagram.CopyTo(buffer);
            length = datagram.Length;
            return ReceiveOutcome.Datagram;
        }
    }

    /// <summary>An acceptor store in memory that says it has pending writes until committed, and logs the commit.</summary>
    private sealed class LoggedStore(List<string> log, CommitProgress progress) : IAcceptorStore, IStoreCommit
    {
        private readonly AcceptedLogStore _inner = new();

        public bool HasPendingWrites { get; private set; }

        public Ballot Promised => _inner.Promised;

        public long AcceptedEnd => _inner.AcceptedEnd;

        public CommitProgress Commit()
        {
            log.Add("commit");
            HasPendingWrites = false;
            return progress;
        }

        void IDurableStore.Commit() => Commit();

        public void SetPromised(Ballot ballot)
        {
            HasPendingWrites = true;
            _inner.SetPromised(ballot);
        }

        public void SetAccepted(long instance, Ballot ballot, Batch batch)
        {
            HasPendingWrites = true;
            _inner.SetAccepted(instance, ballot, batch);
        }

        public bool TryGet(long instance, out Ballot ballot, out Batch batch) => _inner.TryGet(instance, out ballot, out batch);

        public IEnumerable<(long Instance, Ballot Ballot, Batch Batch)> From(long from) => _inner.From(from);
    }

    /// <summary>The simplest in-memory acceptor store, for <see cref="LoggedStore"/> to wrap.</summary>
    private sealed class AcceptedLogStore
    {
        private readonly SortedDictionary<long, (Ballot, Batch)> _accepted = [];

        public Ballot Promised { get; private set; }

        public long AcceptedEnd => _accepted.Count == 0 ? 0 : _accepted.Keys.Max() + 1;

        public void SetPromised(Ballot ballot) => Promised = ballot;

        public void SetAccepted(long instance, Ballot ballot, Batch batch)
        {
            Promised = ballot > Promised ? ballot : Promised;
            _accepted[instance] = (ballot, batch.Owned());
        }

        public bool TryGet(long instance, out Ballot ballot, out Batch batch)
        {
            bool found = _accepted.TryGetValue(instance, out (Ballot Ballot, Batch Batch) entry);
            (ballot, batch) = found ? entry : (default, Batch.Empty);
            return found;
        }

        public IEnumerable<(long Instance, Ballot Ballot, Batch Batch)> From(long from) =>
            _accepted.Where(e => e.Key >= from).Select(e => (e.Key, e.Value.Item1, e.Value.Item2));
    }

    private sealed class ListOutput : IOutputSink
    {
        public List<string> Lines { get; } = [];

        public bool FailAfterFirst { get; init; }

        public bool Failed { get; private set; }

        public int Flushes { get; private set; }

        public void Write(ReadOnlySpan<byte> value)
        {
            Lines.Add(System.Text.Encoding.UTF8.GetString(value));
            Failed = FailAfterFirst;
        }

        public void Flush() => Flushes++;
    }

    private static NodeSettings Node(int id) => new() { Id = id, ClusterId = ClusterId };

    private static byte[] Frame(Message message, int senderId)
    {
        var buffer = new byte[FrameHeader.MaxDatagramBytes];
        int length = FrameCodec.Encode(message, ClusterId, senderId, buffer);
        return buffer[..length];
    }

    [Fact]
    public void Without_a_store_an_answer_leaves_as_soon_as_the_message_is_handled()
    {
        var network = new FakeNetwork();
        var loop = new NodeLoop(new Acceptor(1, Settings), network, new FakeClock(), Node(1));

        loop.Handle(5, new Prepare(BallotOne, 0, Prepare.AllAcceptors));

        (RoleGroup destination, Message message) = Assert.Single(network.Sent);
        Assert.Equal(RoleGroup.Proposers, destination);
        Assert.IsType<Promise>(message);
    }

    [Fact]
    public void With_a_store_the_turns_answers_wait_for_one_commit_that_comes_first()
    {
        var log = new List<string>();
        var store = new LoggedStore(log, CommitProgress.Durable);
        var network = new FakeNetwork(log);
        var loop = new NodeLoop(new Acceptor(1, Settings, store), network, new FakeClock(), Node(1)) { Commit = store };

        loop.Handle(5, new Prepare(BallotOne, 0, Prepare.AllAcceptors));
        loop.Handle(5, new Accept(BallotOne, 0, Batch.Empty));
        Assert.Empty(network.Sent);

        loop.EndTurn();

        Assert.Equal(["commit", "send Promise", "send Accepted"], log);
    }

    [Fact]
    public void A_role_with_writes_to_commit_but_a_loop_without_a_commit_fails_before_anything_leaves()
    {
        var store = new LoggedStore([], CommitProgress.Durable);
        var network = new FakeNetwork();
        var loop = new NodeLoop(new Acceptor(1, Settings, store), network, new FakeClock(), Node(1));

        Assert.Throws<InvalidOperationException>(() => loop.Handle(5, new Prepare(BallotOne, 0, Prepare.AllAcceptors)));

        Assert.Empty(network.Sent);
    }

    [Fact]
    public void A_commit_that_syncs_on_holds_the_answers_until_it_completes()
    {
        var log = new List<string>();
        var store = new LoggedStore(log, CommitProgress.Syncing);
        var network = new FakeNetwork(log);
        var loop = new NodeLoop(new Acceptor(1, Settings, store), network, new FakeClock(), Node(1)) { Commit = store };

        loop.Handle(5, new Prepare(BallotOne, 0, Prepare.AllAcceptors));
        loop.EndTurn();
        Assert.True(loop.Committing);
        Assert.Empty(network.Sent);

        loop.CommitCompleted();

        Assert.False(loop.Committing);
        Assert.IsType<Promise>(Assert.Single(network.Sent).Message);
    }

    [Fact]
    public void An_acceptor_lent_its_accepts_over_the_receive_buffer_keeps_every_accepted_value_intact()
    {
        // Both Accepts arrive in one turn, into the one receive buffer, the second over the first: what the
        // acceptor kept of the first must be a copy, not the buffer.
        var network = new FakeNetwork();
        var loop = new NodeLoop(new Acceptor(1, Settings, new AcceptedLog()), network, new FakeClock(), Node(1));
        string first = new('a', 3000), second = new('b', 3000);
        network.Incoming.Enqueue(Frame(new Accept(BallotOne, 0, RoleTestBatches.Of(first, "x")), 5));
        network.Incoming.Enqueue(Frame(new Accept(BallotOne, 1, RoleTestBatches.Of(second, "y")), 5));
        loop.ReceiveWaiting();
        network.Sent.Clear();

        loop.Handle(5, new Prepare(BallotOne, 0, Prepare.AllAcceptors));

        var promise = Assert.IsType<Promise>(Assert.Single(network.Sent).Message);
        Assert.Equal([first, "x"], RoleTestKit.Text(promise.Entries[0].Batch));
        Assert.Equal([second, "y"], RoleTestKit.Text(promise.Entries[1].Batch));
        Assert.False(promise.Entries[0].Batch.IsBorrowed);
    }

    [Fact]
    public void A_learner_lent_decisions_prints_every_value_intact_in_order_and_out_of_order()
    {
        // One turn, one receive buffer: instance 1 arrives first and must wait (a copy), then 0 and 2, each
        // printed before the next datagram overwrites the buffer.
        var network = new FakeNetwork();
        var output = new ListOutput();
        var loop = new NodeLoop(new Learner(Settings), network, new FakeClock(), Node(1)) { Output = output };
        string[] values = [new('a', 2000), new('b', 2000), new('c', 2000), new('d', 2000)];
        network.Incoming.Enqueue(Frame(new Decision(1, 0, RoleTestKit.BatchOf((9, 9, 1, values[1]))), 2));
        network.Incoming.Enqueue(Frame(new Decision(0, 0, RoleTestKit.BatchOf((9, 9, 0, values[0]))), 2));
        network.Incoming.Enqueue(Frame(new Decision(2, 0, RoleTestKit.BatchOf((9, 9, 2, values[2]))), 2));
        network.Incoming.Enqueue(Frame(new Decision(3, 0, RoleTestKit.BatchOf((9, 9, 3, values[3]))), 2));

        loop.ReceiveWaiting();

        Assert.Equal(values, output.Lines);
    }

    [Fact]
    public void A_follower_lent_decisions_keeps_every_decided_batch_intact()
    {
        var network = new FakeNetwork();
        var log = new DecidedLog();
        var loop = new NodeLoop(new Proposer(2, 3, Settings, new Random(1), TimeSpan.Zero, log), network, new FakeClock(), Node(2));
        string first = new('a', 3000), second = new('b', 3000);
        network.Incoming.Enqueue(Frame(new Decision(1, 0, RoleTestBatches.Of(second)), 1));
        network.Incoming.Enqueue(Frame(new Decision(0, 0, RoleTestBatches.Of(first)), 1));

        loop.ReceiveWaiting();

        Assert.Equal(2, log.ContiguousEnd);
        Assert.True(log.TryGet(0, out Batch zero));
        Assert.True(log.TryGet(1, out Batch one));
        Assert.Equal([first], RoleTestKit.Text(zero));
        Assert.Equal([second], RoleTestKit.Text(one));
    }

    [Fact]
    public void Roles_are_lent_only_the_batches_they_keep_no_reference_to()
    {
        IRole acceptor = new Acceptor(1, Settings);
        IRole learner = new Learner(Settings);
        IRole proposer = new Proposer(1, 3, Settings, new Random(1), TimeSpan.Zero);
        IRole client = new Client(1, 1, Settings);

        Assert.True(acceptor.MayBorrowBatchOf(MessageType.Accept));
        Assert.True(learner.MayBorrowBatchOf(MessageType.Decision));
        Assert.True(proposer.MayBorrowBatchOf(MessageType.Decision));

        // A leader queues the values of client requests, and a new leader keeps the batches of promises.
        Assert.False(proposer.MayBorrowBatchOf(MessageType.ClientRequest));
        Assert.False(proposer.MayBorrowBatchOf(MessageType.Promise));
        Assert.False(acceptor.MayBorrowBatchOf(MessageType.Prepare));
        Assert.False(client.MayBorrowBatchOf(MessageType.ClientAck));
    }

    [Fact]
    public void A_learners_values_go_to_the_output_and_a_failed_output_finishes_the_node()
    {
        var output = new ListOutput { FailAfterFirst = true };
        var loop = new NodeLoop(new Learner(Settings), new FakeNetwork(), new FakeClock(), Node(1)) { Output = output };
        Assert.False(loop.Finished);

        loop.Handle(2, new Decision(0, 1, RoleTestBatches.Of("a", "b")));

        Assert.Equal(["a"], output.Lines);
        Assert.True(loop.Finished);
    }

    [Fact]
    public void Received_garbage_and_foreign_frames_are_counted_and_dropped_and_valid_ones_handled()
    {
        var network = new FakeNetwork();
        var output = new ListOutput();
        var loop = new NodeLoop(new Learner(Settings), network, new FakeClock(), Node(1)) { Output = output };
        network.Incoming.Enqueue([1, 2, 3]);
        network.Incoming.Enqueue([]);
        var foreign = new byte[FrameHeader.MaxDatagramBytes];
        int foreignLength = FrameCodec.Encode(new Decision(0, 1, RoleTestBatches.Of("x")), ClusterId + 1, 2, foreign);
        network.Incoming.Enqueue(foreign[..foreignLength]);
        network.Incoming.Enqueue(Frame(new Decision(0, 1, RoleTestBatches.Of("v")), 2));

        loop.ReceiveWaiting();

        Assert.Equal(["v"], output.Lines);
        Assert.Equal(1, output.Flushes);
        Assert.Equal(4, loop.Counters.DatagramsReceived);
        Assert.Equal(1, loop.Counters.Dropped(DropReason.Empty));
        Assert.Equal(3, loop.Counters.Snapshot().Where(p => p.Key.StartsWith("dropped.", StringComparison.Ordinal)).Sum(p => p.Value));
    }

    [Fact]
    public void A_proposer_drops_its_own_looped_back_decisions_unread()
    {
        var loop = new NodeLoop(new Learner(Settings), new FakeNetwork(), new FakeClock(), Node(3) with { DropsOwnEchoes = true });

        Assert.False(loop.TryHandleDatagram(Frame(new Decision(0, 1, RoleTestBatches.Of("v")), 3)));

        Assert.Equal(1, loop.Counters.Dropped(DropReason.OwnEcho));
    }

    [Fact]
    public void A_follower_proposer_drops_client_requests_unread_and_a_leader_handles_them()
    {
        byte[] request = Frame(new ClientRequest(RoleTestBatches.Of("v")), 7);
        var follower = new NodeLoop(new Proposer(2, 3, Settings, new Random(1), TimeSpan.Zero), new FakeNetwork(), new FakeClock(), Node(2));
        var leaderNetwork = new FakeNetwork();
        var leader = new NodeLoop(RoleTestKit.ElectedLeader(Settings), leaderNetwork, new FakeClock(), Node(1));

        Assert.False(follower.TryHandleDatagram(request));
        Assert.True(leader.TryHandleDatagram(request));

        Assert.Equal(1, follower.Counters.Dropped(DropReason.Ignored));
        Assert.Equal(0, leader.Counters.Dropped(DropReason.Ignored));
        Assert.Contains(leaderNetwork.Sent, sent => sent.Destination == RoleGroup.Acceptors && sent.Message is Accept);
    }

    [Fact]
    public void Run_stops_once_the_role_is_finished()
    {
        var client = new Paxos.Core.Protocol.Clients.Client(1, 1, Settings);
        var loop = new NodeLoop(client, new FakeNetwork(), new FakeClock(), Node(1)) { Input = new EmptyInput() };

        loop.Run(CancellationToken.None);

        Assert.True(client.Finished);
    }

    private sealed class EmptyInput : IInputSource
    {
        public bool Completed => true;

        public bool TryTake(TimeSpan now, out ReadOnlyMemory<byte> value)
        {
            value = default;
            return false;
        }
    }
}

/// <summary>Batches of one client's values, for the loop tests.</summary>
internal static class RoleTestBatches
{
    public static Batch Of(params string[] values)
    {
        var builder = new BatchBuilder();
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(builder.TryAdd(9, 9, (ulong)i, System.Text.Encoding.UTF8.GetBytes(values[i])));
        }

        return builder.Build();
    }
}
