using Paxos.Core.Protocol;
using Paxos.Core.Storage;

namespace Paxos.Core.Tests.Storage;

public sealed class LmdbProposerStoreTests
{
    private static Batch BatchOf(int size, byte fill)
    {
        var builder = new BatchBuilder();
        Assert.True(builder.TryAdd(1, 1, fill, Enumerable.Repeat(fill, size).ToArray()));
        return builder.Build();
    }

    private static LmdbProposerStore Open(TempDataFolder folder) => LmdbProposerStore.Open(folder.Path, 1, TempDataFolder.ClusterId);

    [Fact]
    public void Reopened_store_resumes_decided_prefix_and_round_floor()
    {
        using var folder = new TempDataFolder();
        using (LmdbProposerStore store = Open(folder))
        {
            store.RaiseRoundFloor(9);
            store.Commit();
            Assert.True(store.TryAdd(0, BatchOf(10, 0)));
            Assert.True(store.TryAdd(2, BatchOf(10, 2)));
            Assert.True(store.TryAdd(1, BatchOf(10, 1)));
            Assert.True(store.TryAdd(5, BatchOf(10, 5)));
            Assert.False(store.TryAdd(1, BatchOf(10, 1)));
            Assert.Equal(3, store.ContiguousEnd);
            Assert.Equal(6, store.DecidedEnd);
        }

        using LmdbProposerStore reopened = Open(folder);

        Assert.Equal(9u, reopened.RoundFloor);
        Assert.Equal(3, reopened.ContiguousEnd);
        Assert.True(reopened.TryGet(2, out Batch batch));
        Assert.Equal(BatchOf(10, 2).Encoded.ToArray(), batch.Encoded.ToArray());
        Assert.False(reopened.Contains(5));
        Assert.Equal([0L, 1L, 2L], reopened.DecidedFrom(0).Select(entry => entry.Instance));
    }

    [Fact]
    public void A_borrowed_decision_that_waits_behind_a_gap_is_kept_as_a_copy()
    {
        using var folder = new TempDataFolder();
        using LmdbProposerStore store = Open(folder);
        byte[] receiveBuffer = BatchOf(100, 1).Encoded.ToArray();
        Assert.True(Batch.TryParse(receiveBuffer, borrowed: true, out Batch lent));

        Assert.True(store.TryAdd(1, lent));
        BatchOf(100, 0).Encoded.Span.CopyTo(receiveBuffer); // the next datagram lands in the same buffer
        Assert.True(store.TryAdd(0, BatchOf(100, 0)));

        Assert.True(store.TryGet(1, out Batch kept));
        Assert.Equal(BatchOf(100, 1).Encoded.ToArray(), kept.Encoded.ToArray());
    }

    [Fact]
    public void Raised_round_floor_is_committed_at_once_and_decisions_within_the_interval()
    {
        using var folder = new TempDataFolder();
        using LmdbProposerStore store = Open(folder);

        store.TryAdd(0, BatchOf(10, 0));
        store.Commit();
        Assert.True(store.HasPendingWrites); // younger than the interval: left open
        store.RaiseRoundFloor(3);
        store.Commit();
        Assert.False(store.HasPendingWrites);
        store.TryAdd(1, BatchOf(10, 1));
        Thread.Sleep(LmdbProposerStore.CommitInterval + 5);
        store.Commit();
        Assert.False(store.HasPendingWrites);
    }

    [Fact]
    public void Decided_log_longer_than_a_chunk_is_read_in_order()
    {
        using var folder = new TempDataFolder();
        using LmdbProposerStore store = Open(folder);
        for (long instance = 0; instance < 1000; instance++)
        {
            store.TryAdd(instance, BatchOf(8, (byte)instance));
        }

        Assert.Equal(Enumerable.Range(10, 990).Select(i => (long)i), store.DecidedFrom(10).Select(entry => entry.Instance));
        Assert.Equal(1000, store.ContiguousEnd);
    }

    [Fact]
    public void Lower_round_floor_is_ignored()
    {
        using var folder = new TempDataFolder();
        using LmdbProposerStore store = Open(folder);
        store.RaiseRoundFloor(5);
        store.RaiseRoundFloor(4);

        Assert.Equal(5u, store.RoundFloor);
    }

    [Fact]
    public void Flipped_byte_in_a_decision_is_detected_when_read()
    {
        using var folder = new TempDataFolder();
        Batch damaged = BatchOf(64, 0x5a);
        using (LmdbProposerStore store = Open(folder))
        {
            store.TryAdd(0, damaged);
            store.TryAdd(1, BatchOf(64, 0x11));
        }

        StorageDamage.FlipByteOf(folder.DataFile, damaged.Encoded.ToArray());

        using LmdbProposerStore reopened = Open(folder);
        Assert.Throws<StorageException>(() => reopened.DecidedFrom(0).ToList());
    }
}

/// <summary>Kept apart from the other store tests: it reads this process's resident set, which parallel tests would disturb.</summary>
[Collection(nameof(ResidentMemoryMeasurements))]
public sealed class LmdbProposerStoreMemoryTests
{
    [Fact]
    public void Reading_a_long_decided_log_does_not_keep_its_pages_resident()
    {
        using var folder = new TempDataFolder();
        using LmdbProposerStore store = LmdbProposerStore.Open(folder.Path, 1, TempDataFolder.ClusterId);
        byte[] value = new byte[1000];
        ulong sequence = 0;
        const int Instances = 2000; // about 128 MB of decisions
        for (long instance = 0; instance < Instances; instance++)
        {
            var builder = new BatchBuilder();
            while (builder.TryAdd(1, 1, sequence, value))
            {
                sequence++;
            }

            store.TryAdd(instance, builder.Build());
        }

        store.Commit();
        Thread.Sleep(LmdbProposerStore.CommitInterval + 5);
        store.Commit();
        long before = ResidentFileKilobytes();

        long read = store.DecidedFrom(0).Sum(entry => (long)entry.Batch.Encoded.Length);

        long grown = ResidentFileKilobytes() - before;
        Assert.True(read > 120_000_000, $"read {read} bytes");
        Assert.True(grown < 48 * 1024, $"file-backed resident memory grew by {grown} kB while reading {read >> 20} MB");
    }

    private static long ResidentFileKilobytes()
    {
        string line = File.ReadLines("/proc/self/status").Single(text => text.StartsWith("RssFile:", StringComparison.Ordinal));
        return long.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}

[CollectionDefinition(nameof(ResidentMemoryMeasurements), DisableParallelization = true)]
public sealed class ResidentMemoryMeasurements;
