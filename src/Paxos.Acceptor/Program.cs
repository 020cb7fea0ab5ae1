using Paxos.Core.Hosting;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;
using Paxos.Core.Protocol.Storage;
using Paxos.Core.Storage;

// acceptor.sh <id> <config>: the Paxos acceptor, receiving on the acceptors' group.
if (!RoleStartup.TryStart("acceptor", args, out RoleContext context, out int exitCode))
{
    return exitCode;
}

// Proposers count votes by acceptor id, so ids must be distinct and within the configured count.
if (context.Id < 1 || context.Id > context.Options.AcceptorCount)
{
    return RoleStartup.RejectId(context, $"acceptor ids must be 1..{context.Options.AcceptorCount} (acceptor_count)");
}

// With data_dir, the promise and accepted values live in <data_dir>/acceptor<id> and survive a restart.
if (!RoleStartup.TryOpenStore(context, folder => LmdbAcceptorStore.Open(folder, context.Id, context.Options.ClusterId), out LmdbAcceptorStore? store, out exitCode))
{
    return exitCode;
}

using LmdbAcceptorStore? ownedStore = store;
if (store is not null)
{
    context.Log.Information("resuming: promised {Promised}, accepted up to instance {AcceptedEnd}", store.Promised, store.AcceptedEnd);
}

// Without it, the history lives in a memory file, outside the heap.
using MemoryFileBatchArchive? archive = store is null ? RoleStartup.OpenHistoryArchive(context) : null;
IAcceptorStore? history = archive is null ? store : new AcceptedLog(archive);

using var shutdown = new ShutdownSignal();
return RoleStartup.RunHost(context, () => new RoleHost(new Acceptor(context.Id, context.Settings, history), context, RoleGroup.Acceptors, store)
{
    DescribeRole = stats => stats.Add("archivedBytes", archive?.Bytes ?? 0),
}, shutdown.Token);
