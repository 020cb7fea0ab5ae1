using Paxos.Core.Protocol.Storage;

namespace Paxos.Core.Protocol.Proposers;

/// <summary>
/// The decided batches a proposer knows, by instance. It is the source learners catch up from, and it
/// tells a new leader where its Phase 1 must start (the first instance it does not know decided). This is
/// the store of a proposer without a data folder: nothing survives the process. The batches themselves are
/// kept in an <see cref="IBatchArchive"/>.
/// </summary>
public sealed class DecidedLog : IProposerStore
{
    private readonly IBatchArchive _archive;
    private readonly List<ArchivedBatch?> _entries = [];

    /// <summary>Creates an empty log whose batches go to <paramref name="archive"/> (objects in memory when null).</summary>
    public DecidedLog(IBatchArchive? archive = null)
    {
        _archive = archive ?? MemoryBatchArchive.Instance;
    }

    /// <summary>Every instance below this is known decided.</summary>
    public long ContiguousEnd { get; private set; }

    /// <summary>One past the highest instance known decided.</summary>
    public long DecidedEnd => _entries.Count;

    /// <summary>Whether <paramref name="instance"/> is known decided.</summary>
    public bool Contains(long instance) => instance >= 0 && instance < _entries.Count && _entries[(int)instance] is not null;

    /// <summary>The decided batch of <paramref name="instance"/>, if known.</summary>
    public bool TryGet(long instance, out Batch batch)
    {
        batch = Batch.Empty;
        if (instance < 0 || instance >= _entries.Count || _entries[(int)instance] is not { } stored)
        {
            return false;
        }

        batch = _archive.Load(stored);
        return true;
    }

    /// <inheritdoc />
    public uint RoundFloor { get; private set; }

    /// <summary>Always false: memory needs no commit.</summary>
    public bool HasPendingWrites => false;

    /// <inheritdoc />
    public void Commit()
    {
    }

    /// <inheritdoc />
    public void RaiseRoundFloor(uint round) => RoundFloor = Math.Max(RoundFloor, round);

    /// <inheritdoc />
    public IEnumerable<(long Instance, Batch Batch)> DecidedFrom(long from)
    {
        for (long instance = Math.Max(from, 0); instance < ContiguousEnd; instance++)
        {
            yield return (instance, _archive.Load(_entries[(int)instance]!.Value));
        }
    }

    /// <summary>Bytes of decided batches above <see cref="ContiguousEnd"/> (decided, but behind a gap).</summary>
    public long BytesBeyondPrefix { get; private set; }

    /// <summary>Records a decision; returns false if the instance was already known.</summary>
    public bool TryAdd(long instance, Batch batch)
    {
        while (_entries.Count <= instance)
        {
            _entries.Add(null);
        }

        if (_entries[(int)instance] is not null)
        {
            return false;
        }

        _entries[(int)instance] = _archive.Keep(batch);
        BytesBeyondPrefix += batch.Encoded.Length;
        while (ContiguousEnd < _entries.Count && _entries[(int)ContiguousEnd] is { } filled)
        {
            BytesBeyondPrefix -= filled.Length;
            ContiguousEnd++;
        }

        return true;
    }
}
