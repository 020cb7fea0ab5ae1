using Paxos.Core.Protocol;
using Paxos.Simulation.Storage;

namespace Paxos.Simulation.Tests;

/// <summary>
/// The simulated disks: a process reads its own writes at once, but only what a completed commit wrote
/// survives a crash (a new store opened over the disk); a commit cut short by a crash loses all its writes.
/// </summary>
public sealed class SimulatedStoreTests
{
    private static readonly Ballot Low = new(1, 1, 7);
    private static readonly Ballot High = new(2, 2, 9);

    [Fact]
    public void Acceptor_store_shows_its_writes_at_once_and_keeps_only_committed_ones()
    {
        var disk = new SimulatedAcceptorDisk();
        SimulatedAcceptorStore store = disk.Open();
        store.SetPromised(Low);
        store.SetAccepted(0, Low, TestBatches.BatchOf((1, 1, 0, "a")));
        store.Commit();
        store.SetPromised(High);
        store.SetAccepted(1, High, TestBatches.BatchOf((1, 1, 1, "b")));

        Assert.Equal(High, store.Promised);
        Assert.True(store.TryGet(1, out _, out _));
        Assert.True(store.HasPendingWrites);

        // The process crashes before committing the second turn: a new process sees the first only.
        SimulatedAcceptorStore reopened = disk.Open();
        Assert.Equal(Low, reopened.Promised);
        Assert.True(reopened.TryGet(0, out Ballot ballot, out _));
        Assert.Equal(Low, ballot);
        Assert.False(reopened.TryGet(1, out _, out _));
        Assert.Equal(1, reopened.AcceptedEnd);
        Assert.False(reopened.HasPendingWrites);
    }

    [Fact]
    public void Acceptor_commit_cut_short_by_a_crash_loses_its_writes()
    {
        var disk = new SimulatedAcceptorDisk();
        SimulatedAcceptorStore store = disk.Open();
        store.SetPromised(High);
        store.SetAccepted(3, High, TestBatches.BatchOf((1, 1, 0, "a")));
        store.BeginCommit();

        Assert.True(store.Committing);
        Assert.False(store.HasPendingWrites);
        SimulatedAcceptorStore reopened = disk.Open();
        Assert.Equal(Ballot.Zero, reopened.Promised);
        Assert.Equal(0, reopened.AcceptedEnd);

        store.CompleteCommit();
        Assert.True(store.LastCommitRaisedPromise);
        Assert.Equal(High, disk.Open().Promised);
        Assert.True(disk.TryGet(3, out _, out _));
    }

    [Fact]
    public void Acceptor_store_reports_each_vote_once()
    {
        SimulatedAcceptorStore store = new SimulatedAcceptorDisk().Open();
        store.SetAccepted(0, Low, TestBatches.BatchOf((1, 1, 0, "a")));
        store.SetAccepted(0, High, TestBatches.BatchOf((1, 1, 1, "b")));

        Assert.Equal([0L, 0L], store.TakeVotes().Select(v => v.Instance));
        Assert.Empty(store.TakeVotes());
    }

    [Fact]
    public void Acceptor_that_forgets_its_promise_reloads_its_accepted_values_only()
    {
        var disk = new SimulatedAcceptorDisk();
        SimulatedAcceptorStore store = disk.Open();
        store.SetPromised(High);
        store.SetAccepted(0, Low, TestBatches.BatchOf((1, 1, 0, "a")));
        store.Commit();

        SimulatedAcceptorStore forgetful = disk.Open(forgetPromise: true);

        Assert.Equal(Ballot.Zero, forgetful.Promised);
        Assert.True(forgetful.TryGet(0, out Ballot ballot, out _));
        Assert.Equal(Low, ballot);
        Assert.Equal(High, disk.Open().Promised);
    }

    [Fact]
    public void Proposer_store_keeps_committed_decisions_and_round_floor_only()
    {
        var disk = new SimulatedProposerDisk();
        SimulatedProposerStore store = disk.Open();
        store.RaiseRoundFloor(3);
        Assert.True(store.TryAdd(0, TestBatches.BatchOf((1, 1, 0, "a"))));
        Assert.False(store.TryAdd(0, TestBatches.BatchOf((1, 1, 0, "a"))));
        store.Commit();
        Assert.True(store.LastCommitRaisedPromise);
        store.RaiseRoundFloor(5);
        store.TryAdd(2, TestBatches.BatchOf((1, 1, 2, "c")));
        store.BeginCommit();

        // Crash inside the second commit.
        SimulatedProposerStore reopened = disk.Open();
        Assert.Equal(3u, reopened.RoundFloor);
        Assert.Equal(1, reopened.ContiguousEnd);
        Assert.Equal(1, reopened.DecidedEnd);
        Assert.False(reopened.Contains(2));

        store.CompleteCommit();
        SimulatedProposerStore later = disk.Open();
        Assert.Equal(5u, later.RoundFloor);
        Assert.True(later.Contains(2));
        Assert.Equal(0u, disk.Open(forgetRoundFloor: true).RoundFloor);
    }

    [Fact]
    public void Raising_the_round_floor_to_a_lower_round_writes_nothing()
    {
        SimulatedProposerStore store = new SimulatedProposerDisk().Open();
        store.RaiseRoundFloor(4);
        store.Commit();
        store.RaiseRoundFloor(2);

        Assert.False(store.HasPendingWrites);
        Assert.Equal(4u, store.RoundFloor);
    }
}
