namespace Paxos.Core.Protocol.Messages;

/// <summary>
/// <see cref="Batch"/> is chosen for <see cref="Instance"/>: sent only by a proposer that saw a quorum
/// accept it in one ballot, or that holds it from such a decision. <see cref="DecidedPrefix"/> is the
/// sender's count of contiguously decided instances, so a receiver can tell how far behind it is.
/// </summary>
public sealed record Decision(long Instance, long DecidedPrefix, Batch Batch) : Message
{
    /// <inheritdoc />
    public override MessageType Type => MessageType.Decision;
}
