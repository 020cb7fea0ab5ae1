
namespace Paxos.Core.Protocol.Messages;

/// <summary>
/// Phase 1a for every instance from <see cref="FromInstance"/> on. <see cref="TargetAcceptor"/> is
/// <see cref="AllAcceptors"/>, or one acceptor's id when the proposer asks it for the next chunk of its promise.
/// </summary>
public sealed record Prepare(Ballot Ballot, long FromInstance, int TargetAcceptor) : Message
{
    /// <summary>The <see cref="TargetAcceptor"/> meaning every acceptor should answer.</summary>
    public const int AllAcceptors = -1;

    /// <inheritdoc />
    public override MessageType Type => MessageType.Prepare;
}
