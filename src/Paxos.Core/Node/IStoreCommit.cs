namespace Paxos.Core.Node;

/// <summary>
/// How the node loop makes a turn's storage writes durable (when the role's <see cref="Protocol.Ready.MustCommitFirst"/>)
/// before the messages that depend on them leave. An LMDB store syncs before <see cref="Commit"/> returns; a
/// simulated disk may take simulated time, and the loop then holds the messages until <see cref="NodeLoop.CommitCompleted"/>.
/// </summary>
public interface IStoreCommit
{
    /// <summary>Starts making the role store's pending writes durable.</summary>
    CommitProgress Commit();
}

/// <summary>Where a commit stands when <see cref="IStoreCommit.Commit"/> returns.</summary>
public enum CommitProgress
{
    /// <summary>The writes are durable: the turn's messages leave now.</summary>
    Durable,

    /// <summary>The sync runs on: the messages wait for <see cref="NodeLoop.CommitCompleted"/>.</summary>
    Syncing,

    /// <summary>
    /// The sync runs on, but the messages leave now. Never correct for a store whose answers promise
    /// something: the simulator uses it to show that its checker catches an acceptor answering before its disk.
    /// </summary>
    SyncingAnswersSent,
}
