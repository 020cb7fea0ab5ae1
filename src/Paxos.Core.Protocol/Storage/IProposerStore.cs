
namespace Paxos.Core.Protocol.Storage;

/// <summary>
/// What a proposer keeps across a restart: the decided log (the source of catch-up and of where a new
/// leader's Phase 1 starts) and the highest round it ever used, so that its next ballot is above every
/// ballot it used before. A decision needs no sync before it is announced: a quorum of acceptors holds
/// the value durably, and a proposer that lost the tail of its log gets it back by Phase 1 or catch-up.
/// The round floor does: it is committed before the Prepare that uses it is sent.
/// </summary>
public interface IProposerStore : IDurableStore
{
    /// <summary>Every instance below this is known decided.</summary>
    long ContiguousEnd { get; }

    /// <summary>One past the highest instance known decided.</summary>
    long DecidedEnd { get; }

    /// <summary>Bytes of decided batches above <see cref="ContiguousEnd"/> (decided, but behind a gap).</summary>
    long BytesBeyondPrefix { get; }

    /// <summary>The highest ballot round this proposer used, in this life or an earlier one (0: none).</summary>
    uint RoundFloor { get; }

    /// <summary>Whether <paramref name="instance"/> is known decided.</summary>
    bool Contains(long instance);

    /// <summary>The decided batch of <paramref name="instance"/>, if known.</summary>
    bool TryGet(long instance, out Batch batch);

    /// <summary>
    /// Records a decision; returns false if the instance was already known. The batch may be borrowed
    /// (<see cref="Batch.IsBorrowed"/>): a store keeps a copy of its bytes, never the batch itself (<see cref="Batch.Owned"/>).
    /// </summary>
    bool TryAdd(long instance, Batch batch);

    /// <summary>Records that a ballot of <paramref name="round"/> is about to be used (never lowers the floor).</summary>
    void RaiseRoundFloor(uint round);

    /// <summary>The decided batches of the contiguous prefix from <paramref name="from"/> on, in order (read lazily).</summary>
    IEnumerable<(long Instance, Batch Batch)> DecidedFrom(long from);
}
