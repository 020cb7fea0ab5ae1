using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;
using Paxos.Core.Protocol.Storage;

namespace Paxos.Simulation.Storage;

/// <summary>
/// An acceptor's store in a simulated process: reads and writes go to memory at once (as LMDB's write
/// transaction shows its own writes), and reach the <see cref="SimulatedAcceptorDisk"/> only when a commit
/// completes. It also lists the values accepted since the simulator last asked, so the safety checker can
/// count each vote once it is durable and its answer has left.
/// </summary>
public sealed class SimulatedAcceptorStore : IAcceptorStore, ISimulatedStore
{
    private readonly SimulatedAcceptorDisk _disk;
    private readonly AcceptedLog _memory;
    private readonly SimulatedCommit<(long Instance, Ballot Ballot, Batch Batch), Ballot> _commit = new();
    private readonly List<(long Instance, Ballot Ballot, Batch Batch)> _unreportedVotes = [];

    internal SimulatedAcceptorStore(SimulatedAcceptorDisk disk, AcceptedLog memory)
    {
        _disk = disk;
        _memory = memory;
    }

    /// <inheritdoc />
    public Ballot Promised => _memory.Promised;

    /// <inheritdoc />
    public long AcceptedEnd => _memory.AcceptedEnd;

    /// <inheritdoc />
    public bool HasPendingWrites => _commit.HasPendingWrites;

    /// <summary>Whether a commit is under way (begun, not completed).</summary>
    public bool Committing => _commit.Committing;

    /// <inheritdoc />
    public bool LastCommitRaisedPromise => _commit.LastCommitWroteValue;

    /// <inheritdoc />
    public void SetPromised(Ballot ballot)
    {
        _memory.SetPromised(ballot);
        _commit.SetValue(ballot);
    }

    /// <inheritdoc />
    public void SetAccepted(long instance, Ballot ballot, Batch batch)
    {
        batch = batch.Owned();
        _memory.Set(instance, ballot, batch);
        _commit.Add((instance, ballot, batch));
        _unreportedVotes.Add((instance, ballot, batch));
    }

    /// <inheritdoc />
    public bool TryGet(long instance, out Ballot ballot, out Batch batch) => _memory.TryGet(instance, out ballot, out batch);

    /// <inheritdoc />
    public IEnumerable<(long Instance, Ballot Ballot, Batch Batch)> From(long from) => _memory.From(from);

    /// <summary>A synchronous commit (begin and complete at once), as a real store does it.</summary>
    public void Commit()
    {
        BeginCommit();
        CompleteCommit();
    }

    /// <inheritdoc />
    public void BeginCommit() => _commit.Begin();

    /// <inheritdoc />
    public void CompleteCommit() => _commit.Complete((promise, accepted) => _disk.Write(promise ?? _disk.Promised, accepted));

    /// <summary>The values accepted since the last call: the votes of the turn just committed.</summary>
    public IReadOnlyList<(long Instance, Ballot Ballot, Batch Batch)> TakeVotes()
    {
        if (_unreportedVotes.Count == 0)
        {
            return [];
        }

        var votes = _unreportedVotes.ToList();
        _unreportedVotes.Clear();
        return votes;
    }
}
