using System.Diagnostics;
using Paxos.Core.Node;

namespace Paxos.Core.Hosting;

/// <summary>The node loop's clock in a role process: time since the process started (monotonic).</summary>
public sealed class ProcessClock : IClock
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

    /// <inheritdoc />
    public TimeSpan Now => _stopwatch.Elapsed;
}
