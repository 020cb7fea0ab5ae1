using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;
using Paxos.Core.Storage;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Storage;

/// <summary>Roles over the LMDB stores, restarted (store closed and reopened), resume from what they committed.</summary>
public sealed class DurableRoleResumeTests
{
    private static readonly ProtocolSettings Settings = new();

    [Fact]
    public void Restarted_acceptor_refuses_lower_ballots_and_reports_what_it_accepted_before()
    {
        using var folder = new TempDataFolder();
        using (LmdbAcceptorStore store = LmdbAcceptorStore.Open(folder.Path, 1, TempDataFolder.ClusterId))
        {
            var acceptor = new Acceptor(1, Settings, store);
            acceptor.Handle(1, new Accept(new Ballot(4, 1), 3, BatchOf((7, 1, 0, "kept"))), TimeSpan.Zero);
            acceptor.Handle(1, new Prepare(new Ballot(5, 2), 0, Prepare.AllAcceptors), TimeSpan.Zero);
            store.Commit();
        }

        using LmdbAcceptorStore reopened = LmdbAcceptorStore.Open(folder.Path, 1, TempDataFolder.ClusterId);
        var restarted = new Acceptor(1, Settings, reopened);
        restarted.Handle(1, new Prepare(new Ballot(4, 9), 0, Prepare.AllAcceptors), TimeSpan.Zero);
        var refused = restarted.Drain().Single<Nack>(RoleGroup.Proposers);
        restarted.Handle(1, new Prepare(new Ballot(6, 1), 0, Prepare.AllAcceptors), TimeSpan.Zero);
        var promise = restarted.Drain().Single<Promise>(RoleGroup.Proposers);

        Assert.Equal(new Ballot(5, 2), refused.Promised);
        AcceptedEntry entry = Assert.Single(promise.Entries);
        Assert.Equal((3L, new Ballot(4, 1)), (entry.Instance, entry.Ballot));
        Assert.Equal(["kept"], Text(entry.Batch));
    }

    [Fact]
    public void Restarted_proposer_prepares_above_the_round_it_used_before()
    {
        using var folder = new TempDataFolder();
        uint usedRound;
        using (LmdbProposerStore store = LmdbProposerStore.Open(folder.Path, 1, TempDataFolder.ClusterId))
        {
            var proposer = new Proposer(1, 3, Settings, new Random(1), TimeSpan.Zero, store);
            proposer.Tick(Settings.HeartbeatInterval * 3);
            usedRound = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors).Ballot.Round;

            // What the host does before sending: the Prepare leaves only once its round is on disk.
            store.Commit();
            Assert.False(store.HasPendingWrites);
        }

        using LmdbProposerStore reopened = LmdbProposerStore.Open(folder.Path, 1, TempDataFolder.ClusterId);
        var restarted = new Proposer(1, 3, Settings, new Random(1), TimeSpan.Zero, reopened);
        restarted.Tick(Settings.HeartbeatInterval * 3);

        Assert.True(restarted.Drain().Single<Prepare>(RoleGroup.Acceptors).Ballot.Round > usedRound);
    }
}
