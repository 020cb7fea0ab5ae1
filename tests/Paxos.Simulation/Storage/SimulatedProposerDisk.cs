using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Proposers;

namespace Paxos.Simulation.Storage;

/// <summary>
/// What a proposer's data folder holds across its crashes: the decisions and the round floor of every
/// completed commit. <see cref="Open"/> is a process starting over the folder.
/// </summary>
public sealed class SimulatedProposerDisk
{
    private readonly DecidedLog _durable = new();

    /// <summary>The round floor on the disk.</summary>
    public uint RoundFloor => _durable.RoundFloor;

    /// <summary>Every instance below this is decided on the disk.</summary>
    public long ContiguousEnd => _durable.ContiguousEnd;

    /// <summary>Whether the disk holds the decision of <paramref name="instance"/>.</summary>
    public bool Contains(long instance) => _durable.Contains(instance);

    /// <summary>
    /// A store over this disk for a new proposer process, loaded with what the disk holds.
    /// <paramref name="forgetRoundFloor"/> is the broken variant that reloads the decisions but starts its
    /// rounds from zero again.
    /// </summary>
    public SimulatedProposerStore Open(bool forgetRoundFloor = false)
    {
        var memory = new DecidedLog();
        if (!forgetRoundFloor)
        {
            memory.RaiseRoundFloor(_durable.RoundFloor);
        }

        for (long instance = 0; instance < _durable.DecidedEnd; instance++)
        {
            if (_durable.TryGet(instance, out Batch batch))
            {
                memory.TryAdd(instance, batch);
            }
        }

        return new SimulatedProposerStore(this, memory);
    }

    internal void Write(uint roundFloor, IEnumerable<(long Instance, Batch Batch)> decided)
    {
        _durable.RaiseRoundFloor(roundFloor);
        foreach ((long instance, Batch batch) in decided)
        {
            _durable.TryAdd(instance, batch);
        }
    }
}
