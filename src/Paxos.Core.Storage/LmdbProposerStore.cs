using System.Buffers.Binary;
using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Storage;

namespace Paxos.Core.Storage;

/// <summary>
/// A proposer's decided log and round floor in LMDB, for a proposer with a data folder. The contiguous prefix
/// of the log is on disk (key: instance, big-endian; value: batch, CRC-32C); decisions behind a gap wait in
/// memory (bounded in bytes by the proposer) and go to disk once the gap fills, so the disk always holds a
/// prefix. A raised round floor is committed with fsync before the host sends the Prepare that uses it;
/// decisions need no sync before they are announced (a quorum of acceptors holds them), so their write
/// transaction spans turns and is committed every <see cref="CommitInterval"/> or <see cref="CommitBytes"/>:
/// one sync for thousands of decisions instead of one per turn.
/// </summary>
public sealed class LmdbProposerStore : IProposerStore, ICommitStatistics, IDisposable
{
    /// <summary>Decisions are committed at least this often (milliseconds) while they keep coming.</summary>
    public const int CommitInterval = 100;

    /// <summary>... or once this many bytes of decisions are pending, which bounds the transaction's dirty pages.</summary>
    public const long CommitBytes = 4 << 20;

    private static readonly byte[] RoundFloorKey = Encoding.ASCII.GetBytes("round_floor");

    private readonly RoleDatabase _database;
    private readonly Dictionary<long, Batch> _beyondPrefix = [];
    private bool _roundFloorPending;
    private long _pendingBytes;

    private LmdbProposerStore(RoleDatabase database)
    {
        _database = database;
        RoundFloor = ReadRoundFloor();
        if (_database.Last(_database.Data) is { } last)
        {
            // Checked at start: a damaged tail shows now, not when a learner asks for it.
            Decode(last.Instance, last.Value);
            ContiguousEnd = last.Instance + 1;
        }

        DecidedEnd = ContiguousEnd;
    }

    /// <summary>Opens the store of proposer <paramref name="id"/> in <paramref name="folder"/>; throws <see cref="StorageException"/>.</summary>
    public static LmdbProposerStore Open(string folder, int id, uint clusterId)
        => RoleDatabase.OpenStore(folder, "proposer", id, clusterId, database => new LmdbProposerStore(database));

    /// <inheritdoc />
    public long ContiguousEnd { get; private set; }

    /// <inheritdoc />
    public long DecidedEnd { get; private set; }

    /// <inheritdoc />
    public long BytesBeyondPrefix { get; private set; }

    /// <inheritdoc />
    public uint RoundFloor { get; private set; }

    /// <inheritdoc />
    public long Commits => _database.Commits;

    /// <inheritdoc />
    public TimeSpan CommitTime => _database.CommitTime;

    /// <inheritdoc />
    public bool HasPendingWrites => _database.HasPendingWrites;

    /// <inheritdoc />
    public bool Contains(long instance) =>
        instance >= 0 && (instance < ContiguousEnd || _beyondPrefix.ContainsKey(instance));

    /// <inheritdoc />
    public bool TryGet(long instance, out Batch batch)
    {
        batch = Batch.Empty;
        if (instance < 0)
        {
            return false;
        }

        if (instance >= ContiguousEnd)
        {
            return _beyondPrefix.TryGetValue(instance, out batch!);
        }

        byte[] value = _database.Get(_database.Data, StoredRecord.KeyOf(instance)) ?? throw _database.Damaged($"instance {instance} of the prefix is missing");
        batch = Decode(instance, value);
        return true;
    }

    /// <inheritdoc />
    public bool TryAdd(long instance, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (instance < ContiguousEnd || _beyondPrefix.ContainsKey(instance))
        {
            return false;
        }

        DecidedEnd = Math.Max(DecidedEnd, instance + 1);
        if (instance != ContiguousEnd)
        {
            _beyondPrefix.Add(instance, batch.Owned());
            BytesBeyondPrefix += batch.Encoded.Length;
            return true;
        }

        Append(batch);
        while (_beyondPrefix.Remove(ContiguousEnd, out Batch? next))
        {
            BytesBeyondPrefix -= next.Encoded.Length;
            Append(next);
        }

        return true;
    }

    /// <inheritdoc />
    public void RaiseRoundFloor(uint round)
    {
        if (round <= RoundFloor)
        {
            return;
        }

        RoundFloor = round;
        Span<byte> payload = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(payload, round);
        _database.PutMeta(RoundFloorKey, payload);
        _roundFloorPending = true;
    }

    /// <summary>
    /// Commits with fsync when a raised round floor is pending (the Prepare waits for it), or when the pending
    /// decisions are <see cref="CommitInterval"/> old or <see cref="CommitBytes"/> large; otherwise leaves them
    /// in the open transaction, where reads see them. The host calls this after every turn and tick.
    /// </summary>
    public void Commit()
    {
        if (!_database.HasPendingWrites)
        {
            return;
        }

        if (_roundFloorPending || _pendingBytes >= CommitBytes || Environment.TickCount64 - _database.PendingSince >= CommitInterval)
        {
            Flush();
        }
    }

    /// <inheritdoc />
    public IEnumerable<(long Instance, Batch Batch)> DecidedFrom(long from)
    {
        // The disk holds exactly the prefix: every instance from `from` to ContiguousEnd must be there, in order.
        long next = Math.Max(from, 0);
        if (next >= ContiguousEnd)
        {
            yield break;
        }

        foreach ((long instance, byte[] value) in _database.ReadFrom(_database.Data, next))
        {
            if (instance != next)
            {
                break;
            }

            yield return (instance, Decode(instance, value));
            if (++next >= ContiguousEnd)
            {
                yield break;
            }
        }

        throw _database.Damaged($"instance {next} of the prefix is missing");
    }

    /// <summary>Commits what is pending and closes the folder: a clean stop keeps every decision.</summary>
    public void Dispose()
    {
        try
        {
            Flush();
        }
        finally
        {
            _database.Dispose();
        }
    }

    private void Flush()
    {
        if (!_database.HasPendingWrites)
        {
            return;
        }

        _database.Commit();
        _roundFloorPending = false;
        _pendingBytes = 0;
    }

    private void Append(Batch batch)
    {
        byte[] key = StoredRecord.KeyOf(ContiguousEnd);
        _database.Put(_database.Data, key, StoredRecord.Seal(key, batch.Encoded.Span));
        _pendingBytes += batch.Encoded.Length;
        ContiguousEnd++;
    }

    private uint ReadRoundFloor() =>
        _database.GetMeta(RoundFloorKey, sizeof(uint), "round floor") is { } payload ? BinaryPrimitives.ReadUInt32LittleEndian(payload) : 0;

    private Batch Decode(long instance, byte[] value)
    {
        byte[] key = StoredRecord.KeyOf(instance);
        if (!StoredRecord.TryUnseal(key, value, out ReadOnlySpan<byte> payload)
            || !Batch.TryParse(value.AsMemory(0, payload.Length), out Batch batch))
        {
            throw _database.Damaged($"the record of instance {instance} fails its checksum");
        }

        return batch;
    }
}
