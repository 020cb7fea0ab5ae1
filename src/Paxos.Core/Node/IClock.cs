namespace Paxos.Core.Node;

/// <summary>The node loop's clock: the time every role reading comes from (process time, or simulated time).</summary>
public interface IClock
{
    /// <summary>The current time, from an arbitrary origin; never goes back.</summary>
    TimeSpan Now { get; }
}
