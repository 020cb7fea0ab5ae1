using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using LightningDB;

namespace Paxos.Core.Storage;

/// <summary>
/// One role's LMDB environment in its data folder: the folder lock, the format record checked at open, a
/// <c>meta</c> database for single values (promise, round floor) and a <c>data</c> database keyed by instance.
/// Writes go into one write transaction, opened at the first write and ended by <see cref="Commit"/>; reads
/// see those writes. Everything that goes wrong is a <see cref="StorageException"/> naming the folder.
/// </summary>
internal sealed class RoleDatabase : IDisposable
{
    /// <summary>The layout of the records below; a folder written by a newer layout is refused.</summary>
    public const uint FormatVersion = 1;

    /// <summary>
    /// Address space reserved for the map, not disk: LMDB's file grows with what it holds. A terabyte is
    /// more than the disk, so the map never fills before the disk does.
    /// </summary>
    private const long MapSize = 1L << 40;

    private const string DataFileName = "data.mdb";
    private static readonly byte[] FormatKey = Encoding.ASCII.GetBytes("format");
    private static readonly byte[] FormatMagic = Encoding.ASCII.GetBytes("PXDB");

    /// <summary>
    /// Records per cursor pass of <see cref="ReadFrom"/>: the first pass is small (a caller often stops after a
    /// few: a 60 KB Promise chunk, a 1 MB catch-up budget), later ones double up to <see cref="MaxChunkRecords"/>.
    /// </summary>
    private const int FirstChunkRecords = 8;
    private const int MaxChunkRecords = 256;
    private const long ChunkBytes = 1 << 20;

    /// <summary>Bytes read through the map (or written) after which its pages are released from the resident set.</summary>
    private const long ReleaseAfterBytes = 16 << 20;

    private readonly FolderLock _lock;
    private readonly MappedPages _mappedPages;
    private long _readSinceRelease;
    private long _writtenSinceRelease;
    private readonly LightningEnvironment _environment;
    private LightningTransaction? _write;

    private RoleDatabase(string folder, string owner, FolderLock folderLock, LightningEnvironment environment)
    {
        Folder = folder;
        Owner = owner;
        _lock = folderLock;
        _environment = environment;
        _mappedPages = new MappedPages(Path.Combine(folder, DataFileName));
    }

    /// <summary>The data folder.</summary>
    public string Folder { get; }

    /// <summary>Who uses it, as messages name it ("acceptor 2").</summary>
    public string Owner { get; }

    /// <summary>Single values: the promise, the round floor, the format record.</summary>
    public LightningDatabase Meta { get; private set; } = null!;

    /// <summary>Records keyed by instance (big-endian), in instance order.</summary>
    public LightningDatabase Data { get; private set; } = null!;

    /// <summary>Whether a write transaction is open (writes not yet committed).</summary>
    public bool HasPendingWrites => _write is not null;

    /// <summary>Transactions committed (each one sync).</summary>
    public long Commits { get; private set; }

    /// <summary>Time spent committing (writing and syncing), for the statistics.</summary>
    public TimeSpan CommitTime { get; private set; }

    /// <summary>How long the open write transaction has been open (for a store that commits by time).</summary>
    public long PendingSince { get; private set; }

