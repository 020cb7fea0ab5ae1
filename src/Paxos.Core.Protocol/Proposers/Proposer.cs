using System.Buffers.Binary;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Storage;

namespace Paxos.Core.Protocol.Proposers;

/// <summary>
/// A Multi-Paxos proposer. While it should lead (see <see cref="LeaderElection"/>) it runs Phase 1 once
/// for every instance from its first undecided one, re-proposes whatever a quorum reports as possibly
/// chosen (no-ops for holes), then runs only Phase 2: client submissions are batched into instances,
/// several instances in flight at once. A decision (a quorum of Accepted in its ballot) goes to the
/// learners and the other proposers, and an acknowledgement to the clients; a leader confirms each client
/// request with a receipt of the submissions it holds, so clients do not resend queued values. Any proposer keeps the
/// decided log, so it can take over and serve catch-up requests.
/// </summary>
public sealed class Proposer : IRole
{
    /// <summary>
    /// How far above this proposer's own last round a ballot it hears of may raise its next round. Rounds
    /// only grow by one per leadership attempt, so a real ballot is rarely more than a few rounds ahead,
    /// and one that is (this proposer was away) is reached by a few refused attempts, each raising the
    /// round this far. A forged ballot with round 0xFFFFFFFF would otherwise use up the round space at
    /// once: no proposer could pick a higher ballot again and the cluster would stall for good.
    /// </summary>
    public const uint MaxRoundJump = 1_024;

    /// <summary>
    /// At most <see cref="ProtocolSettings.CatchUpBudgetBytes"/> of catch-up answers are sent per interval this
    /// long, whoever asks and however often: a catch-up request is a few bytes and its answer up to a budget,
    /// so answering every request in full would let a flood of (forged) requests multiply into the leader's
    /// whole send capacity. A learner asks for the next part about this often while it catches up.
    /// </summary>
    public static readonly TimeSpan CatchUpServeInterval = TimeSpan.FromMilliseconds(10);

    private readonly int _id;
    private readonly uint _incarnation;
    private readonly int _acceptorCount;
    private readonly int _quorum;
    private readonly ProtocolSettings _settings;
    private readonly Random _random;
    private readonly LeaderElection _election;
    private readonly IProposerStore _log;
    private readonly SubmissionLedger _decided = new();
    private readonly CatchUpTracker _catchUp;
    private readonly Dictionary<long, InFlightInstance> _inFlight = [];
    private readonly Queue<BatchValue> _queue = new();
    private readonly HashSet<SubmissionKey> _queuedOrInFlight = [];
    private readonly BatchBuilder _builder;
    private readonly ClientAnswers _acks = new(static ranges => new ClientAck(ranges), framesRepeated: 3);
    private readonly ClientAnswers _receipts = new(static ranges => new ClientReceipt(ranges), framesRepeated: 1);
    private readonly RoundTripEstimator _acceptTime;

    // Accepts sent so far, and the latest send every acceptor of some quorum is known to have read (the copies
    // their Accepted echo). Every acceptor handles Accepts in the order it reads them and its Accepted come back
    // in that order: an instance sent before that, and itself short of a quorum, lost its Accept or Accepted. It
    // is resent at once; the timer is left for the last instances, which nothing overtakes, and so may be slow to
    // fire without resending Accepts that merely queue (a busy acceptor).
    private long _acceptsSent;
    private long _decidedSendOrder;

    private PhaseOneRound? _phaseOne;
    private Ballot _ballot = Ballot.Zero;
    private Ballot _highestSeen = Ballot.Zero;
    private long _nextInstance;
    private TimeSpan _lastHeartbeat;
    private TimeSpan _retryLeadAt;
    private TimeSpan _reassertedAt;
    private long _horizon;
    private TimeSpan _catchUpIntervalStart;
    private long _catchUpBytesThisInterval;
    private int _preemptions;

