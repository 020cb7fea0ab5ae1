namespace Paxos.Core.Storage;

/// <summary>
/// A role's data folder cannot be used: locked by another process, damaged, from another cluster or role,
/// of a newer format, or failing while running (disk full, I/O error). The message is one line naming the
/// folder and the problem; the process reports it and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class StorageException : Exception
{
    /// <summary>Exit code of a role that cannot use its data folder.</summary>
    public const int ExitCode = 4;

    /// <summary>Creates the exception for <paramref name="folder"/>; <paramref name="message"/> is the whole line (it names the folder).</summary>
    public StorageException(string folder, string message, Exception? inner = null)
        : base(message, inner) => Folder = folder;

    /// <summary>The data folder concerned.</summary>
    public string Folder { get; }
}
