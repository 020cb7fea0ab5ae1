using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Proposers;
using Paxos.Core.Protocol.Storage;

namespace Paxos.Simulation.Storage;

/// <summary>
/// A proposer's store in a simulated process: the decided log and round floor in memory, reaching the
/// <see cref="SimulatedProposerDisk"/> only when a commit completes.
/// </summary>
public sealed class SimulatedProposerStore : IProposerStore, ISimulatedStore
{
    private readonly SimulatedProposerDisk _disk;
    private readonly DecidedLog _memory;
    private readonly SimulatedCommit<(long Instance, Batch Batch), uint> _commit = new();

    internal SimulatedProposerStore(SimulatedProposerDisk disk, DecidedLog memory)
    {
        _disk = disk;
        _memory = memory;
    }

    /// <inheritdoc />
    public long ContiguousEnd => _memory.ContiguousEnd;

    /// <inheritdoc />
    public long DecidedEnd => _memory.DecidedEnd;

    /// <inheritdoc />
    public long BytesBeyondPrefix => _memory.BytesBeyondPrefix;

    /// <inheritdoc />
    public uint RoundFloor => _memory.RoundFloor;

    /// <inheritdoc />
    public bool HasPendingWrites => _commit.HasPendingWrites;

    /// <summary>Whether a commit is under way (begun, not completed).</summary>
    public bool Committing => _commit.Committing;

    /// <summary>Whether the last completed commit raised the round floor (a Prepare in a new round was waiting on it).</summary>
    public bool LastCommitRaisedPromise => _commit.LastCommitWroteValue;

    /// <inheritdoc />
    public bool Contains(long instance) => _memory.Contains(instance);

    /// <inheritdoc />
    public bool TryGet(long instance, out Batch batch) => _memory.TryGet(instance, out batch);

    /// <inheritdoc />
    public IEnumerable<(long Instance, Batch Batch)> DecidedFrom(long from) => _memory.DecidedFrom(from);

    /// <inheritdoc />
    public bool TryAdd(long instance, Batch batch)
    {
        batch = batch.Owned();
        if (!_memory.TryAdd(instance, batch))
        {
            return false;
        }

        _commit.Add((instance, batch));
        return true;
    }

    /// <inheritdoc />
    public void RaiseRoundFloor(uint round)
    {
        if (round > _memory.RoundFloor)
        {
            _memory.RaiseRoundFloor(round);
            _commit.SetValue(round);
        }
    }

    /// <summary>A synchronous commit (begin and complete at once), as a real store does it.</summary>
    public void Commit()
    {
        BeginCommit();
        CompleteCommit();
    }

    /// <inheritdoc />
    public void BeginCommit() => _commit.Begin();

    /// <inheritdoc />
    public void CompleteCommit() => _commit.Complete((floor, decided) => _disk.Write(floor ?? _disk.RoundFloor, decided));
}
