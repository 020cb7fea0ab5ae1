using Paxos.Core.Protocol.Storage;

namespace Paxos.Simulation.Storage;

/// <summary>
/// A role's store on a simulated disk. The host of the simulation splits <see cref="IDurableStore.Commit"/>
/// in two, so that a commit takes simulated time and a crash can fall inside it: <see cref="BeginCommit"/>
/// when the turn ends, <see cref="CompleteCommit"/> when the simulated sync returns. What the role wrote
/// after the last completed commit lives only in memory: a crash loses it, and a restart reopens the disk.
/// </summary>
public interface ISimulatedStore : IDurableStore
{
    /// <summary>The simulated sync of everything written so far starts (the writes of one turn: group commit).</summary>
    void BeginCommit();

    /// <summary>The sync started by <see cref="BeginCommit"/> returns: those writes are on the disk now.</summary>
    void CompleteCommit();

    /// <summary>
    /// Whether the last completed commit made a new promise durable: an acceptor's promise, or a proposer's
    /// round floor (its Prepare in the new round was waiting on it). The crash point "right after promising".
    /// </summary>
    bool LastCommitRaisedPromise { get; }
}
