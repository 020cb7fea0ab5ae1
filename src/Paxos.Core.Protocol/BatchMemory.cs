namespace Paxos.Core.Protocol;

/// <summary>
/// Where batches live once copied out of a datagram or a builder: slices of shared 1 MiB chunks instead of
/// an array each. A role keeps most batches it sees (acceptors their votes, proposers the decided log), so
/// nearly every batch is fresh memory; on the machines we measured, each first touch of a fresh 4 KiB page
/// costs a page-fault trap (about 15 µs in a virtual machine: 0.8 s per 200 MB, most of an acceptor's CPU at
/// 1 KB values), while faulting a whole chunk in at once costs a tenth of that. The process sets
/// <see cref="PrepareChunksWith"/> to do that; without it (tests, the simulator) chunks are plain arrays.
/// A chunk is an ordinary managed array: the garbage collector frees it once no batch slices it any more.
/// </summary>
public static class BatchMemory
{
    /// <summary>Size of one chunk: sixteen of the largest batches, so at most a sixteenth is left unused at its end.</summary>
    public const int ChunkBytes = 1 << 20;

    // Each thread carves its own chunks (the simulator's tests run on several threads at once; a role
    // process decodes on one), so no lock is needed. Batches a role keeps and batches only passing through
    // (a client's request, copied into a proposal soon after) take different chunks: one passing batch in a
    // chunk of kept ones would not free anything, and a proposer's memory would hold both.
    [ThreadStatic]
    private static Cursor? t_kept;

    [ThreadStatic]
    private static Cursor? t_passing;

    private static Action<byte[]>? s_prepare;

    /// <summary>
    /// Sets what is done to each new chunk before its first use (e.g. fault its pages in with one system call).
    /// Called once at process start; a failure inside must be ignored by <paramref name="prepare"/> itself.
    /// </summary>
    public static void PrepareChunksWith(Action<byte[]> prepare) => s_prepare = prepare;

    /// <summary>Copies <paramref name="bytes"/> into the current chunk (a new one when it is full) and returns the copy.</summary>
    internal static ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> bytes, BatchLifetime lifetime)
    {
        if (bytes.Length > ChunkBytes / 8)
        {
            // Never for a batch of ours (at most 64 KiB); kept so that a larger caller costs an array, not a chunk.
            byte[] own = GC.AllocateUninitializedArray<byte>(bytes.Length);
            bytes.CopyTo(own);
            return own;
        }

        Cursor cursor = lifetime == BatchLifetime.Kept ? (t_kept ??= new Cursor()) : (t_passing ??= new Cursor());
        if (cursor.Chunk is null || ChunkBytes - cursor.Used < bytes.Length)
        {
            // Pinned, so that the address the preparation used stays the chunk's address.
            cursor.Chunk = GC.AllocateUninitializedArray<byte>(ChunkBytes, pinned: true);
            s_prepare?.Invoke(cursor.Chunk);
            cursor.Used = 0;
        }

        Memory<byte> copy = cursor.Chunk.AsMemory(cursor.Used, bytes.Length);
        bytes.CopyTo(copy.Span);
        cursor.Used += bytes.Length;
        return copy;
    }

    private sealed class Cursor
    {
        public byte[]? Chunk;
        public int Used;
    }
}

/// <summary>How long a copied batch is expected to live, which decides the chunk it shares.</summary>
public enum BatchLifetime
{
    /// <summary>Kept for the role's history: a vote, a decision, a proposal.</summary>
    Kept,

    /// <summary>Read once and dropped soon: a client's request.</summary>
    Passing,
}
