using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Clients;
using Paxos.Core.Protocol.Messages;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Protocol;

/// <summary>Client values entering through the role interface (<see cref="IRole.Propose"/>), as the node loop feeds them.</summary>
public sealed class ClientInputTests
{
    private sealed class ListInput(params string[] values) : IInputSource
    {
        private readonly Queue<string> _values = new(values);

        public bool Completed => _values.Count == 0;

        public bool TryTake(TimeSpan now, out ReadOnlyMemory<byte> value)
        {
            bool taken = _values.TryDequeue(out string? text);
            value = taken ? Encoding.UTF8.GetBytes(text!) : default;
            return taken;
        }
    }

    [Fact]
    public void Client_takes_what_its_window_has_room_for_and_reports_each_value_with_its_sequence()
    {
        var client = new Client(3, 9, new ProtocolSettings { ClientWindow = 2 });
        var input = new ListInput("a", "b", "c");

        client.Propose(input, TimeSpan.Zero);

        Assert.Equal([(0UL, "a"), (1UL, "b")], client.Ready.Proposed.Select(p => (p.Sequence, Encoding.UTF8.GetString(p.Value.Span))));
        Assert.Single(client.Ready.Messages, m => m.Destination == RoleGroup.Proposers && m.Message is ClientRequest);
        Assert.False(client.InputEnded);
    }

    [Fact]
    public void A_full_request_leaves_before_the_rest_of_the_input_is_taken()
    {
        // 200 values of 1,000 bytes: about 60 fill a request datagram, and the window has room for all.
        var client = new Client(3, 9, new ProtocolSettings());
        var input = new ListInput(Enumerable.Repeat(new string('x', 1_000), 200).ToArray());

        client.Propose(input, TimeSpan.Zero);

        // One full request went out, with the value that did not fit held for the next: the host sends the
        // request at the end of this turn instead of after the whole window was packed.
        var first = client.Drain().Single<ClientRequest>(RoleGroup.Proposers);
        int perRequest = first.Batch.ValueCount;
        Assert.InRange(perRequest, 50, 70);
        Assert.Equal(perRequest + 1, client.Ready.Proposed.Count);
        Assert.True(client.HoldsUnsentBatch);

        // Each later turn sends the next full request; the last turn sends the rest, and nothing is left held.
        var counts = new List<int> { perRequest };
        for (int turn = 0; turn < 10 && (!client.InputEnded || client.HoldsUnsentBatch); turn++)
        {
            client.Propose(input, TimeSpan.Zero);
            counts.AddRange(client.Drain().Sent<ClientRequest>(RoleGroup.Proposers).Select(r => r.Batch.ValueCount));
        }

        Assert.Equal(200, counts.Sum());
        Assert.Equal((200 + perRequest - 1) / perRequest, counts.Count);
        Assert.False(client.HoldsUnsentBatch);
    }

    [Fact]
    public void A_tick_with_nothing_to_resend_leaves_a_held_batch_for_the_next_input()
    {
        var client = new Client(3, 9, new ProtocolSettings());
        var input = new ListInput(Enumerable.Repeat(new string('x', 1_000), 100).ToArray());
        client.Propose(input, TimeSpan.Zero);
        int perRequest = client.Drain().Single<ClientRequest>(RoleGroup.Proposers).Batch.ValueCount;

        // The leftover value would otherwise go out alone, one datagram for one value, after every full one.
        client.Tick(TimeSpan.FromMilliseconds(1));
        Assert.Empty(client.Drain());
        Assert.True(client.HoldsUnsentBatch);

        // The next turn sends it with the rest of the input, in order.
        client.Propose(input, TimeSpan.FromMilliseconds(1));
        var rest = client.Drain().Single<ClientRequest>(RoleGroup.Proposers);
        var sequences = new List<ulong>();
        foreach (BatchValue value in rest.Batch)
        {
            sequences.Add(value.Sequence);
        }

        Assert.Equal(Enumerable.Range(perRequest, 100 - perRequest).Select(i => (ulong)i), sequences);
    }

    [Fact]
    public void Client_is_finished_only_when_its_input_ended_and_everything_is_acknowledged()
    {
        var client = new Client(3, 9, new ProtocolSettings());
        client.Propose(new ListInput("a"), TimeSpan.Zero);

        Assert.True(client.InputEnded);
        Assert.False(client.Finished);

        client.Handle(1, new ClientAck([new SubmissionRange(3, 9, 0, 1)]), TimeSpan.FromMilliseconds(1));

        Assert.True(client.Finished);
    }

    [Fact]
    public void Roles_without_input_take_nothing_and_never_finish()
    {
        var input = new ListInput("a");
        IRole[] roles = [new Paxos.Core.Protocol.Acceptors.Acceptor(1, new ProtocolSettings()), new Paxos.Core.Protocol.Learners.Learner(new ProtocolSettings())];

        foreach (IRole role in roles)
        {
            role.Propose(input, TimeSpan.Zero);
            Assert.Empty(role.Ready.Proposed);
            Assert.False(role.Finished);
        }

        Assert.False(input.Completed);
    }
}
