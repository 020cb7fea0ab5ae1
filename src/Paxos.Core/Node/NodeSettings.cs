using Paxos.Core.Wire;

namespace Paxos.Core.Node;

/// <summary>Who a node is on the wire and how often its role is ticked.</summary>
public sealed record NodeSettings
{
    /// <summary>The process id: the sender id of its frames.</summary>
    public required int Id { get; init; }

    /// <summary>The cluster id every frame carries; frames of other clusters are dropped.</summary>
    public required uint ClusterId { get; init; }

    /// <summary>Signs and checks frames when the cluster has a key; null otherwise.</summary>
    public FrameAuthenticator? Authenticator { get; init; }

    /// <summary>How often the real-time loop ticks the role: the resolution of every timeout.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Drop, unread, the node's own Decisions and Heartbeats that multicast loops back (proposers: their
    /// group is among the destinations of both, and decoding would copy each batch once more).
    /// </summary>
    public bool DropsOwnEchoes { get; init; }
}
