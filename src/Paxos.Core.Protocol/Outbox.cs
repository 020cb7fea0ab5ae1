using Paxos.Core.Protocol.Messages;

namespace Paxos.Core.Protocol;

/// <summary>A message a role wants sent to a multicast group.</summary>
public readonly record struct OutgoingMessage(RoleGroup Destination, Message Message);

/// <summary>
/// The messages a role produced while handling one input. The host (or the simulator) drains it after
/// every call: the role itself never touches a socket.
/// </summary>
public sealed class Outbox
{
    private readonly List<OutgoingMessage> _messages = [];

    /// <summary>Messages in the order they were produced.</summary>
    public IReadOnlyList<OutgoingMessage> Messages => _messages;

    /// <summary>Queues <paramref name="message"/> for <paramref name="destination"/>.</summary>
    public void Send(RoleGroup destination, Message message) => _messages.Add(new OutgoingMessage(destination, message));

    /// <summary>Forgets the drained messages.</summary>
    public void Clear() => _messages.Clear();
}
