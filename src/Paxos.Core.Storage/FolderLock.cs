using System.Globalization;

namespace Paxos.Core.Storage;

/// <summary>
/// Keeps a data folder to one process: an exclusive, non-blocking flock on <c>paxos.lock</c> (what .NET takes
/// for <see cref="FileShare.None"/> on Unix), released by the kernel when the process ends however it ends.
/// The holder's pid goes into <c>paxos.pid</c> (a separate file: the lock file cannot be read while held),
/// so that a refused process can say who holds the folder.
/// </summary>
public sealed class FolderLock : IDisposable
{
    private const string LockFileName = "paxos.lock";
    private const string PidFileName = "paxos.pid";
    private readonly FileStream _lock;

    private FolderLock(FileStream held) => _lock = held;

    /// <summary>
    /// Creates <paramref name="folder"/> if needed and takes its lock; throws <see cref="StorageException"/> naming the
    /// folder when it cannot be created, or the holder when another process has it.
    /// </summary>
    public static FolderLock CreateAndAcquire(string folder, string owner)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(folder, $"{owner}: {folder}: cannot create the folder ({exception.Message})", exception);
        }

        return Acquire(folder, owner);
    }

    /// <summary>Takes the lock of <paramref name="folder"/>, or throws <see cref="StorageException"/> naming the holder.</summary>
    private static FolderLock Acquire(string folder, string owner)
    {
        string lockPath = Path.Combine(folder, LockFileName);
        string pidPath = Path.Combine(folder, PidFileName);
        FileStream held;
        try
        {
            held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception) when (File.Exists(lockPath))
        {
            string holder = ReadHolder(pidPath);
            throw new StorageException(folder, $"{owner}: {folder} is in use by another process ({holder})", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(folder, $"{owner}: {folder}: cannot create {LockFileName} ({exception.Message})", exception);
        }

        try
        {
            File.WriteAllText(pidPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            held.Dispose();
            throw new StorageException(folder, $"{owner}: {folder}: cannot write {PidFileName} ({exception.Message})", exception);
        }

        return new FolderLock(held);
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private static string ReadHolder(string pidPath)
    {
        try
        {
            string text = File.ReadAllText(pidPath).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? $"pid {pid}" : "pid unknown";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "pid unknown";
        }
    }
}
