namespace Paxos.Core.Wire;

/// <summary>Why a received datagram was dropped instead of handled.</summary>
public enum DropReason
{
    /// <summary>Not dropped.</summary>
    None = 0,

    /// <summary>Too short for a header, or the magic is not ours: some other program's traffic.</summary>
    Foreign,

    /// <summary>Our magic but another protocol version.</summary>
    WrongVersion,

    /// <summary>Our protocol, but another cluster id: a second cluster sharing the groups.</summary>
    OtherCluster,

    /// <summary>Unknown message type, truncated body, bad length or trailing bytes.</summary>
    Malformed,

    /// <summary>
    /// With a key configured: no tag, or a wrong one (a forger, or a process without the key).
    /// Without a key: a tagged frame, which this process cannot check.
    /// </summary>
    Unauthenticated,

    /// <summary>A zero-length datagram: nothing of ours is empty.</summary>
    Empty,

    /// <summary>Longer than any frame of ours (<see cref="FrameHeader.MaxDatagramBytes"/>), or cut short by the receive buffer.</summary>
    Oversized,

    /// <summary>A proposer's own Decision or Heartbeat, looped back by multicast (see <see cref="FrameHeader.IsEchoOf"/>).</summary>
    OwnEcho,

    /// <summary>Of a type the role ignores in its state (see <c>IRole.Ignores</c>): dropped after the header, unread.</summary>
    Ignored,
}
