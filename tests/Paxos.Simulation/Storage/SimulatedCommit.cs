namespace Paxos.Simulation.Storage;

/// <summary>
/// The commit cycle shared by the simulated stores: records written since the last commit wait here, with
/// at most one single value (an acceptor's promise, a proposer's round floor); <see cref="Begin"/> takes them
/// into the commit under way, and <see cref="Complete"/> hands them to the disk. A crash between the two
/// simply drops this object with the store: what was pending or committing never reaches the disk.
/// </summary>
internal sealed class SimulatedCommit<TRecord, TValue>
    where TValue : struct
{
    private readonly List<TRecord> _pending = [];
    private readonly List<TRecord> _committing = [];
    private TValue? _pendingValue;
    private TValue? _committingValue;

    /// <summary>Whether anything was written since the last <see cref="Begin"/>.</summary>
    public bool HasPendingWrites => _pendingValue is not null || _pending.Count > 0;

    /// <summary>Whether a commit is under way (begun, not completed).</summary>
    public bool Committing { get; private set; }

    /// <summary>Whether the last completed commit carried the single value (a new promise or round floor).</summary>
    public bool LastCommitWroteValue { get; private set; }

    /// <summary>Notes a record written to memory.</summary>
    public void Add(TRecord record) => _pending.Add(record);

    /// <summary>Notes the single value written to memory (the last one written is the one committed).</summary>
    public void SetValue(TValue value) => _pendingValue = value;

    /// <summary>The sync of everything written so far starts.</summary>
    public void Begin()
    {
        if (Committing)
        {
            throw new InvalidOperationException("a commit is already under way");
        }

        Committing = true;
        _committing.AddRange(_pending);
        _pending.Clear();
        _committingValue = _pendingValue;
        _pendingValue = null;
    }

    /// <summary>The sync returns: <paramref name="write"/> puts the value (null: unchanged) and the records on the disk.</summary>
    public void Complete(Action<TValue?, IReadOnlyList<TRecord>> write)
    {
        if (!Committing)
        {
            throw new InvalidOperationException("no commit is under way");
        }

        LastCommitWroteValue = _committingValue is not null;
        write(_committingValue, _committing);
        _committing.Clear();
        _committingValue = null;
        Committing = false;
    }
}
