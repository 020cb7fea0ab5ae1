using Paxos.Core.Node;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;
using Paxos.Core.Protocol.Proposers;
using Paxos.Simulation.Storage;

namespace Paxos.Simulation;

/// <summary>
/// Crash-recovery: the turn of a process with a store ends with a simulated commit before its messages
/// leave, and acceptors and proposers crash and restart over their simulated disks.
/// </summary>
public sealed partial class SimulatedCluster
{
    // Commit delays come from a generator of their own, so the network's draws stay as they were.
    private readonly Random _storageRandom;
    private readonly PriorityQueue<Action, (TimeSpan At, long Order)> _timers = new();
    private readonly List<(Func<SimNode, bool> Matches, CrashPoint Point, Action<SimNode> Crash)> _armedCrashes = [];

    /// <summary>Crash-recovery mode (null: crash-stop, state in memory only).</summary>
    public StorageModel? Storage { get; }

    /// <summary>Commits completed by all processes.</summary>
    public long CommitsCompleted { get; private set; }

    /// <summary>Commits lost to a crash before they completed (their writes and held messages with them).</summary>
    public long CommitsLost { get; private set; }

    /// <summary>Crashes followed by a restart.</summary>
    public long Restarts { get; private set; }

    /// <summary>Learner processes started again from scratch after a crash (counted by the scenario that does it).</summary>
    public int LearnerRestarts { get; set; }

    /// <summary>
    /// Crashes <paramref name="node"/> so that it can <see cref="Restart"/> later: everything it held in
    /// memory goes, with the writes of a commit under way and the messages waiting on it; its disk stays.
    /// </summary>
    public void CrashForRestart(SimNode node)
    {
        if (!node.Alive)
        {
            return;
        }

        Kill(node);
        Trace.Note(Now, $"{node} crashes (to restart)");
    }

    /// <summary>
    /// Starts a new process for <paramref name="node"/> over its disk (an acceptor or a proposer in crash-recovery
    /// mode): a new role object that resumes from what the disk holds, nothing of the old process's memory.
    /// A restarted proposer draws new randomness (a new incarnation, a new ballot nonce). Does nothing if the
    /// process is up or crashed for good.
    /// </summary>
    public void Restart(SimNode node)
    {
        if (node.Alive || node.CrashedForGood)
        {
            return;
        }

        StorageModel storage = Storage ?? throw new InvalidOperationException("restarts need the crash-recovery mode (a StorageModel)");
        node.Restarts++;
        Restarts++;
        if (node.AcceptorDisk is { } acceptorDisk)
        {
            SimulatedAcceptorStore store = acceptorDisk.Open(forgetPromise: storage.AcceptorForgetsPromise);
            node.Store = store;
            node.Role = new Acceptor(node.Id, Settings, store);
            node.Loop = CreateLoop(node);
        }
        else if (node.ProposerDisk is { } proposerDisk)
        {
            SimulatedProposerStore store = proposerDisk.Open(forgetRoundFloor: storage.ProposerForgetsRoundFloor);
            node.Store = store;

            // A new process draws fresh randomness; the broken variant reuses its first life's generator seed.
            int lifeSalt = storage.ProposerForgetsRoundFloor ? 0 : node.Restarts * 100;
            var random = new Random((_seed * 1_000) + node.RandomnessProcess + lifeSalt);
            node.Role = new Proposer(node.Id, node.ConfiguredAcceptors, Settings, random, Now, store);
            node.Loop = CreateLoop(node);
        }
        else
        {
            throw new InvalidOperationException($"{node} has no disk to restart from");
        }

        node.Alive = true;
        Trace.Note(Now, $"{node} restarts from its disk");
    }

    /// <summary>Runs <paramref name="action"/> at <paramref name="at"/> of simulated time (not before now).</summary>
    public void At(TimeSpan at, Action action) => _timers.Enqueue(action, (at < Now ? Now : at, _order++));

    /// <summary>
    /// Arms a crash at a point of a process's commit cycle: the first process <paramref name="matches"/> accepts
    /// that reaches <paramref name="point"/> is handed to <paramref name="crash"/> (which crashes it, and whatever
    /// else, and plans the restarts). Each armed crash fires once.
    /// </summary>
    public void ArmCrash(Func<SimNode, bool> matches, CrashPoint point, Action<SimNode> crash) => _armedCrashes.Add((matches, point, crash));

    /// <summary>Drops the armed crashes that have not fired (the fault phase is over).</summary>
    public void DisarmCrashes() => _armedCrashes.Clear();

