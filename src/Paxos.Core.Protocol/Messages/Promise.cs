
namespace Paxos.Core.Protocol.Messages;

/// <summary>
/// Phase 1b, possibly one chunk of several: the acceptor promised <see cref="Ballot"/> and lists every
/// value it accepted for instances in [<see cref="FromInstance"/>, <see cref="NextInstance"/>).
/// <see cref="Complete"/> means it accepted nothing at or after <see cref="NextInstance"/>.
/// </summary>
public sealed record Promise(Ballot Ballot, long FromInstance, long NextInstance, bool Complete, IReadOnlyList<AcceptedEntry> Entries) : Message
{
    /// <inheritdoc />
    public override MessageType Type => MessageType.Promise;
}
