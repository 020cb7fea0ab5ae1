using Paxos.Core.Protocol;
using Paxos.Core.Storage;

namespace Paxos.Core.Tests.Storage;

public sealed class LmdbAcceptorStoreTests
{
    private static readonly Ballot High = new(7, 2, 0xabc);

    private static Batch BatchOf(int size, byte fill)
    {
        var builder = new BatchBuilder();
        Assert.True(builder.TryAdd(1, 1, fill, Enumerable.Repeat(fill, size).ToArray()));
        return builder.Build();
    }

    private static LmdbAcceptorStore Open(TempDataFolder folder, int id = 2, uint clusterId = TempDataFolder.ClusterId) =>
        LmdbAcceptorStore.Open(folder.Path, id, clusterId);

    [Fact]
    public void Reopened_store_resumes_promise_and_accepted_values()
    {
        using var folder = new TempDataFolder();
        using (LmdbAcceptorStore store = Open(folder))
        {
            store.SetPromised(High);
            store.SetAccepted(0, High, BatchOf(10, 1));
            store.SetAccepted(5, High, BatchOf(3000, 2));
            store.Commit();
        }

        using LmdbAcceptorStore reopened = Open(folder);

        Assert.Equal(High, reopened.Promised);
        Assert.Equal(6, reopened.AcceptedEnd);
        Assert.True(reopened.TryGet(5, out Ballot ballot, out Batch batch));
        Assert.Equal(High, ballot);
        Assert.Equal(BatchOf(3000, 2).Encoded.ToArray(), batch.Encoded.ToArray());
        Assert.False(reopened.TryGet(1, out _, out _));
        Assert.Equal([0L, 5L], reopened.From(0).Select(entry => entry.Instance));
    }

    [Fact]
    public void Writes_are_visible_before_commit_and_lost_without_it()
    {
        using var folder = new TempDataFolder();
        using (LmdbAcceptorStore store = Open(folder))
        {
            store.SetAccepted(3, High, BatchOf(10, 1));
            Assert.True(store.HasPendingWrites);
            Assert.True(store.TryGet(3, out _, out _));
            Assert.Single(store.From(0));
        }

        using LmdbAcceptorStore reopened = Open(folder);
        Assert.False(reopened.TryGet(3, out _, out _));
        Assert.Equal(0, reopened.AcceptedEnd);
    }

    [Fact]
    public void From_reads_a_long_history_in_order_across_chunks()
    {
        using var folder = new TempDataFolder();
        using LmdbAcceptorStore store = Open(folder);
        for (long instance = 0; instance < 1000; instance++)
        {
            store.SetAccepted(instance, High, BatchOf(8, (byte)instance));
        }

        store.Commit();

        Assert.Equal(Enumerable.Range(100, 900).Select(i => (long)i), store.From(100).Select(entry => entry.Instance));
    }

    [Fact]
    public void From_reads_past_chunks_cut_by_their_byte_limit()
    {
        using var folder = new TempDataFolder();
        using LmdbAcceptorStore store = Open(folder);
        for (long instance = 0; instance < 40; instance++)
        {
            store.SetAccepted(instance, High, BatchOf(60_000, (byte)instance)); // 40 x 60 KB: several 1 MB chunks
        }

        store.Commit();

        Assert.Equal(40, store.From(0).Count());
    }

    [Fact]
    public void Second_open_of_a_folder_is_refused_naming_the_holder()
    {
        using var folder = new TempDataFolder();
        using LmdbAcceptorStore first = Open(folder);

        var error = Assert.Throws<StorageException>(() => Open(folder));

        Assert.Equal($"acceptor 2: {folder.Path} is in use by another process (pid {Environment.ProcessId})", error.Message);
    }

    [Fact]
    public void Folder_of_another_cluster_is_refused_and_kept()
    {
        using var folder = new TempDataFolder();
        using (LmdbAcceptorStore store = Open(folder))
        {
            store.SetPromised(High);
            store.Commit();
        }

        byte[] before = File.ReadAllBytes(folder.DataFile);
        var error = Assert.Throws<StorageException>(() => Open(folder, clusterId: 999));

        Assert.Contains(folder.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("cluster id 12345, not 999", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(folder.DataFile));
        using LmdbAcceptorStore reopened = Open(folder);
        Assert.Equal(High, reopened.Promised);
    }

    [Fact]
    public void Folder_of_another_acceptor_is_refused()
    {
        using var folder = new TempDataFolder();
        Open(folder).Dispose();

        var error = Assert.Throws<StorageException>(() => Open(folder, id: 3));

        Assert.Contains("belongs to acceptor 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_of_a_proposer_is_refused_by_an_acceptor()
    {
        using var folder = new TempDataFolder();
        LmdbProposerStore.Open(folder.Path, 2, TempDataFolder.ClusterId).Dispose();

        var error = Assert.Throws<StorageException>(() => Open(folder));

        Assert.Contains("belongs to proposer 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_of_a_newer_format_is_refused()
    {
        using var folder = new TempDataFolder();
        Open(folder).Dispose();
        StorageDamage.RewriteFormatVersion(folder.Path, RoleDatabase.FormatVersion + 1);

        var error = Assert.Throws<StorageException>(() => Open(folder));

        Assert.Contains("newer than this program's", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_data_file_is_detected_at_open()
    {
        using var folder = new TempDataFolder();
        using (LmdbAcceptorStore store = Open(folder))
        {
            for (long instance = 0; instance < 200; instance++)
            {
                store.SetAccepted(instance, High, BatchOf(1000, (byte)instance));
            }

            store.Commit();
        }

        long length = new FileInfo(folder.DataFile).Length;
        using (var file = new FileStream(folder.DataFile, FileMode.Open))
        {
            file.SetLength(length / 2);
        }

        var error = Assert.Throws<StorageException>(() => Open(folder));

        Assert.Contains(folder.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_file_cut_to_a_few_bytes_is_detected_at_open()
    {
        using var folder = new TempDataFolder();
        Open(folder).Dispose();
        using (var file = new FileStream(folder.DataFile, FileMode.Open))
        {
            file.SetLength(100);
        }

        var error = Assert.Throws<StorageException>(() => Open(folder));

        Assert.Contains(folder.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipped_byte_in_a_record_is_detected_when_read()
    {
        using var folder = new TempDataFolder();
        Batch batch = BatchOf(64, 0x5a);
        using (LmdbAcceptorStore store = Open(folder))
        {
            store.SetAccepted(0, High, batch);
            store.SetAccepted(1, High, BatchOf(64, 0x11));
            store.Commit();
        }

        StorageDamage.FlipByteOf(folder.DataFile, batch.Encoded.ToArray());

        using LmdbAcceptorStore reopened = Open(folder);
        var error = Assert.Throws<StorageException>(() => reopened.TryGet(0, out _, out _));
        Assert.Contains("instance 0 fails its checksum", error.Message, StringComparison.Ordinal);
        Assert.Throws<StorageException>(() => reopened.From(0).ToList());
    }

    [Fact]
    public void Flipped_byte_in_the_last_record_is_detected_at_open()
    {
        using var folder = new TempDataFolder();
        Batch batch = BatchOf(64, 0x5a);
        using (LmdbAcceptorStore store = Open(folder))
        {
            store.SetAccepted(9, High, batch);
            store.Commit();
        }

        StorageDamage.FlipByteOf(folder.DataFile, batch.Encoded.ToArray());

        Assert.Throws<StorageException>(() => Open(folder));
    }
}
