using System.Globalization;
using System.Text;
using Paxos.Core.Storage;

namespace Paxos.Core.Hosting;

/// <summary>
/// A durable client's session in <c>&lt;data_dir&gt;/client&lt;id&gt;/</c>: its session nonce and how many of its
/// input's values are acknowledged as decided (a contiguous prefix). A client restarted on the same input skips
/// that prefix and sends the rest again under the same session and sequence numbers, so proposers and learners
/// drop what was already decided: each submission is still learned exactly once across the crash.
/// </summary>
/// <remarks>
/// One small text file, <c>session</c>, replaced whole: written to <c>session.tmp</c>, fsync'd, renamed over
/// the old one, so a crash leaves the old or the new contents, never a mix. The stored prefix may lag the real
/// one (it is saved now and then, on a pool thread so the client's loop never waits for the disk); that only
/// costs resends, which are deduplicated. The session itself is durable before the first submission leaves. The folder's lock (<c>paxos.lock</c>, as the acceptors' and
/// proposers' folders) is held for the process's lifetime and keeps a second client with the same folder out. The directory is not fsync'd after the rename (.NET cannot open a directory):
/// a process crash keeps the rename, a power loss may bring back the previous file (an older prefix, same session).
/// </remarks>
public sealed class ClientSessionFile : IDisposable
{
    private const string Header = "paxos client session";
    private const int Version = 1;
    private const string FileName = "session";

    private readonly string _path;
    private readonly string _temporaryPath;
    private readonly uint _clientId;
    private readonly FolderLock _lock;
    private readonly Lock _gate = new();
    private ulong _requested;
    private ulong _stored;
    private bool _writing;
    private Task _writer = Task.CompletedTask;

    private ClientSessionFile(string folder, uint clientId, FolderLock lockFile, ulong session, ulong acknowledged)
    {
        Folder = folder;
        _path = Path.Combine(folder, FileName);
        _temporaryPath = _path + ".tmp";
        _clientId = clientId;
        _lock = lockFile;
        Session = session;
        _requested = acknowledged;
        _stored = acknowledged;
    }

    /// <summary>The client's folder.</summary>
    public string Folder { get; }

    /// <summary>The session nonce: the stored one, or the new one saved at open.</summary>
    public ulong Session { get; }

    /// <summary>How many values from the start of the input are acknowledged as decided, as stored on disk.</summary>
    public ulong Acknowledged => Volatile.Read(ref _stored);

    /// <summary>The highest prefix handed to <see cref="SaveInBackground"/> or <see cref="Save"/> (stored, or being stored).</summary>
    public ulong Requested
    {
        get
        {
            lock (_gate)
            {
                return _requested;
            }
        }
    }

    /// <summary>Whether the folder held a session from an earlier run.</summary>
    public bool Resumed { get; private init; }

