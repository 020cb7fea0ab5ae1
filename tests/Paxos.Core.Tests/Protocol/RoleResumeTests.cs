using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Protocol;

/// <summary>
/// A role created over a store that holds an earlier life's state resumes from it (the store contract the
/// durable stores implement; here with the in-memory ones, which a test can fill).
/// </summary>
public sealed class RoleResumeTests
{
    private static readonly ProtocolSettings Settings = new();

    [Fact]
    public void Acceptor_over_a_store_with_a_promise_refuses_lower_ballots_and_reports_what_it_accepted()
    {
        var store = new AcceptedLog();
        store.SetPromised(new Ballot(5, 2));
        store.SetAccepted(3, new Ballot(4, 1), BatchOf((7, 1, 0, "kept")));

        var acceptor = new Acceptor(1, Settings, store);
        acceptor.Handle(1, new Prepare(new Ballot(4, 9), 0, Prepare.AllAcceptors), TimeSpan.Zero);
        var refused = acceptor.Drain().Single<Nack>(RoleGroup.Proposers);
        acceptor.Handle(1, new Prepare(new Ballot(6, 1), 0, Prepare.AllAcceptors), TimeSpan.Zero);
        var promise = acceptor.Drain().Single<Promise>(RoleGroup.Proposers);

        Assert.Equal(new Ballot(5, 2), refused.Promised);
        AcceptedEntry entry = Assert.Single(promise.Entries);
        Assert.Equal((3L, new Ballot(4, 1)), (entry.Instance, entry.Ballot));
        Assert.Equal(["kept"], Text(entry.Batch));
        Assert.Equal(new Ballot(6, 1), store.Promised);
    }

    [Fact]
    public void Acceptor_writes_its_promise_and_each_accepted_value_to_its_store()
    {
        var store = new AcceptedLog();
        var acceptor = new Acceptor(1, Settings, store);

        acceptor.Handle(1, new Accept(new Ballot(2, 1), 0, BatchOf((7, 1, 0, "a"))), TimeSpan.Zero);

        Assert.Equal(new Ballot(2, 1), store.Promised);
        Assert.True(store.TryGet(0, out Ballot ballot, out Batch batch));
        Assert.Equal(new Ballot(2, 1), ballot);
        Assert.Equal(["a"], Text(batch));
    }

    [Fact]
    public void Proposer_over_a_store_goes_above_its_round_floor_and_raises_it_before_preparing()
    {
        var store = new DecidedLog();
        store.RaiseRoundFloor(41);

        var proposer = new Proposer(1, 3, Settings, new Random(1), TimeSpan.Zero, store);
        proposer.Tick(Settings.HeartbeatInterval * 3);
        var prepare = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors);

        Assert.Equal(42u, prepare.Ballot.Round);
        Assert.Equal(42u, store.RoundFloor);
    }

    [Fact]
    public void Proposer_over_a_store_with_decided_values_acknowledges_them_instead_of_proposing_again()
    {
        var store = new DecidedLog();
        store.TryAdd(0, BatchOf((7, 1, 0, "old")));
        var proposer = new Proposer(1, 3, Settings, new Random(1), TimeSpan.Zero, store);
        proposer.Tick(Settings.HeartbeatInterval * 3);
        var prepare = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors);
        for (int acceptor = 1; acceptor <= 2; acceptor++)
        {
            proposer.Handle(acceptor, new Promise(prepare.Ballot, prepare.FromInstance, prepare.FromInstance, true, []), TimeSpan.Zero);
        }

        proposer.Drain();
        proposer.Handle(100, new ClientRequest(BatchOf((7, 1, 0, "old"))), TimeSpan.Zero);
        var output = proposer.Drain();

        Assert.Equal(1, prepare.FromInstance);
        Assert.Empty(output.Sent<Accept>(RoleGroup.Acceptors));
        Assert.Single(output.Sent<ClientAck>(RoleGroup.Clients));
    }
}
