namespace Paxos.Core.Protocol.Messages;

/// <summary>Proposer → clients: these submissions are decided; clients stop resending them.</summary>
public sealed record ClientAck(IReadOnlyList<SubmissionRange> Ranges) : Message
{
    /// <inheritdoc />
    public override MessageType Type => MessageType.ClientAck;
}
