using Paxos.Core.Wire;

namespace Paxos.Core.Protocol.Proposers;

/// <summary>
/// The decided batches a proposer knows, by instance. It is the source learners catch up from, and it
/// tells a new leader where its Phase 1 must start (the first instance it does not know decided).
/// </summary>
public sealed class DecidedLog
{
    private readonly List<Batch?> _entries = [];

    /// <summary>Every instance below this is known decided.</summary>
    public long ContiguousEnd { get; private set; }

    /// <summary>One past the highest instance known decided.</summary>
    public long End => _entries.Count;

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

        batch = stored;
        return true;
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

        _entries[(int)instance] = batch;
        BytesBeyondPrefix += batch.Encoded.Length;
        while (ContiguousEnd < _entries.Count && _entries[(int)ContiguousEnd] is { } filled)
        {
            BytesBeyondPrefix -= filled.Encoded.Length;
            ContiguousEnd++;
        }

        return true;
    }
}
