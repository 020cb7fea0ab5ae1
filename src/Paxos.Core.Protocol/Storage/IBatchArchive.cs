namespace Paxos.Core.Protocol.Storage;

/// <summary>
/// Where the in-memory stores (<see cref="Acceptors.AcceptedLog"/>, <see cref="Proposers.DecidedLog"/>) keep the
/// batches of their history: written once, read back rarely (a new leader's Phase 1, a learner's catch-up).
/// The simulator and the tests keep them as objects (<see cref="MemoryBatchArchive"/>); a role process keeps
/// them outside its heap, in an anonymous memory file, where writing costs the kernel one copy and no page of
/// the process's own is touched (see Paxos.Core.Storage's MemoryFileBatchArchive for the measurements).
/// </summary>
public interface IBatchArchive
{
    /// <summary>
    /// Keeps <paramref name="batch"/>; the caller may drop its own reference afterwards, and reuse the memory of
    /// a borrowed batch (<see cref="Batch.IsBorrowed"/>): what is kept is a copy, never that memory.
    /// </summary>
    ArchivedBatch Keep(Batch batch);

    /// <summary>Reads back a batch this archive kept.</summary>
    Batch Load(in ArchivedBatch archived);
}

/// <summary>
/// A kept batch: its place in a memory file (<paramref name="Offset"/>, <paramref name="Length"/>), or the batch
/// itself (<paramref name="InMemory"/>) in an archive that keeps objects.
/// </summary>
public readonly record struct ArchivedBatch(long Offset, int Length, Batch? InMemory);

/// <summary>Keeps batches as the objects they are: what the simulator and the tests use.</summary>
public sealed class MemoryBatchArchive : IBatchArchive
{
    /// <summary>The one instance: it has no state.</summary>
    public static MemoryBatchArchive Instance { get; } = new();

    private MemoryBatchArchive()
    {
    }

    /// <inheritdoc />
    public ArchivedBatch Keep(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new ArchivedBatch(0, batch.Encoded.Length, batch.Owned());
    }

    /// <inheritdoc />
    public Batch Load(in ArchivedBatch archived) =>
        archived.InMemory ?? throw new InvalidOperationException("a batch of another archive");
}