    /// <summary>
    /// Opens (creating if needed) the folder of <paramref name="role"/> <paramref name="id"/> of cluster
    /// <paramref name="clusterId"/>; refuses a locked, damaged, foreign or newer folder without writing to it.
    /// </summary>
    public static RoleDatabase Open(string folder, string role, int id, uint clusterId)
    {
        string owner = string.Create(CultureInfo.InvariantCulture, $"{role} {id}");
        FolderLock folderLock = FolderLock.CreateAndAcquire(folder, owner);
        LightningEnvironment? environment = null;
        RoleDatabase? database = null;
        try
        {
            LmdbNativeLibrary.EnsureLoaded(folder, owner);
            long fileBytes = FileLength(Path.Combine(folder, DataFileName));
            environment = new LightningEnvironment(folder, new EnvironmentConfiguration { MapSize = MapSize, MaxDatabases = 2 });

            // NoReadAhead: catch-up reads old pages once; read-ahead would pull their neighbours into the
            // page cache and the resident set for nothing.
            environment.Open(EnvironmentOpenFlags.NoReadAhead | EnvironmentOpenFlags.NoThreadLocalStorage);
            database = new RoleDatabase(folder, owner, folderLock, environment);
            database.CheckLength(fileBytes);
            database.OpenDatabases(role, id, clusterId);
            return database;
        }
        catch (Exception exception) when (exception is LightningException or StorageException)
        {
            // Nothing was written: a refused folder is left exactly as it was found.
            if (database is not null)
            {
                database.Dispose();
            }
            else
            {
                environment?.Dispose();
                folderLock.Dispose();
            }

            throw exception as StorageException
                ?? new StorageException(folder, $"{owner}: {folder}: unreadable LMDB files ({exception.Message})", exception);
        }
    }

