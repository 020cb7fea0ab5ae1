
namespace Paxos.Core.Protocol.Messages;

/// <summary>A learner or proposer asks for decided instances from <see cref="FromInstance"/> on, sent to <see cref="ReplyTo"/>.</summary>
public sealed record CatchUpRequest(long FromInstance, RoleGroup ReplyTo) : Message
{
    /// <inheritdoc />
    public override MessageType Type => MessageType.CatchUpRequest;
}
