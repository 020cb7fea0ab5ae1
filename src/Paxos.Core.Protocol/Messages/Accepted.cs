
namespace Paxos.Core.Protocol.Messages;

/// <summary>Phase 2b: the sending acceptor accepted the value proposed in <see cref="Ballot"/> for <see cref="Instance"/>.</summary>
public sealed record Accepted(Ballot Ballot, long Instance) : Message
{
    /// <inheritdoc />
    public override MessageType Type => MessageType.Accepted;
}
