namespace Paxos.Core.Node;

/// <summary>
/// An input or observer with a deadline of its own (a paced client's next value, a client's next session
/// save): the real-time loop wakes up by then even when no datagram arrives.
/// </summary>
public interface IWakeSource
{
    /// <summary>When the loop must run a turn at the latest (<see cref="TimeSpan.MaxValue"/>: no deadline).</summary>
    TimeSpan NextWake(TimeSpan now);

    /// <summary>Called after every turn of the real-time loop (e.g. to save progress that is due).</summary>
    void OnTurnEnded(TimeSpan now);
}
