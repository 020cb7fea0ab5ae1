using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Storage;
using Paxos.Core.Wire;

namespace Paxos.Core.Storage;

/// <summary>
/// An acceptor's promise and accepted values in LMDB, for an acceptor with a data folder (crash-recovery).
/// Key: the instance (big-endian); value: ballot, batch, CRC-32C. The promise is a record of the meta
/// database. A turn's writes share one write transaction; <see cref="Commit"/> commits it with fsync before
/// the host sends any answer (group commit). Nothing of the history is kept in memory: Promise chunks and
/// lookups read LMDB.
/// </summary>
public sealed class LmdbAcceptorStore : IAcceptorStore, IDisposable
{
    /// <summary>
    /// Records per cursor pass: the first pass is small (a caller often stops after a few: a 60 KB Promise
    /// chunk, a 1 MB catch-up budget), later ones double up to <see cref="MaxChunkRecords"/>.
    /// </summary>
    private const int FirstChunkRecords = 8;
    private const int MaxChunkRecords = 256;
    private const long ChunkBytes = 1 << 20;

    private static readonly byte[] PromisedKey = Encoding.ASCII.GetBytes("promised");
    private readonly RoleDatabase _database;

    private LmdbAcceptorStore(RoleDatabase database)
    {
        _database = database;
        Promised = ReadPromised();

        // The last record is read (and its checksum checked) at start: a torn or damaged tail shows now.
        if (_database.Last(_database.Data) is { } last)
        {
            Decode(last.Instance, last.Value);
            AcceptedEnd = last.Instance + 1;
        }
    }

    /// <summary>Opens the store of acceptor <paramref name="id"/> in <paramref name="folder"/>; throws <see cref="StorageException"/>.</summary>
    public static LmdbAcceptorStore Open(string folder, int id, uint clusterId)
    {
        RoleDatabase database = RoleDatabase.Open(folder, "acceptor", id, clusterId);
        try
        {
            return new LmdbAcceptorStore(database);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Ballot Promised { get; private set; }

    /// <inheritdoc />
    public long AcceptedEnd { get; private set; }

    /// <summary>Transactions committed, each with one sync (how well writes are grouped).</summary>
    public long Commits => _database.Commits;

    /// <summary>Time spent committing and syncing.</summary>
    public TimeSpan CommitTime => _database.CommitTime;

    /// <inheritdoc />
    public bool HasPendingWrites => _database.HasPendingWrites;

    /// <inheritdoc />
    public void Commit() => _database.Commit();

    /// <inheritdoc />
    public void SetPromised(Ballot ballot)
    {
        var payload = new byte[StoredBallot.Bytes];
        StoredBallot.Write(payload, ballot);
        _database.Put(_database.Meta, PromisedKey, StoredRecord.Seal(PromisedKey, payload));
        Promised = ballot;
    }

    /// <inheritdoc />
    public void SetAccepted(long instance, Ballot ballot, Batch batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(instance);
        ArgumentNullException.ThrowIfNull(batch);
        byte[] key = StoredRecord.KeyOf(instance);
        ReadOnlySpan<byte> encoded = batch.Encoded.Span;
        var payload = new byte[StoredBallot.Bytes + encoded.Length];
        StoredBallot.Write(payload, ballot);
        encoded.CopyTo(payload.AsSpan(StoredBallot.Bytes));
        _database.Put(_database.Data, key, StoredRecord.Seal(key, payload));
        AcceptedEnd = Math.Max(AcceptedEnd, instance + 1);
    }

    /// <inheritdoc />
    public bool TryGet(long instance, out Ballot ballot, out Batch batch)
    {
        if (instance >= 0 && _database.Get(_database.Data, StoredRecord.KeyOf(instance)) is { } value)
        {
            (ballot, batch) = Decode(instance, value);
            return true;
        }

        ballot = Ballot.Zero;
        batch = Batch.Empty;
        return false;
    }

    /// <inheritdoc />
    public IEnumerable<(long Instance, Ballot Ballot, Batch Batch)> From(long from)
    {
        // Bounded chunks, each read with one cursor in a transaction that ends before anything is yielded.
        long next = Math.Max(from, 0);
        int records = FirstChunkRecords;
        while (true)
        {
            List<(long Instance, byte[] Value)> chunk = _database.ReadChunk(_database.Data, next, records, ChunkBytes);
            if (chunk.Count == 0)
            {
                yield break;
            }

            foreach ((long instance, byte[] value) in chunk)
            {
                (Ballot ballot, Batch batch) = Decode(instance, value);
                yield return (instance, ballot, batch);
            }

            next = chunk[^1].Instance + 1;
            records = Math.Min(records * 2, MaxChunkRecords);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _database.Dispose();

    private Ballot ReadPromised()
    {
        if (_database.Get(_database.Meta, PromisedKey) is not { } value)
        {
            return Ballot.Zero;
        }

        if (!StoredRecord.TryUnseal(PromisedKey, value, out ReadOnlySpan<byte> payload) || payload.Length != StoredBallot.Bytes)
        {
            throw _database.Damaged("the promise record fails its checksum");
        }

        return StoredBallot.Read(payload);
    }

    private (Ballot Ballot, Batch Batch) Decode(long instance, byte[] value)
    {
        byte[] key = StoredRecord.KeyOf(instance);
        if (!StoredRecord.TryUnseal(key, value, out ReadOnlySpan<byte> payload) || payload.Length < StoredBallot.Bytes)
        {
            throw _database.Damaged($"the record of instance {instance} fails its checksum");
        }

        Ballot ballot = StoredBallot.Read(payload);
        int batchStart = StoredBallot.Bytes;
        if (!Batch.TryParse(value.AsMemory(batchStart, payload.Length - batchStart), out Batch batch))
        {
            throw _database.Damaged($"the record of instance {instance} holds no valid batch");
        }

        return (ballot, batch);
    }
}