    /// <summary>
    /// Opens the folder as <see cref="Open"/> does and builds a store over it with <paramref name="create"/>; if
    /// the store refuses what it reads (e.g. a damaged last record), the folder is closed again before the throw.
    /// </summary>
    public static TStore OpenStore<TStore>(string folder, string role, int id, uint clusterId, Func<RoleDatabase, TStore> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        RoleDatabase database = Open(folder, role, id, clusterId);
        try
        {
            return create(database);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>The write transaction of this turn, opened by the first write.</summary>
    public LightningTransaction Write()
    {
        if (_write is null)
        {
            _write = Guard("begin a write transaction", () => _environment.BeginTransaction());
            PendingSince = Environment.TickCount64;
        }

        return _write;
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> in this turn's transaction.</summary>
    public void Put(LightningDatabase database, byte[] key, byte[] value)
    {
        LightningTransaction transaction = Write();
        Check(transaction.Put(database, key, value), "write a record");
        _writtenSinceRelease += value.Length;
    }

    /// <summary>Stores the single value <paramref name="payload"/> under <paramref name="key"/> in the meta database, checksummed.</summary>
    public void PutMeta(byte[] key, ReadOnlySpan<byte> payload) => Put(Meta, key, StoredRecord.Seal(key, payload));

    /// <summary>
    /// The payload of the meta record <paramref name="key"/> (null if there is none); throws if it fails its
    /// checksum or is not <paramref name="length"/> bytes long, naming it as <paramref name="what"/>.
    /// </summary>
    public byte[]? GetMeta(byte[] key, int length, string what)
    {
        if (Get(Meta, key) is not { } value)
        {
            return null;
        }

        if (!StoredRecord.TryUnseal(key, value, out ReadOnlySpan<byte> payload) || payload.Length != length)
        {
            throw Damaged($"the {what} record fails its checksum");
        }

        return payload.ToArray();
    }

    /// <summary>
    /// The records of <paramref name="database"/> from instance <paramref name="from"/> on, in instance order, read
    /// lazily in bounded chunks: each chunk with one cursor, in a read transaction that ends before anything is
    /// yielded, so a caller may stop at any point (or write between records) without holding a reader.
    /// </summary>
    public IEnumerable<(long Instance, byte[] Value)> ReadFrom(LightningDatabase database, long from)
    {
        long next = Math.Max(from, 0);
        int records = FirstChunkRecords;
        while (true)
        {
            List<(long Instance, byte[] Value)> chunk = ReadChunk(database, next, records, ChunkBytes);
            if (chunk.Count == 0)
            {
                yield break;
            }

            foreach ((long Instance, byte[] Value) record in chunk)
            {
                yield return record;
            }

            next = chunk[^1].Instance + 1;
            records = Math.Min(records * 2, MaxChunkRecords);
        }
    }

    /// <summary>Commits the open write transaction and syncs it to disk (nothing to do if none is open).</summary>
    public void Commit()
    {
        if (_write is not { } transaction)
        {
            return;
        }

        _write = null;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            Check(transaction.Commit(), "commit");
        }
        finally
        {
            transaction.Dispose();
            Commits++;
            CommitTime += System.Diagnostics.Stopwatch.GetElapsedTime(started);
        }

        // Writing maps pages too: each Put walks the tree through the map, and the kernel maps the cached
        // pages around each fault (fault-around), freshly written values included. Measured: an acceptor
        // that wrote 200 MB held 62 MB of the file resident. Released like a catch-up's reads.
        if (_writtenSinceRelease >= ReleaseAfterBytes)
        {
            _writtenSinceRelease = 0;
            _mappedPages.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> in the open write transaction (so it sees this turn's writes) or, with none
    /// open, in a read-only transaction that ends with it: no transaction outlives a call.
    /// </summary>
    public T Read<T>(Func<LightningTransaction, T> read)
    {
        if (_write is { } open)
        {
            return Guard("read", () => read(open));
        }

        return Guard("read", () =>
        {
            using LightningTransaction transaction = _environment.BeginTransaction(TransactionBeginFlags.ReadOnly);
            return read(transaction);
        });
    }

    /// <summary>The value under <paramref name="key"/> (copied out of the map), or null.</summary>
    public byte[]? Get(LightningDatabase database, byte[] key) => Read(transaction =>
    {
        (MDBResultCode code, MDBValue _, MDBValue value) = transaction.Get(database, key);
        if (code == MDBResultCode.NotFound)
        {
            return null;
        }

        Check(code, "read a record");
        return value.CopyToNewArray();
    });

    /// <summary>
    /// Up to <paramref name="maxRecords"/> records (and about <paramref name="maxBytes"/>) of <paramref name="database"/>
    /// from instance <paramref name="from"/> on, copied out with one cursor: a bounded chunk of a long history.
    /// </summary>
    private List<(long Instance, byte[] Value)> ReadChunk(LightningDatabase database, long from, int maxRecords, long maxBytes) => Read(transaction =>
    {
        var chunk = new List<(long, byte[])>();
        using LightningCursor cursor = transaction.CreateCursor(database);
        MDBResultCode code = cursor.SetRange(StoredRecord.KeyOf(from));
        long bytes = 0;
        while (code == MDBResultCode.Success && chunk.Count < maxRecords && bytes < maxBytes)
        {
            (MDBResultCode current, MDBValue key, MDBValue value) = cursor.GetCurrent();
            Check(current, "read a record");
            byte[] copy = value.CopyToNewArray();
            chunk.Add((KeyInstance(key.AsSpan()), copy));
            bytes += copy.Length;
            (code, _, _) = cursor.Next();
        }

        if (code is not (MDBResultCode.Success or MDBResultCode.NotFound))
        {
            Check(code, "read records");
        }

        // What a catch-up read is copied out: drop it from the resident set now and then, so that serving
        // a long history costs page cache, which the kernel reclaims, not this process's memory.
        _readSinceRelease += bytes;
        if (_readSinceRelease >= ReleaseAfterBytes)
        {
            _readSinceRelease = 0;
            _mappedPages.Release();
        }

        return chunk;
    });

    /// <summary>The highest instance in <paramref name="database"/> and its value, or null if it is empty.</summary>
    public (long Instance, byte[] Value)? Last(LightningDatabase database) => Read<(long, byte[])?>(transaction =>
    {
        using LightningCursor cursor = transaction.CreateCursor(database);
        (MDBResultCode code, MDBValue key, MDBValue value) = cursor.Last();
        if (code == MDBResultCode.NotFound)
        {
            return null;
        }

        Check(code, "read the last record");
        return (KeyInstance(key.AsSpan()), value.CopyToNewArray());
    });

    /// <summary>A record whose checksum or layout is wrong: the folder is damaged.</summary>
    public StorageException Damaged(string what) =>
        new(Folder, $"{Owner}: {Folder}: damaged storage: {what}");

    /// <inheritdoc />
    public void Dispose()
    {
        // An uncommitted turn is dropped: nothing was answered on it.
        _write?.Dispose();
        _write = null;
        _environment.Dispose();
        _lock.Dispose();
    }

    private long KeyInstance(ReadOnlySpan<byte> key) =>
        key.Length == StoredRecord.KeyBytes ? StoredRecord.InstanceOf(key) : throw Damaged($"a key of {key.Length} bytes");

    private void OpenDatabases(string role, int id, uint clusterId)
    {
        LightningTransaction transaction = Write();
        Meta = Guard("open the meta database", () => transaction.OpenDatabase("meta", new DatabaseConfiguration { Flags = DatabaseOpenFlags.Create }));
        Data = Guard("open the data database", () => transaction.OpenDatabase("data", new DatabaseConfiguration { Flags = DatabaseOpenFlags.Create }));
        byte[]? format = Get(Meta, FormatKey);
        if (format is null)
        {
            if (Last(Data) is not null)
            {
                throw Damaged("records without a format record");
            }

            Put(Meta, FormatKey, StoredRecord.Seal(FormatKey, EncodeFormat(role, id, clusterId)));
            Commit();
            return;
        }

        CheckFormat(format, role, id, clusterId);
        Commit();
    }

    private static byte[] EncodeFormat(string role, int id, uint clusterId)
    {
        byte[] roleBytes = Encoding.UTF8.GetBytes(role);
        var payload = new byte[16 + roleBytes.Length];
        FormatMagic.CopyTo(payload, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(4), FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(8), clusterId);
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(12), id);
        roleBytes.CopyTo(payload, 16);
        return payload;
    }

    private void CheckFormat(byte[] value, string role, int id, uint clusterId)
    {
        if (!StoredRecord.TryUnseal(FormatKey, value, out ReadOnlySpan<byte> payload) || payload.Length < 16 || !payload[..4].SequenceEqual(FormatMagic))
        {
            throw Damaged("the format record fails its checksum");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        uint storedCluster = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        int storedId = BinaryPrimitives.ReadInt32LittleEndian(payload[12..]);
        string storedRole = Encoding.UTF8.GetString(payload[16..]);
        if (version > FormatVersion)
        {
            throw Refused(string.Create(CultureInfo.InvariantCulture, $"written in storage format {version}, newer than this program's {FormatVersion}"));
        }

        if (storedCluster != clusterId)
        {
            throw Refused(string.Create(CultureInfo.InvariantCulture, $"belongs to cluster id {storedCluster}, not {clusterId}"));
        }

        if (storedRole != role || storedId != id)
        {
            throw Refused(string.Create(CultureInfo.InvariantCulture, $"belongs to {storedRole} {storedId}"));
        }
    }

    private StorageException Refused(string why)
    {
        _write?.Dispose();
        _write = null;
        return new StorageException(Folder, $"{Owner}: {Folder} {why}; refusing to use it");
    }

    /// <summary>
    /// A data file shorter than the pages LMDB's last commit uses was cut (a bad copy, a full disk): reading
    /// past its end would crash the process (SIGBUS) instead of reporting it.
    /// </summary>
    private void CheckLength(long fileBytes)
    {
        long pages = _environment.Info.LastPageNumber + 1;
        long needed = pages * _environment.EnvironmentStats.PageSize;
        if (fileBytes >= 0 && fileBytes < needed)
        {
            throw new StorageException(Folder, string.Create(CultureInfo.InvariantCulture,
                $"{Owner}: {Folder}: damaged storage: {DataFileName} holds {fileBytes} bytes, its last commit needs {needed}"));
        }
    }

    private static long FileLength(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : -1;
    }

    private T Guard<T>(string what, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (LightningException exception)
        {
            throw new StorageException(Folder, $"{Owner}: {Folder}: cannot {what} ({exception.Message})", exception);
        }
    }

    private void Check(MDBResultCode code, string what)
    {
        if (code != MDBResultCode.Success)
        {
            throw new StorageException(Folder, string.Create(CultureInfo.InvariantCulture, $"{Owner}: {Folder}: cannot {what} (LMDB error {(int)code}: {DescribeCode(code)})"));
        }
    }

    private static string DescribeCode(MDBResultCode code) =>
        (int)code > 0 ? new System.ComponentModel.Win32Exception((int)code).Message : code.ToString();
}