    /// <summary>
    /// Creates proposer <paramref name="id"/> for a cluster of <paramref name="acceptorCount"/> acceptors (ids 1..count),
    /// over <paramref name="store"/>: by default an empty decided log in memory; a durable store resumes with
    /// the decided log and the round floor of an earlier life.
    /// </summary>
    public Proposer(int id, int acceptorCount, ProtocolSettings settings, Random random, TimeSpan now, IProposerStore? store = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(acceptorCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(acceptorCount, 64);
        _id = id;
        _incarnation = DrawIncarnation(random);
        _acceptorCount = acceptorCount;
        _quorum = acceptorCount / 2 + 1;
        _settings = settings;
        _random = random;
        _election = new LeaderElection(id, settings, now);
        _catchUp = new CatchUpTracker(settings);
        _builder = new BatchBuilder(settings.MaxBatchBytes);
        _acceptTime = new RoundTripEstimator(
            settings.AcceptRetry, settings.AcceptRetryMin ?? settings.AcceptRetry, settings.AcceptRetryMax ?? settings.AcceptRetry);
        _lastHeartbeat = now - settings.HeartbeatInterval;
        _catchUpIntervalStart = now - CatchUpServeInterval;
        _log = store ?? new DecidedLog();
        Ready = new Ready(_log);

        // Resuming: the next ballot goes above every round used before, and resent submissions that were
        // decided before the restart are acknowledged, not proposed again.
        _highestSeen = new Ballot(_log.RoundFloor, 0, 0);
        _ballot = _highestSeen;
        foreach ((long _, Batch batch) in _log.DecidedFrom(0))
        {
            foreach (BatchValue value in batch)
            {
                _decided.Add(value.ClientId, value.Session, value.Sequence);
            }
        }
    }

    /// <summary>Where this proposer's decided log and round floor are kept; committed by the host before it sends.</summary>
    public IProposerStore Store => _log;

    /// <inheritdoc />
    public Ready Ready { get; }

    /// <inheritdoc />
    public bool Finished => false;

    /// <inheritdoc />
    public void Propose(IInputSource input, TimeSpan now)
    {
        // Only clients take input.
    }

    /// <summary>Where this proposer stands: following, preparing (Phase 1) or leading (Phase 2).</summary>
    public ProposerMode Mode { get; private set; } = ProposerMode.Following;

    /// <summary>The ballot of the current or last leadership attempt.</summary>
    public Ballot Ballot => _ballot;

    /// <summary>Every instance below this is known decided.</summary>
    public long DecidedPrefix => _log.ContiguousEnd;

    /// <summary>Instances this proposer decided as leader.</summary>
    public long InstancesDecided { get; private set; }

    /// <summary>Prepare and Accept messages sent again after a timeout.</summary>
    public long Retransmissions { get; private set; }

    /// <summary>Of <see cref="Retransmissions"/>: Accepts resent because one sent after them reached a quorum first.</summary>
    public long OvertakenResends { get; private set; }

    /// <summary>How long this leader waits for a quorum of Accepted before sending an Accept again (measured).</summary>
    public TimeSpan AcceptTimeout => _acceptTime.Timeout;

    /// <summary>Acknowledgement and receipt frames repeated because nothing followed them for a while (see <see cref="ClientAnswers"/>).</summary>
    public long AnswerTailRepeats => _acks.TailRepeats + _receipts.TailRepeats;

    /// <summary>Decisions sent in answer to catch-up requests.</summary>
    public long CatchUpDecisionsServed { get; private set; }

    /// <summary>Times this proposer started Phase 1.</summary>
    public long LeadershipAttempts { get; private set; }

    /// <summary>Ballots heard of with a round too far above this proposer's own, counted and taken as only that far.</summary>
    public long BallotsClamped { get; private set; }

    /// <summary>Leadership attempts given up because no round above the highest ballot heard of was left.</summary>
    public long RoundsExhausted { get; private set; }

    /// <summary>
    /// A Decision's batch goes to the decided log, whose store copies what it keeps
    /// (<see cref="IProposerStore.TryAdd"/>); only the keys of its submissions are kept besides.
    /// </summary>
    public bool MayBorrowBatchOf(MessageType type) => type == MessageType.Decision;

    /// <summary>The decided batch of <paramref name="instance"/>, if this proposer knows it.</summary>
    public bool TryGetDecided(long instance, out Batch batch) => _log.TryGet(instance, out batch);

    /// <inheritdoc />
    /// <remarks>
    /// Only the leader proposes clients' values; every proposer hears them, and a follower would otherwise
    /// decode (copy) every request only to drop it (<see cref="OnClientRequest"/>'s first check).
    /// </remarks>
    public bool Ignores(MessageType type) => type == MessageType.ClientRequest && Mode != ProposerMode.Leading;

    /// <inheritdoc />
    public void Handle(int senderId, Message message, TimeSpan now)
    {
        switch (message)
        {
            case ClientRequest request:
                OnClientRequest(request, now);
                break;
            case Promise promise:
                OnPromise(senderId, promise, now);
                break;
            case Accepted accepted:
                OnAccepted(senderId, accepted, now);
                break;
            case Nack nack:
                Observe(nack.Promised, now);
                break;
            case Decision decision when senderId != _id:
                _catchUp.OnDecision(decision.Instance, decision.DecidedPrefix, now);

                // Another proposer's decision behind a gap is kept only while those wait within a byte bound
                // (the learners' MaxBufferedDecisionBytes): a flood of decisions within the lookahead must not
                // grow this log. One refused here is fetched again by catch-up once the gap is filled.
                if (decision.Instance == _log.ContiguousEnd
                    || _log.BytesBeyondPrefix + decision.Batch.Encoded.Length <= _settings.MaxBufferedDecisionBytes)
                {
                    Learn(decision.Instance, decision.Batch);
                }


                // Learn may have put submissions of a lost instance back in the queue.
                Pump(now);
                break;
            case CatchUpRequest request:
                ServeCatchUp(request, now);
                break;
            case Heartbeat heartbeat when senderId != _id:
                _election.Observe(senderId, now);
                Observe(heartbeat.HighestBallot, now);
                _catchUp.OnDecidedPrefix(heartbeat.DecidedPrefix);
                break;
        }
    }

    /// <inheritdoc />
    public void Tick(TimeSpan now)
    {
        if (now - _lastHeartbeat >= _settings.HeartbeatInterval)
        {
            _lastHeartbeat = now;
            Ready.Send(RoleGroup.Proposers, new Heartbeat(_highestSeen, _log.ContiguousEnd));
        }

        bool shouldLead = _election.ShouldLead(now);
        if (!shouldLead && Mode != ProposerMode.Following)
        {
            StepDown();
        }
        else if (shouldLead && Mode == ProposerMode.Following && now >= _retryLeadAt)
        {
            StartPhaseOne(now);
        }

        switch (Mode)
        {
            case ProposerMode.Preparing:
                ResendPrepare(now);
                break;
            case ProposerMode.Leading when _nextInstance >= _horizon && _inFlight.Count == 0:
                // Everything up to this ballot's horizon is decided: cover the next stretch with a new Phase 1
                // (queued submissions are kept and proposed once it completes).
                StartPhaseOne(now);
                break;
            case ProposerMode.Leading:
                ResendAccepts(now);
                Reassert(now);
                _acks.RepeatTail(Ready, now);
                _receipts.RepeatTail(Ready, now);
                break;
            case ProposerMode.Following:
                if (_catchUp.ShouldRequest(_log.ContiguousEnd, now, out long from))
                {
                    Ready.Send(RoleGroup.Proposers, new CatchUpRequest(from, RoleGroup.Proposers));
                }

                break;
        }
    }

    /// <summary>
    /// Notes a ballot seen in any message. A higher ballot than ours means acceptors may have promised it and
    /// decided instances in it that this proposer never heard of (a partition): leading on with a dead ballot
    /// and a stale log would stall every learner that catches up from it. So wherever the higher ballot shows
    /// up (Promise, Accepted, Nack, heartbeat), step down; the next Phase 1 recovers those instances.
    /// </summary>
    private void Observe(Ballot ballot, TimeSpan now)
    {
        uint ceiling = _ballot.Round > uint.MaxValue - MaxRoundJump ? uint.MaxValue : _ballot.Round + MaxRoundJump;
        if (ballot.Round > ceiling)
        {
            BallotsClamped++;
            ballot = ballot with { Round = ceiling };
        }

        _highestSeen = Ballot.Max(_highestSeen, ballot);
        if (Mode != ProposerMode.Following && ballot > _ballot)
        {
            Preempted(now);
        }
    }

    private bool IsAcceptor(int senderId) => senderId >= 1 && senderId <= _acceptorCount;

    // ----- Phase 1 -----------------------------------------------------------------------------

    private static uint DrawIncarnation(Random random)
    {
        Span<byte> nonce = stackalloc byte[sizeof(uint)];
        random.NextBytes(nonce);
        return BinaryPrimitives.ReadUInt32LittleEndian(nonce);
    }

    private void StartPhaseOne(TimeSpan now)
    {
        if (_highestSeen.Round == uint.MaxValue)
        {
            // No higher round is left (unchecked, it would wrap to a ballot below everything and never win).
            // Reachable only after some four million forced leadership changes (see MaxRoundJump).
            // Follow, so that _retryLeadAt paces the next try (a leader at its horizon would try every tick).
            RoundsExhausted++;
            StepDown();
            _retryLeadAt = now + _settings.BackoffMax;
            return;
        }

        _ballot = new Ballot(_highestSeen.Round + 1, (uint)_id, _incarnation);
        _highestSeen = _ballot;

        // Committed by the host before this Prepare leaves: after a restart the next ballot is higher still.
        _log.RaiseRoundFloor(_ballot.Round);
        _phaseOne = new PhaseOneRound(_ballot, _log.ContiguousEnd, _settings.MaxInstanceLookahead, now);
        Mode = ProposerMode.Preparing;
        LeadershipAttempts++;
        Ready.Send(RoleGroup.Acceptors, new Prepare(_ballot, _phaseOne.FromInstance, Prepare.AllAcceptors));
    }

    private void OnPromise(int acceptorId, Promise promise, TimeSpan now)
    {
        Observe(promise.Ballot, now);
        if (Mode != ProposerMode.Preparing || _phaseOne is null || promise.Ballot != _ballot || !IsAcceptor(acceptorId))
        {
            return;
        }

        long continueFrom = _phaseOne.Apply(acceptorId, promise);
        if (continueFrom >= 0)
        {
            Ready.Send(RoleGroup.Acceptors, new Prepare(_ballot, continueFrom, acceptorId));
        }

        if (_phaseOne.CompleteCount >= _quorum)
        {
            FinishPhaseOne(_phaseOne, now);
        }
    }

    private void ResendPrepare(TimeSpan now)
    {
        if (_phaseOne is null || now - _phaseOne.LastSent < _settings.PrepareRetry)
        {
            return;
        }

        // Some Prepare or Promise chunk was lost: ask everyone again, and each half-answered acceptor
        // for the rest of its answer.
        _phaseOne.LastSent = now;
        Retransmissions++;
        Ready.Send(RoleGroup.Acceptors, new Prepare(_ballot, _phaseOne.FromInstance, Prepare.AllAcceptors));
        foreach ((int acceptorId, long continueFrom) in _phaseOne.Incomplete())
        {
            Ready.Send(RoleGroup.Acceptors, new Prepare(_ballot, continueFrom, acceptorId));
        }
    }

    private void FinishPhaseOne(PhaseOneRound round, TimeSpan now)
    {
        Mode = ProposerMode.Leading;
        _reassertedAt = now;
        _phaseOne = null;
        _preemptions = 0;
        _horizon = round.Horizon;
        long end = Math.Min(Math.Max(round.MaxEnd, _log.DecidedEnd), _horizon);
        for (long instance = round.FromInstance; instance < end; instance++)
        {
            if (_log.Contains(instance))
            {
                continue;
            }

            // The highest-ballot value a quorum reports may have been chosen: it must be proposed
            // again unchanged. Where nobody in the quorum accepted anything, nothing was chosen, and a
            // no-op fills the hole so later instances can be delivered.
            Batch batch = round.TryGetHighest(instance, out Batch recovered) ? recovered : Batch.Empty;
            foreach (BatchValue value in batch)
            {
                _queuedOrInFlight.Add(new SubmissionKey(value.ClientId, value.Session, value.Sequence));
            }

            Propose(instance, batch, now);
        }

        _nextInstance = end;
        Pump(now);
    }

    /// <summary>
    /// An idle leader hears from nobody: if another proposer won the acceptors meanwhile (a partition), no
    /// Nack would ever tell it. So it periodically repeats its Prepare (same ballot, from its next instance,
    /// so the Promise that answers it is empty); an acceptor that promised a higher ballot answers with a
    /// Nack and the leader steps down. Acceptors answer an equal ballot again, so this changes nothing else.
    /// </summary>
    private void Reassert(TimeSpan now)
    {
        if (now - _reassertedAt < _settings.LeaderKeepalive)
        {
            return;
        }

        _reassertedAt = now;
        Ready.Send(RoleGroup.Acceptors, new Prepare(_ballot, _nextInstance, Prepare.AllAcceptors));
    }

    private void Preempted(TimeSpan now)
    {
        StepDown();

        // Randomised, growing back-off: two proposers that both think they lead stop colliding.
        _preemptions = Math.Min(_preemptions + 1, 16);
        double ceiling = Math.Min(
            _settings.BackoffMax.TotalMilliseconds,
            _settings.BackoffMin.TotalMilliseconds * (1 << Math.Min(_preemptions, 10)));
        _retryLeadAt = now + TimeSpan.FromMilliseconds(_settings.BackoffMin.TotalMilliseconds + (_random.NextDouble() * ceiling));
    }

    private void StepDown()
    {
        // Whatever was queued or in flight is forgotten: a value accepted by a quorum is recovered by
        // the next leader's Phase 1, and the clients resend everything not acknowledged.
        Mode = ProposerMode.Following;
        _phaseOne = null;
        _inFlight.Clear();
        _queue.Clear();
        _queuedOrInFlight.Clear();

        // A receipt says "I hold it": repeated after this, it would hold a client's value that is gone.
        _receipts.Forget();
    }

    // ----- Phase 2 -----------------------------------------------------------------------------

    private void OnClientRequest(ClientRequest request, TimeSpan now)
    {
        if (Mode != ProposerMode.Leading)
        {
            return;
        }

        foreach (BatchValue value in request.Batch)
        {
            var key = new SubmissionKey(value.ClientId, value.Session, value.Sequence);
            if (_decided.Contains(value.ClientId, value.Session, value.Sequence))
            {
                // Decided already, so the acknowledgement was lost: repeat it, do not propose again.
                _acks.Add(key);
                continue;
            }

            if (_queuedOrInFlight.Add(key))
            {
                _queue.Enqueue(value);
            }

            // Queued or in flight (a resent copy too, whose receipt was lost): tell the client we hold it, so
            // it waits for the decision instead of resending while the value waits in the queue.
            _receipts.Add(key);
        }

        // The Accepts first: they are on the path of every value's latency; the answers to the client only
        // pace its next requests.
        Pump(now);
        _acks.Send(Ready, now);
        _receipts.Send(Ready, now);
    }

    /// <summary>Fills free pipeline slots with batches of queued submissions.</summary>
    private void Pump(TimeSpan now)
    {
        while (Mode == ProposerMode.Leading && _inFlight.Count < _settings.MaxInstancesInFlight && _queue.Count > 0 && _nextInstance < _horizon)
        {
            while (_queue.TryPeek(out BatchValue value))
            {
                if (_decided.Contains(value.ClientId, value.Session, value.Sequence))
                {
                    _queue.Dequeue();
                    continue;
                }

                if (!_builder.TryAdd(value.ClientId, value.Session, value.Sequence, value.Value.Span))
                {
                    break;
                }

                _queue.Dequeue();
            }

            if (_builder.ValueCount == 0)
            {
                return;
            }

            Propose(_nextInstance++, _builder.Build(), now);
        }
    }

    private void Propose(long instance, Batch batch, TimeSpan now)
    {
        var inFlight = new InFlightInstance(batch);
        _inFlight[instance] = inFlight;
        SendAccept(instance, inFlight, now);
    }

    private void SendAccept(long instance, InFlightInstance inFlight, TimeSpan now)
    {
        uint attempt = inFlight.RecordCopy(now, ++_acceptsSent);
        Ready.Send(RoleGroup.Acceptors, new Accept(_ballot, instance, inFlight.Batch, attempt));
    }

    private void OnAccepted(int acceptorId, Accepted accepted, TimeSpan now)
    {
        Observe(accepted.Ballot, now);
        if (Mode != ProposerMode.Leading || accepted.Ballot != _ballot || !IsAcceptor(acceptorId)
            || !_inFlight.TryGetValue(accepted.Instance, out InFlightInstance? instance))
        {
            return;
        }

        instance.AddVote(acceptorId, accepted.Attempt);
        if (instance.VoteCount < _quorum)
        {
            return;
        }

        // A quorum accepted this value in one ballot: it is chosen. The Accepted that completed the quorum
        // echoes the copy it answers, so the round trip is timed from that copy's send, resent or not.
        _inFlight.Remove(accepted.Instance);
        if (instance.TryGetCopySentAt(accepted.Attempt, out TimeSpan copySentAt))
        {
            _acceptTime.Observe(now - copySentAt);
        }

        _decidedSendOrder = Math.Max(_decidedSendOrder, instance.QuorumReadUpTo);

        InstancesDecided++;
        Learn(accepted.Instance, instance.Batch);

        // Sent in the order that keeps latency low: the freed pipeline slot's Accept, the clients'
        // acknowledgements (where latency is measured), then the decision (up to 64 KB to copy twice).
        Pump(now);
        foreach (SubmissionRange range in instance.Batch.Runs)
        {
            _acks.Add(range);
        }

        _acks.Send(Ready, now);
        var decision = new Decision(accepted.Instance, _log.ContiguousEnd, instance.Batch);
        Ready.Send(RoleGroup.Learners, decision);
        Ready.Send(RoleGroup.Proposers, decision);
    }

    private void ResendAccepts(TimeSpan now)
    {
        // The longer of the backed-off timeout and this instance's own doubling from the measured one, not their
        // product: both doubling at once made an Accept lost twice wait 300 ms (15, then 60, then 240 ms).
        TimeSpan timeout = _acceptTime.Timeout;
        TimeSpan measured = _acceptTime.MeasuredTimeout;
        bool expired = false;
        foreach ((long instance, InFlightInstance inFlight) in _inFlight)
        {
            bool overtaken = inFlight.SendOrder < _decidedSendOrder;
            TimeSpan wait = inFlight.RetryInterval(measured);
            bool timedOut = now - inFlight.SentAt >= (wait > timeout ? wait : timeout);
            if (overtaken || timedOut)
            {
                Retransmissions++;
                OvertakenResends += overtaken ? 1 : 0;
                expired |= timedOut && !overtaken;
                SendAccept(instance, inFlight, now);
            }
        }

        if (expired)
        {
            // Once per turn, however many expired together: the timeout may be shorter than instances take now.
            _acceptTime.Backoff();
        }
    }

    // ----- Decisions, acknowledgements, catch-up -----------------------------------------------

    private void Learn(long instance, Batch batch)
    {
        if (instance > _log.ContiguousEnd + _settings.MaxInstanceLookahead || !_log.TryAdd(instance, batch))
        {
            return;
        }

        foreach (BatchValue value in batch)
        {
            _decided.Add(value.ClientId, value.Session, value.Sequence);
            _queuedOrInFlight.Remove(new SubmissionKey(value.ClientId, value.Session, value.Sequence));
        }

        // Someone else decided an instance we had in flight: our batch lost that instance. Put its
        // submissions back in the queue (decided ones are skipped when the next batch is built).
        if (_inFlight.Remove(instance, out InFlightInstance? ours))
        {
            foreach (BatchValue value in ours.Batch)
            {
                if (!_decided.Contains(value.ClientId, value.Session, value.Sequence))
                {
                    _queue.Enqueue(value);
                }
            }
        }
    }

    private void ServeCatchUp(CatchUpRequest request, TimeSpan now)
    {
        // Only the proposer that thinks it leads answers, so a request does not draw one answer per proposer.
        if (Mode != ProposerMode.Leading && !_election.ShouldLead(now))
        {
            return;
        }

        if (now - _catchUpIntervalStart >= CatchUpServeInterval)
        {
            _catchUpIntervalStart = now;
            _catchUpBytesThisInterval = 0;
        }

        // Checked before reading: on disk, even the first decision of the pass is a read.
        if (_catchUpBytesThisInterval >= _settings.CatchUpBudgetBytes || request.FromInstance >= _log.ContiguousEnd)
        {
            return;
        }

        // One pass of the log's reader (on disk: a cursor over a bounded chunk), not a lookup per instance.
        foreach ((long instance, Batch batch) in _log.DecidedFrom(request.FromInstance))
        {
            if (_catchUpBytesThisInterval >= _settings.CatchUpBudgetBytes)
            {
                break;
            }

            _catchUpBytesThisInterval += batch.Encoded.Length;
            CatchUpDecisionsServed++;
            Ready.Send(request.ReplyTo, new Decision(instance, _log.ContiguousEnd, batch));
        }
    }
}
