namespace Paxos.Core.Protocol.Messages;

/// <summary>
/// Leader → clients: these submissions reached the leader and wait in its queue or pipeline. A client then
/// stops its short resend timer (the request was not lost) and waits for the <see cref="ClientAck"/> of the
/// decision, so values that are merely queued are not sent again. Encoded exactly as a <see cref="ClientAck"/>.
/// </summary>
public sealed record ClientReceipt(IReadOnlyList<SubmissionRange> Ranges) : Message
{
    /// <inheritdoc />
    public override MessageType Type => MessageType.ClientReceipt;
}
