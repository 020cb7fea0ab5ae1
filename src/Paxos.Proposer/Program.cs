using Paxos.Core.Hosting;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Proposers;
using Paxos.Core.Protocol.Storage;
using Paxos.Core.Storage;

// proposer.sh <id> <config>: a Multi-Paxos proposer; the lowest live id leads.
if (!RoleStartup.TryStart("proposer", args, out RoleContext context, out int exitCode))
{
    return exitCode;
}

// With data_dir, the decided log and the round floor live in <data_dir>/proposer<id> and survive a restart.
if (!RoleStartup.TryOpenStore(context, folder => LmdbProposerStore.Open(folder, context.Id, context.Options.ClusterId), out LmdbProposerStore? store, out exitCode))
{
    return exitCode;
}

using LmdbProposerStore? ownedStore = store;
if (store is not null)
{
    context.Log.Information("resuming: decided up to instance {ContiguousEnd}, round floor {RoundFloor}", store.ContiguousEnd, store.RoundFloor);
}

// Without it, the decided log lives in a memory file, outside the heap.
using MemoryFileBatchArchive? archive = store is null ? RoleStartup.OpenHistoryArchive(context) : null;
IProposerStore? history = archive is null ? store : new DecidedLog(archive);

using var shutdown = new ShutdownSignal();
return RoleStartup.RunStoring(context, () =>
{
    // Resuming reads the decided log (its submissions are acknowledged, not proposed again).
    var proposer = new Proposer(context.Id, context.Options.AcceptorCount, context.Settings, new Random(), TimeSpan.Zero, history);
    return RoleStartup.RunHost(context, () => new RoleHost(proposer, context, RoleGroup.Proposers, store)
    {
        DescribeRole = stats =>
        {
            stats.Add("instances", proposer.InstancesDecided);
            stats.Add("retransmissions", proposer.Retransmissions);
            stats.Add("overtakenResends", proposer.OvertakenResends);
            stats.Add("answerTailRepeats", proposer.AnswerTailRepeats);
            stats.Add("leadershipAttempts", proposer.LeadershipAttempts);
            stats.Add("catchUpDecisionsServed", proposer.CatchUpDecisionsServed);
            stats.Add("decidedPrefix", proposer.DecidedPrefix);
            stats.Add("ballotsClamped", proposer.BallotsClamped);
            stats.Add("roundsExhausted", proposer.RoundsExhausted);
            stats.Add("archivedBytes", archive?.Bytes ?? 0);
        },
    }, shutdown.Token);
});
