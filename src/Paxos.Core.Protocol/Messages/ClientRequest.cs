namespace Paxos.Core.Protocol.Messages;

/// <summary>Client → proposers: submissions to order. Resent until acknowledged.</summary>
public sealed record ClientRequest(Batch Batch) : Message
{
    /// <inheritdoc />
    public override MessageType Type => MessageType.ClientRequest;
}
