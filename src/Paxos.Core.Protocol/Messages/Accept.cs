
namespace Paxos.Core.Protocol.Messages;

/// <summary>
/// Phase 2a: accept <see cref="Batch"/> for <see cref="Instance"/> in <see cref="Ballot"/>. <see cref="Attempt"/>
/// numbers the leader's copies of this Accept (0 for the first send, 1 for the first resend...); the acceptor
/// echoes it in its <see cref="Accepted"/>, so the leader knows which copy got through.
/// </summary>
public sealed record Accept(Ballot Ballot, long Instance, Batch Batch, uint Attempt = 0) : Message
{
    /// <inheritdoc />
    public override MessageType Type => MessageType.Accept;
}
