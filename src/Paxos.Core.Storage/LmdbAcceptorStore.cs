using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Storage;

namespace Paxos.Core.Storage;

/// <summary>
/// An acceptor's promise and accepted values in LMDB, for an acceptor with a data folder (crash-recovery).
/// Key: the instance (big-endian); value: ballot, batch, CRC-32C. The promise is a record of the meta
/// database. A turn's writes share one write transaction; <see cref="Commit"/> commits it with fsync before
/// the host sends any answer (group commit). Nothing of the history is kept in memory: Promise chunks and
/// lookups read LMDB.
/// </summary>
public sealed class LmdbAcceptorStore : IAcceptorStore, ICommitStatistics, IDisposable
{
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
        => RoleDatabase.OpenStore(folder, "acceptor", id, clusterId, database => new LmdbAcceptorStore(database));

    /// <inheritdoc />
    public Ballot Promised { get; private set; }

    /// <inheritdoc />
    public long AcceptedEnd { get; private set; }

    /// <inheritdoc />
    public long Commits => _database.Commits;

    /// <inheritdoc />
    public TimeSpan CommitTime => _database.CommitTime;

    /// <inheritdoc />
    public bool HasPendingWrites => _database.HasPendingWrites;

    /// <inheritdoc />
    public void Commit() => _database.Commit();

    /// <inheritdoc />
    public void SetPromised(Ballot ballot)
    {
        Span<byte> payload = stackalloc byte[StoredBallot.Bytes];
        StoredBallot.Write(payload, ballot);
        _database.PutMeta(PromisedKey, payload);
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
        foreach ((long instance, byte[] value) in _database.ReadFrom(_database.Data, from))
        {
            (Ballot ballot, Batch batch) = Decode(instance, value);
            yield return (instance, ballot, batch);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _database.Dispose();

    private Ballot ReadPromised() =>
        _database.GetMeta(PromisedKey, StoredBallot.Bytes, "promise") is { } payload ? StoredBallot.Read(payload) : Ballot.Zero;

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