    private Action<SimNode>? TakeArmedCrash(SimNode node, CrashPoint point)
    {
        int index = _armedCrashes.FindIndex(c => c.Point == point && c.Matches(node));
        if (index < 0)
        {
            return null;
        }

        Action<SimNode> crash = _armedCrashes[index].Crash;
        _armedCrashes.RemoveAt(index);
        return crash;
    }

    /// <summary>The process stops: its memory, its commit under way and the datagrams waiting for it are gone.</summary>
    private void Kill(SimNode node)
    {
        node.Alive = false;
        if (node.Committing)
        {
            CommitsLost++;
        }

        // The loop dies with the process, and the messages it held with it (a restart builds another one).
        node.Loop = CreateLoop(node);
        node.CrashInCommit = null;
        node.CommitToken++;
        node.Waiting.Clear();
        node.TickDeferred = false;
    }

    /// <summary>
    /// The sync of <paramref name="node"/>'s commit returns: the held messages leave, then the process
    /// handles, as one turn, the tick and the datagrams that waited meanwhile.
    /// </summary>
    private void CompleteCommit(SimNode node, long token)
    {
        if (!node.Alive || !node.Committing || token != node.CommitToken)
        {
            return;
        }

        if (node.CrashInCommit is { } crashInCommit)
        {
            // The crash falls before the sync returns: the writes and the messages held with them are lost.
            crashInCommit(node);
            return;
        }

        ISimulatedStore store = node.Store!;
        store.CompleteCommit();
        CommitsCompleted++;
        node.Loop.CommitCompleted();
        if (_armedCrashes.Count > 0 && store.LastCommitRaisedPromise && TakeArmedCrash(node, CrashPoint.AfterPromise) is { } crashAfterPromise)
        {
            // The promise is on the disk and the answers carrying it left: the crash falls just after.
            crashAfterPromise(node);
            return;
        }

        if (node.Waiting.Count == 0 && !node.TickDeferred)
        {
            return;
        }

        if (node.TickDeferred)
        {
            node.TickDeferred = false;
            Steps++;
            node.Loop.Tick();
        }

        while (node.Waiting.TryDequeue(out byte[]? datagram))
        {
            Handle(node, datagram);
        }

        node.Loop.EndTurn();
    }

    /// <summary>
    /// The store of <paramref name="node"/> starts a commit at the end of a turn: the simulated sync takes a
    /// drawn delay, and a crash armed for this point falls inside it. The loop holds the turn's messages until
    /// the sync returns (or, in the broken variant that answers before the disk, lets them leave now).
    /// </summary>
    private CommitProgress BeginCommit(SimNode node, ISimulatedStore store)
    {
        bool answersFirst = Storage!.AcceptorAnswersBeforeDurable && node.Group == RoleGroup.Acceptors;
        store.BeginCommit();
        if (_armedCrashes.Count > 0)
        {
            node.CrashInCommit = TakeArmedCrash(node, CrashPoint.DuringCommit);
        }

        double spread = (Storage.MaxCommitDelay - Storage.MinCommitDelay).TotalMilliseconds;
        TimeSpan delay = Storage.MinCommitDelay + TimeSpan.FromMilliseconds(_storageRandom.NextDouble() * spread);
        _inFlight.Enqueue((node, null, ++node.CommitToken), (Now + delay, _order++));

        // The broken variant: the answers leave now; the votes they carry count only once the commit makes them durable.
        return answersFirst ? CommitProgress.SyncingAnswersSent : CommitProgress.Syncing;
    }

    /// <summary>
    /// An acceptor's answers are about to leave with its writes durable: the values it accepted since the last
    /// answers count as its votes from now on. A value accepted in memory only is no vote yet (a crash takes it
    /// back), and one no answer told of yet is none either; a correct acceptor's votes count as its answers leave.
    /// </summary>
    private void ReleaseVotes(SimNode node)
    {
        if (node.Store is SimulatedAcceptorStore store)
        {
            foreach ((long instance, Ballot ballot, Batch batch) in store.TakeVotes())
            {
                Checker.OnAcceptorAccepted(node.Index, instance, ballot, batch, Now);
            }
        }
    }
}

/// <summary>Where in a process's commit cycle a planned crash falls.</summary>
public enum CrashPoint
{
    /// <summary>At a planned moment, whatever the process is doing.</summary>
    AtTime,

    /// <summary>Inside the next commit of the process (after its turn, before the sync returns): the turn's writes are lost.</summary>
    DuringCommit,

    /// <summary>
    /// Right after a commit that made a new promise durable and sent the answers: an acceptor's promise
    /// (Promise or Accepted in a higher ballot), a proposer's round floor (its Prepare left).
    /// </summary>
    AfterPromise,
}