    /// <summary>
    /// Opens (creating it if needed) the session in <paramref name="folder"/>: resumes the stored one, or stores
    /// <paramref name="newSession"/> durably before returning.
    /// </summary>
    /// <exception cref="StorageException">The folder is in use by another process, or its file is damaged, another
    /// client's, or of a newer format (nothing was overwritten); or it cannot be written.</exception>
    public static ClientSessionFile Open(string folder, uint clientId, ulong newSession)
    {
        string full = Path.GetFullPath(folder);
        string owner = string.Create(CultureInfo.InvariantCulture, $"client {clientId}");
        FolderLock lockFile = FolderLock.CreateAndAcquire(full, owner);
        try
        {
            string path = Path.Combine(full, FileName);
            if (File.Exists(path))
            {
                (ulong session, ulong acknowledged) = Read(full, owner, path, clientId);
                return new ClientSessionFile(full, clientId, lockFile, session, acknowledged) { Resumed = true };
            }

            var created = new ClientSessionFile(full, clientId, lockFile, newSession, 0);
            try
            {
                created.Write(0);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new StorageException(full, $"{owner}: {full}: cannot write {FileName} ({exception.Message})", exception);
            }

            return created;
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stores <paramref name="acknowledged"/> on a pool thread if it is above what was asked before; returns at
    /// once. Writes never overlap: one running write picks up the latest request when it is done. A failed
    /// write is thrown by the next call.
    /// </summary>
    public void SaveInBackground(ulong acknowledged)
    {
        lock (_gate)
        {
            if (_writer.IsFaulted)
            {
                _writer.GetAwaiter().GetResult();
            }

            if (acknowledged <= _requested)
            {
                return;
            }

            _requested = acknowledged;
            if (!_writing)
            {
                _writing = true;
                _writer = Task.Run(WriteRequested);
            }
        }
    }

    /// <summary>Stores <paramref name="acknowledged"/> durably (if it is above what was asked before) and waits for it.</summary>
    public void Save(ulong acknowledged)
    {
        SaveInBackground(acknowledged);
        WaitForWrites();
    }

    /// <summary>Waits until every requested prefix is on disk; throws if a write failed.</summary>
    public void WaitForWrites()
    {
        Task writer;
        lock (_gate)
        {
            writer = _writer;
        }

        writer.GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Task writer;
            lock (_gate)
            {
                writer = _writer;
            }

            writer.Wait();
        }
        catch (AggregateException)
        {
            // Already reported by Save or the next SaveInBackground, or the process is ending anyway.
        }
        finally
        {
            _lock.Dispose();
        }
    }

    private void WriteRequested()
    {
        while (true)
        {
            ulong wanted;
            lock (_gate)
            {
                wanted = _requested;
                if (wanted <= _stored)
                {
                    _writing = false;
                    return;
                }
            }

            try
            {
                Write(wanted);
            }
            catch (Exception exception)
            {
                lock (_gate)
                {
                    _writing = false;
                }

                // A full or failing disk: the client stops with one line naming its folder (RoleStartup.RunStoring),
                // as an acceptor or proposer does, rather than dying of an unhandled exception.
                if (exception is IOException or UnauthorizedAccessException)
                {
                    string folder = Path.GetDirectoryName(_path)!;
                    throw new StorageException(folder, $"client {_clientId}: {folder}: cannot write {FileName} ({exception.Message})", exception);
                }

                throw;
            }
        }
    }

    private void Write(ulong acknowledged)
    {
        string text = string.Create(CultureInfo.InvariantCulture,
            $"{Header} v{Version}\nclient {_clientId}\nsession {Session:x16}\nacknowledged {acknowledged}\n");
        using (var stream = new FileStream(_temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.ASCII.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }

        File.Move(_temporaryPath, _path, overwrite: true);
        Volatile.Write(ref _stored, acknowledged);
    }

    private static (ulong Session, ulong Acknowledged) Read(string folder, string owner, string path, uint clientId)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllText(path, Encoding.ASCII).Split('\n');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(folder, $"{owner}: {folder}: cannot read {FileName} ({exception.Message})");
        }

        // Exactly four lines and a final newline: anything else is damage (the file is only ever replaced whole).
        if (lines.Length != 5 || lines[4].Length != 0 || !lines[0].StartsWith(Header + " v", StringComparison.Ordinal))
        {
            throw new StorageException(folder, $"{owner}: {folder}: {FileName} is damaged or not a client session file");
        }

        if (!int.TryParse(lines[0].AsSpan(Header.Length + 2), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
        {
            throw new StorageException(folder, $"{owner}: {folder}: {FileName} is damaged (format line '{lines[0]}')");
        }

        if (version > Version)
        {
            throw new StorageException(folder, $"{owner}: {folder}: {FileName} has format v{version}, newer than this program's v{Version}");
        }

        if (!TryField(lines[1], "client", NumberStyles.None, out ulong storedClient)
            || !TryField(lines[2], "session", NumberStyles.AllowHexSpecifier, out ulong session)
            || !TryField(lines[3], "acknowledged", NumberStyles.None, out ulong acknowledged))
        {
            throw new StorageException(folder, $"{owner}: {folder}: {FileName} is damaged");
        }

        if (storedClient != clientId)
        {
            throw new StorageException(folder, $"{owner}: {folder}: {FileName} belongs to client {storedClient}, not client {clientId}");
        }

        return (session, acknowledged);
    }

    private static bool TryField(string line, string name, NumberStyles style, out ulong value)
    {
        value = 0;
        return line.StartsWith(name + " ", StringComparison.Ordinal)
            && ulong.TryParse(line.AsSpan(name.Length + 1), style, CultureInfo.InvariantCulture, out value);
    }
}
