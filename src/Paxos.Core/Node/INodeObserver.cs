using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;

namespace Paxos.Core.Node;

/// <summary>
/// Watches a node loop's inputs and outputs without changing them: a client's latency measures, the
/// simulator's safety checker. Every method is called on the loop's thread, right after the event.
/// </summary>
public interface INodeObserver
{
    /// <summary>The role handled <paramref name="message"/> from <paramref name="senderId"/>.</summary>
    void OnHandled(int senderId, Message message, TimeSpan now);

    /// <summary>The role took a client value into its window.</summary>
    void OnProposed(ProposedValue value, TimeSpan now);

    /// <summary>The role, a client, sent submission <paramref name="sequence"/> again.</summary>
    void OnResent(ulong sequence, TimeSpan now)
    {
    }

    /// <summary>The loop is about to encode and send <paramref name="message"/> to <paramref name="destination"/>.</summary>
    void OnSending(RoleGroup destination, Message message, TimeSpan now);

    /// <summary>A turn's messages are about to leave, with every write they depend on durable.</summary>
    void OnReleasing(TimeSpan now);
}
