using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;
using Paxos.Core.Protocol.Proposers;
using Paxos.Core.Protocol.Storage;
using Paxos.Core.Storage;
using Paxos.Core.Tests.Protocol;

namespace Paxos.Core.Tests.Storage;

public sealed class MemoryFileBatchArchiveTests
{
    private static MemoryFileBatchArchive Open() =>
        MemoryFileBatchArchive.TryCreate("paxos-test") ?? throw new InvalidOperationException("memfd_create failed on Linux");

    private static Batch Of(ulong sequence, string value) => RoleTestKit.BatchOf((1, 7, sequence, value));

    [Fact]
    public void Batches_come_back_byte_for_byte_and_leave_the_heap()
    {
        using MemoryFileBatchArchive archive = Open();
        Batch first = Of(0, "first");
        Batch second = Of(1, new string('x', 60_000));

        ArchivedBatch a = archive.Keep(first);
        ArchivedBatch b = archive.Keep(second);

        Assert.Null(a.InMemory);
        Assert.Null(b.InMemory);
        Assert.Equal(first.Encoded.Length + second.Encoded.Length, archive.Bytes);
        Assert.Equal(first.Encoded.ToArray(), archive.Load(a).Encoded.ToArray());
        Assert.Equal(second.Encoded.ToArray(), archive.Load(b).Encoded.ToArray());
        Assert.Equal(1, archive.Load(b).ValueCount);
    }

    [Fact]
    public void An_acceptor_log_over_a_memory_file_answers_as_one_in_the_heap()
    {
        using MemoryFileBatchArchive archive = Open();
        var file = new AcceptedLog(archive);
        var heap = new AcceptedLog();
        var ballot = new Ballot(3, 1);
        foreach (AcceptedLog log in new[] { file, heap })
        {
            log.SetAccepted(5, ballot, Of(5, "five"));
            log.SetAccepted(2000, ballot, Of(2000, "far"));
            log.SetAccepted(5, new Ballot(4, 2), Of(6, "five again"));
        }

        Assert.Equal(
            heap.From(0).Select(e => (e.Instance, e.Ballot, e.Batch.Encoded.ToArray())),
            file.From(0).Select(e => (e.Instance, e.Ballot, e.Batch.Encoded.ToArray())));
        Assert.True(file.TryGet(2000, out Ballot stored, out Batch batch));
        Assert.Equal(ballot, stored);
        Assert.Equal(Of(2000, "far").Encoded.ToArray(), batch.Encoded.ToArray());
        Assert.False(file.TryGet(6, out _, out _));
        Assert.Equal(2001, file.AcceptedEnd);
    }

    [Fact]
    public void A_decided_log_over_a_memory_file_serves_its_prefix_and_counts_bytes_behind_a_gap()
    {
        using MemoryFileBatchArchive archive = Open();
        var log = new DecidedLog(archive);
        Batch two = Of(2, "two");

        Assert.True(log.TryAdd(0, Of(0, "zero")));
        Assert.True(log.TryAdd(2, two));
        Assert.False(log.TryAdd(2, Of(9, "again")));

        Assert.Equal(1, log.ContiguousEnd);
        Assert.Equal(two.Encoded.Length, log.BytesBeyondPrefix);
        Assert.True(log.TryAdd(1, Of(1, "one")));
        Assert.Equal(0, log.BytesBeyondPrefix);
        Assert.Equal(
            new[] { Of(0, "zero"), Of(1, "one"), two }.Select(b => b.Encoded.ToArray()),
            log.DecidedFrom(0).Select(e => e.Batch.Encoded.ToArray()));
        Assert.True(log.TryGet(2, out Batch loaded));
        Assert.Equal(two.Encoded.ToArray(), loaded.Encoded.ToArray());
    }
}
