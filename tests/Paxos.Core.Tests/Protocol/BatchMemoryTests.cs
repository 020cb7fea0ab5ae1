using System.Runtime.InteropServices;
using Paxos.Core.Protocol;

namespace Paxos.Core.Tests.Protocol;

public sealed class BatchMemoryTests
{
    private static byte[] ChunkOf(Batch batch)
    {
        Assert.True(MemoryMarshal.TryGetArray(batch.Encoded, out ArraySegment<byte> segment));
        return segment.Array!;
    }

    private static List<BatchValue> Values(Batch batch)
    {
        var values = new List<BatchValue>();
        foreach (BatchValue value in batch)
        {
            values.Add(value);
        }

        return values;
    }

    private static byte[] Encoded(string value) => RoleTestKit.BatchOf((1, 1, 0, value)).Encoded.ToArray();

    [Fact]
    public void Kept_batches_share_one_chunk_and_keep_their_bytes()
    {
        byte[] first = Encoded("first");
        byte[] second = Encoded("second");

        Assert.True(Batch.TryParseCopy(first, BatchLifetime.Kept, out Batch a));
        Assert.True(Batch.TryParseCopy(second, BatchLifetime.Kept, out Batch b));
        Array.Fill(first, (byte)0);

        Assert.Same(ChunkOf(a), ChunkOf(b));
        Assert.Equal(BatchMemory.ChunkBytes, ChunkOf(a).Length);
        Assert.Equal("first", System.Text.Encoding.UTF8.GetString(Assert.Single(Values(a)).Value.Span));
        Assert.Equal(second, b.Encoded.ToArray());
    }

    [Fact]
    public void Passing_batches_never_share_a_chunk_with_kept_ones()
    {
        Assert.True(Batch.TryParseCopy(Encoded("kept"), BatchLifetime.Kept, out Batch kept));
        Assert.True(Batch.TryParseCopy(Encoded("passing"), BatchLifetime.Passing, out Batch passing));

        Assert.NotSame(ChunkOf(kept), ChunkOf(passing));
    }

    [Fact]
    public void Rejected_bytes_take_no_room_in_a_chunk()
    {
        // Encoded first: building a batch takes room in a kept chunk too.
        byte[] valid = Encoded("a");
        byte[] malformed = Encoded("b");
        malformed[^2] = 200; // the value's length now points past the end

        Assert.True(Batch.TryParseCopy(valid, BatchLifetime.Kept, out Batch before));
        Assert.False(Batch.TryParseCopy(malformed, BatchLifetime.Kept, out _));
        Assert.True(Batch.TryParseCopy(valid, BatchLifetime.Kept, out Batch after));

        Assert.True(MemoryMarshal.TryGetArray(before.Encoded, out ArraySegment<byte> first));
        Assert.True(MemoryMarshal.TryGetArray(after.Encoded, out ArraySegment<byte> next));
        if (ReferenceEquals(first.Array, next.Array))
        {
            Assert.Equal(first.Offset + first.Count, next.Offset);
        }
    }

    [Fact]
    public void A_full_chunk_is_followed_by_a_new_one()
    {
        string large = new('x', WireLimits.MaxValueBytes / 2);
        var chunks = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < (2 * BatchMemory.ChunkBytes / large.Length) + 2; i++)
        {
            Batch batch = RoleTestKit.BatchOf((1, 1, (ulong)i, large));
            chunks.Add(ChunkOf(batch));
            Assert.Equal(large.Length, Assert.Single(Values(batch)).Value.Length);
        }

        Assert.True(chunks.Count >= 2, $"{chunks.Count} chunk(s)");
    }
}
