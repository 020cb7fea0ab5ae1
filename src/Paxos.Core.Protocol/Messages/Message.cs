namespace Paxos.Core.Protocol.Messages;

/// <summary>A decoded frame body. Each subclass is one <see cref="MessageType"/>.</summary>
public abstract record Message
{
    /// <summary>The type byte this message is encoded with.</summary>
    public abstract MessageType Type { get; }
}
