namespace Paxos.Core.Hosting;

/// <summary>What one non-blocking receive on the group socket produced.</summary>
public enum ReceiveOutcome
{
    /// <summary>One datagram was taken off the queue (its length may be 0).</summary>
    Datagram,

    /// <summary>The queue is empty ("would block").</summary>
    NothingWaiting,

    /// <summary>One datagram was taken off the queue but did not fit the buffer (MSG_TRUNC): it is gone.</summary>
    Truncated,

    /// <summary>The socket reported an error (e.g. a pending ICMP-induced one); nothing was received.</summary>
    Failed,
}
