using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Clients;
using Paxos.Core.Protocol.Messages;

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
