
namespace Paxos.Core.Protocol.Messages;

/// <summary>Phase 2a: accept <see cref="Batch"/> for <see cref="Instance"/> in <see cref="Ballot"/>.</summary>
public sealed record Accept(Ballot Ballot, long Instance, Batch Batch) : Message
{
    /// <inheritdoc />
    public override MessageType Type => MessageType.Accept;
}
