
namespace Paxos.Core.Protocol.Messages;

/// <summary>
/// Proposer → proposers, periodically: "I am alive" (the election), the highest ballot the sender has
/// seen (so a new leader picks a higher one), and its decided prefix (so followers notice missed decisions).
/// </summary>
public sealed record Heartbeat(Ballot HighestBallot, long DecidedPrefix) : Message
{
    /// <inheritdoc />
    public override MessageType Type => MessageType.Heartbeat;
}
