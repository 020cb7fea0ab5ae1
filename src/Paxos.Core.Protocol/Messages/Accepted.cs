
namespace Paxos.Core.Protocol.Messages;

/// <summary>
/// Phase 2b: the sending acceptor accepted the value proposed in <see cref="Ballot"/> for <see cref="Instance"/>,
/// on reading copy <see cref="Attempt"/> of the leader's Accept (echoed from it).
/// </summary>
public sealed record Accepted(Ballot Ballot, long Instance, uint Attempt = 0) : Message
{
    /// <inheritdoc />
    public override MessageType Type => MessageType.Accepted;
}
