using Paxos.Core.Protocol.Storage;

namespace Paxos.Core.Protocol.Proposers;

/// <summary>
/// The decided batches a proposer knows, by instance. It is the source learners catch up from, and it
/// tells a new leader where its Phase 1 must start (the first instance it does not know decided). This is
/// the store of a proposer without a data folder: nothing survives the process.
/// </summary>
public sealed class DecidedLog : IProposerStore
{
    private readonly List<Batch?> _entries = [];

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

        batch = stored;
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
            yield return (instance, _entries[(int)instance]!);
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
