using Paxos.Core.Node;
using Paxos.Core.Protocol.Storage;

namespace Paxos.Core.Hosting;

/// <summary>The node loop's commit over a role's store on disk: the sync is done when <see cref="Commit"/> returns.</summary>
public sealed class DurableStoreCommit(IDurableStore store) : IStoreCommit
{
    /// <inheritdoc />
    public CommitProgress Commit()
    {
        store.Commit();
        return CommitProgress.Durable;
    }
}
