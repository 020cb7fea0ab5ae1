namespace Paxos.Core.Protocol.Storage;

/// <summary>
/// A role's storage as its host drives it. A role writes to its store while it handles a turn's inputs;
/// the host then calls <see cref="Commit"/> once and only afterwards sends what the role put in its
/// outbox: answers wait for the disk, never the other way round, and the many writes of one turn share
/// one transaction and one sync (group commit).
/// </summary>
public interface IDurableStore
{
    /// <summary>Whether anything was written since the last <see cref="Commit"/>.</summary>
    bool HasPendingWrites { get; }

    /// <summary>
    /// Makes the pending writes durable: when it returns, everything the outgoing messages depend on
    /// survives a crash of the process or the machine. An in-memory store does nothing.
    /// </summary>
    void Commit();
}
