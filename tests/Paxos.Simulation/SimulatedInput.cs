using Paxos.Core.Protocol;

namespace Paxos.Simulation;

/// <summary>
/// A simulated client's standard input: the values it has not submitted yet, read at most once every
/// <see cref="SimNode.SubmitInterval"/> (zero: as fast as the client's window allows).
/// </summary>
public sealed class SimulatedInput(SimNode node) : IInputSource
{
    /// <inheritdoc />
    public bool Completed => node.ToSubmit.Count == 0;

    /// <inheritdoc />
    public bool TryTake(TimeSpan now, out ReadOnlyMemory<byte> value)
    {
        if (now < node.NextSubmitAt || !node.ToSubmit.TryDequeue(out byte[]? next))
        {
            value = default;
            return false;
        }

        node.NextSubmitAt = now + node.SubmitInterval;
        value = next;
        return true;
    }
}
