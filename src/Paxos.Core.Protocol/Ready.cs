using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Storage;

namespace Paxos.Core.Protocol;

/// <summary>A message a role wants sent to a multicast group.</summary>
public readonly record struct OutgoingMessage(RoleGroup Destination, Message Message);

/// <summary>A client value the role took into its window, under the sequence number it submits it with.</summary>
public readonly record struct ProposedValue(ulong Sequence, ReadOnlyMemory<byte> Value);

/// <summary>
/// Everything a role produced since the caller last drained it (etcd-raft's <c>Ready</c>): messages to send,
/// values to output, client values taken into the window, and whether storage writes must be committed
/// before the messages may leave. The role never touches a socket, a file or standard output: the node loop
/// (or a test) drains this bag after every input.
/// </summary>
public sealed class Ready
{
    private readonly List<OutgoingMessage> _messages = [];
    private readonly IDurableStore? _store;

    /// <summary>A bag for a role whose writes go to <paramref name="store"/> (null: a role without storage).</summary>
    public Ready(IDurableStore? store = null) => _store = store;

    /// <summary>Messages in the order they were produced.</summary>
    public IReadOnlyList<OutgoingMessage> Messages => _messages;

    /// <summary>A learner's values to output, in order (each is printed as one line).</summary>
    public List<ReadOnlyMemory<byte>> Deliveries { get; } = [];

    /// <summary>A client's values taken from its input into its window, in order.</summary>
    public List<ProposedValue> Proposed { get; } = [];

    /// <summary>A client's submissions sent again, by sequence (for the host's measures: nothing depends on them).</summary>
    public List<ulong> Resent { get; } = [];

    /// <summary>
    /// Whether the role's store has writes waiting for a commit: the messages may depend on them, so they leave
    /// only after <see cref="IDurableStore.Commit"/> (the node loop's commit) made them durable.
    /// </summary>
    public bool MustCommitFirst => _store is { HasPendingWrites: true };

    /// <summary>Queues <paramref name="message"/> for <paramref name="destination"/>.</summary>
    public void Send(RoleGroup destination, Message message) => _messages.Add(new OutgoingMessage(destination, message));

    /// <summary>Forgets the drained messages.</summary>
    public void ClearMessages() => _messages.Clear();

    /// <summary>Forgets everything drained: messages, deliveries, proposed and resent values.</summary>
    public void Clear()
    {
        _messages.Clear();
        Deliveries.Clear();
        Proposed.Clear();
        Resent.Clear();
    }
}
