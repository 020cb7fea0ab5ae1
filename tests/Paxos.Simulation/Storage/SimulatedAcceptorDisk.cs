using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;
using Paxos.Core.Protocol.Storage;
using Paxos.Core.Wire;

namespace Paxos.Simulation.Storage;

/// <summary>
/// What an acceptor's data folder holds across its crashes: the promise and the accepted values of every
/// completed commit, and nothing else. <see cref="Open"/> is a process starting over the folder.
/// </summary>
public sealed class SimulatedAcceptorDisk
{
    private readonly AcceptedLog _durable = new();

    /// <summary>The promise on the disk.</summary>
    public Ballot Promised => _durable.Promised;

    /// <summary>One past the highest instance with an accepted value on the disk.</summary>
    public long AcceptedEnd => _durable.AcceptedEnd;

    /// <summary>What the disk holds for <paramref name="instance"/>, if anything.</summary>
    public bool TryGet(long instance, out Ballot ballot, out Batch batch) => _durable.TryGet(instance, out ballot, out batch);

    /// <summary>
    /// A store over this disk for a new acceptor process, loaded with what the disk holds.
    /// <paramref name="forgetPromise"/> is the broken variant that reloads the accepted values but not the
    /// promise (it starts from <see cref="Ballot.Zero"/>).
    /// </summary>
    public SimulatedAcceptorStore Open(bool forgetPromise = false)
    {
        var memory = new AcceptedLog();
        if (!forgetPromise)
        {
            memory.SetPromised(_durable.Promised);
        }

        foreach ((long instance, Ballot ballot, Batch batch) in _durable.From(0))
        {
            memory.Set(instance, ballot, batch);
        }

        return new SimulatedAcceptorStore(this, memory);
    }

    internal void Write(Ballot promised, IEnumerable<(long Instance, Ballot Ballot, Batch Batch)> accepted)
    {
        _durable.SetPromised(promised);
        foreach ((long instance, Ballot ballot, Batch batch) in accepted)
        {
            _durable.Set(instance, ballot, batch);
        }
    }
}

/// <summary>
/// An acceptor's store in a simulated process: reads and writes go to memory at once (as LMDB's write
/// transaction shows its own writes), and reach the <see cref="SimulatedAcceptorDisk"/> only when a commit
/// completes. It also lists the values accepted since the simulator last asked, so the safety checker can
/// count each vote at the moment the acceptor's answer leaves.
/// </summary>
public sealed class SimulatedAcceptorStore : IAcceptorStore, ISimulatedStore
{
    private readonly SimulatedAcceptorDisk _disk;
    private readonly AcceptedLog _memory;
    private readonly List<(long Instance, Ballot Ballot, Batch Batch)> _pending = [];
    private readonly List<(long Instance, Ballot Ballot, Batch Batch)> _committing = [];
    private readonly List<(long Instance, Ballot Ballot, Batch Batch)> _unreportedVotes = [];
    private bool _promiseWritten;
    private Ballot? _committingPromise;

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
    public bool HasPendingWrites => _promiseWritten || _pending.Count > 0;

    /// <summary>Whether a commit is under way (begun, not completed).</summary>
    public bool Committing { get; private set; }

    /// <inheritdoc />
    public bool LastCommitRaisedPromise { get; private set; }

    /// <inheritdoc />
    public void SetPromised(Ballot ballot)
    {
        _memory.SetPromised(ballot);
        _promiseWritten = true;
    }

    /// <inheritdoc />
    public void SetAccepted(long instance, Ballot ballot, Batch batch)
    {
        _memory.Set(instance, ballot, batch);
        _pending.Add((instance, ballot, batch));
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
    public void BeginCommit()
    {
        if (Committing)
        {
            throw new InvalidOperationException("a commit is already under way");
        }

        Committing = true;
        _committing.AddRange(_pending);
        _pending.Clear();
        _committingPromise = _promiseWritten ? _memory.Promised : null;
        _promiseWritten = false;
    }

    /// <inheritdoc />
    public void CompleteCommit()
    {
        if (!Committing)
        {
            throw new InvalidOperationException("no commit is under way");
        }

        LastCommitRaisedPromise = _committingPromise is not null;
        _disk.Write(_committingPromise ?? _disk.Promised, _committing);
        _committing.Clear();
        _committingPromise = null;
        Committing = false;
    }

    /// <summary>The values accepted since the last call: the votes the acceptor's answers about to leave carry.</summary>
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
