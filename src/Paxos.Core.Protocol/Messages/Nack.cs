
namespace Paxos.Core.Protocol.Messages;

/// <summary>
/// An acceptor refused <see cref="Rejected"/> (a Prepare, or an Accept for <see cref="Instance"/>)
/// because it promised the higher <see cref="Promised"/>. Lets the proposer back off at once
/// instead of waiting for a timeout.
/// </summary>
public sealed record Nack(Ballot Rejected, Ballot Promised, long Instance) : Message
{
    /// <inheritdoc />
    public override MessageType Type => MessageType.Nack;
}
