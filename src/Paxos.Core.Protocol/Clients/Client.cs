using Paxos.Core.Protocol.Messages;

namespace Paxos.Core.Protocol.Clients;

/// <summary>
/// Submits values to the proposers and resends each until a proposer acknowledges it as decided.
/// Two timers: a submission no proposer has confirmed receiving (<see cref="ClientReceipt"/>) is resent after
/// the measured round-trip time (<see cref="FirstRetry"/>), as the request was probably lost; one the leader
/// holds waits for its decision however long the leader's queue is, and is resent only when the proposers fall
/// silent towards this client for <see cref="ProtocolSettings.ClientRetry"/> (the leader crashed or stepped down)
/// or when a later submission is decided before it (its acknowledgement was probably lost).
/// Every submission is (client id, session, sequence): the session is a nonce chosen per client process,
/// so learners can drop resent copies while equal values submitted twice stay two submissions.
/// At most <see cref="ProtocolSettings.ClientWindow"/> submissions and about <see cref="ProtocolSettings.ClientWindowBytes"/>
/// bytes are unacknowledged at once; the window starts smaller and grows per value acknowledged (<see cref="Window"/>),
/// and a newest request left unanswered is probed with one of its values (<see cref="TailProbe"/>).
/// </summary>
public sealed class Client : IRole
{
    private readonly uint _clientId;
    private readonly ulong _session;
    private readonly ProtocolSettings _settings;
    private readonly SequenceWindow<PendingSubmission> _pending;
    // Records of acknowledged submissions, to hold the next ones: a record per value was allocated, promoted while
    // it waited for its acknowledgement (a window's worth at once) and collected in the older generations.
    private readonly Stack<PendingSubmission> _spareSubmissions = new();
    private readonly Queue<ulong> _unsent = new();
    // Resend timers, grouped: the sequences scheduled one after another for the same deadline (a request's values,
    // packed in one turn) share one queue entry, so the heap works per datagram rather than per value.
    private readonly PriorityQueue<List<ulong>, TimeSpan> _resendDue = new();
    private readonly Stack<List<ulong>> _spareTimerGroups = new();
    private List<ulong>? _lastTimerGroup;
    private TimeSpan _lastTimerGroupDue;
    private readonly List<ulong> _resendNow = [];
    private readonly BatchBuilder _builder;
    private readonly RequestBufferPool _requestBuffers;
    private ulong _nextSequence;

    // When an acknowledgement last decided one of our pending submissions: the cluster is making progress.
    private TimeSpan _lastProgress = TimeSpan.MinValue;

    // When a receipt or acknowledgement of this session last arrived: the leader is alive and holds our values.
    private TimeSpan _lastHeard = TimeSpan.MinValue;

    // When one of any client last arrived: a leader is alive and busy (with others, maybe).
    private TimeSpan _lastHeardAny = TimeSpan.MinValue;

    // Sends so far (each submission's last send is stamped), and the latest stamp a receipt or acknowledgement
    // confirmed: a submission sent before that one and still unconfirmed was lost on its way.
    private long _sendStamp;
    private long _confirmedStamp;
    // The highest send stamp among decided submissions: a received copy sent before it may be lost.
    private long _decidedStampHigh;

    // Request datagrams sent so far, and the latest of them a receipt or acknowledgement answered. The leader
    // answers each request (receipt or acknowledgement of every value in it) before it reads the next, and its
    // answers arrive in order: a submission of an earlier datagram still unanswered once a later one was
    // answered was lost, its request or its receipt. It is resent at once, not after a round-trip timeout.
    private long _datagramsSent;
    private long _answeredDatagram;

    // The tail probe: when the newest request datagram has no answer for a while (its loss would show only when a
    // later one is answered, and no later one goes while the window is full), one of its values is sent again
    // alone. The probe's answer counts as a later datagram answered (see TailProbe). The newest datagram any
    // answer named (a resent copy's too), when a value was last packed, the last sequence packed, the datagram of
    // the last probe, and probes since the last answer (each waits twice as long).
    private long _newestAnsweredDatagram;
    private TimeSpan _lastPackedAt;
    private ulong _lastPackedSequence;
    private long _probeDatagram;
    private int _probesUnanswered;
    private readonly Queue<(long Datagram, ulong Sequence)> _sendOrder = new();

    // Received submissions below this were already suspected of a lost acknowledgement (a later one was decided).
    private ulong _suspectedUpTo;

    // Round-trip estimate (RFC 6298's SRTT and RTTVAR): from the first send to the first receipt or
    // acknowledgement, of submissions sent only once.
    private TimeSpan? _smoothedAckTime;
    private TimeSpan _ackTimeDeviation;

    /// <summary>
    /// Creates a client session whose first submission gets sequence <paramref name="firstSequence"/>: a session
    /// resumed after a crash continues after its acknowledged prefix, so the values it sends again keep their
    /// sequence numbers and proposers and learners recognise them as resends.
    /// </summary>
    public Client(uint clientId, ulong session, ProtocolSettings settings, ulong firstSequence = 0)
    {
        _clientId = clientId;
        _session = session;
        _settings = settings;
        _builder = new BatchBuilder(settings.MaxBatchBytes);
        _requestBuffers = new RequestBufferPool(settings.MaxBatchBytes);
        _nextSequence = firstSequence;
        _pending = new SequenceWindow<PendingSubmission>(firstSequence);
        _suspectedUpTo = firstSequence;
        Window = Math.Clamp(settings.ClientInitialWindow ?? settings.ClientWindow, 1, settings.ClientWindow);
    }

    /// <inheritdoc />
    public Ready Ready { get; } = new();

    /// <summary>Whether the input ended (<see cref="IInputSource.Completed"/> seen by <see cref="Propose"/>).</summary>
    public bool InputEnded { get; private set; }

    /// <inheritdoc />
    public bool Finished => InputEnded && Outstanding == 0;

    /// <inheritdoc />
    /// <remarks>
    /// Takes input until a request datagram fills, and returns so that it leaves at once: the window's worth of
    /// values a client took at its start (16,384 small values then, 30 ms of a cold process) went out only once all
    /// were packed, and the first values' latency held that wait. The rest is taken at the next turn (the host
    /// comes back at once while the client has room (<see cref="HasRoom"/>) and input waits, or while a batch is
    /// left partly filled, see <see cref="HoldsUnsentBatch"/>); that batch goes out then, with the next values.
    /// </remarks>
    public void Propose(IInputSource input, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(input);
        _requestBuffers.ReclaimIfSent(Ready);
        long datagramsBefore = _datagramsSent;
        PackUnsent(now);
        while (_datagramsSent == datagramsBefore && HasRoom && input.TryTake(now, out ReadOnlyMemory<byte> value))
        {
            Ready.Proposed.Add(new ProposedValue(Submit(value), value));
            PackUnsent(now);
        }

        InputEnded = input.Completed;
        if (_datagramsSent == datagramsBefore)
        {
            SendBatch();
        }
    }

    /// <summary>This client's id, the first part of each of its submissions' keys.</summary>
    public uint ClientId => _clientId;

    /// <summary>This client process's session nonce.</summary>
    public ulong Session => _session;

    /// <summary>
    /// Whether the window allows another submission now: fewer than <see cref="Window"/> values and fewer than
    /// its share of <see cref="ProtocolSettings.ClientWindowBytes"/> bytes unacknowledged, so memory stays bounded
    /// at any value size (the next value may overshoot the byte window by its own size).
    /// </summary>
    public bool HasRoom => _pending.Count < Window && PendingBytes < _settings.ClientWindowBytes * Window / _settings.ClientWindow;

    /// <summary>
    /// The window now, in values: from <see cref="ProtocolSettings.ClientInitialWindow"/>, one more per value
    /// acknowledged, up to <see cref="ProtocolSettings.ClientWindow"/> (slow start). The byte window is scaled alike.
    /// </summary>
    public int Window { get; private set; }

    /// <summary>Submissions not yet acknowledged.</summary>
    public int Outstanding => _pending.Count;

    /// <summary>Bytes of the values not yet acknowledged: what the client holds in memory for resending.</summary>
    public long PendingBytes { get; private set; }

    /// <summary>Submissions made so far (the next sequence number: a resumed session counts its acknowledged prefix).</summary>
    public ulong Submitted => _nextSequence;

    /// <summary>
    /// Every sequence below this one is acknowledged as decided: the contiguous prefix a resumed session may skip.
    /// A later submission acknowledged before an earlier one does not move it.
    /// </summary>
    public ulong AcknowledgedEnd => OldestPending();

    /// <summary>Submissions acknowledged as decided.</summary>
    public long Decided { get; private set; }

    /// <summary>Submissions sent more than once.</summary>
    public long Resent { get; private set; }

    /// <summary>Of <see cref="Resent"/>: no receipt within the round-trip timeout (request or receipt lost, or a slow leader).</summary>
    public long ResentUnconfirmed { get; private set; }

    /// <summary>Of <see cref="Resent"/>: received, but a later submission was decided first and this one not within a round-trip timeout.</summary>
    public long ResentOvertaken { get; private set; }

    /// <summary>
    /// Submissions found lost because a request datagram sent after theirs was answered first (resent at the
    /// next tick; counted again in <see cref="ResentUnconfirmed"/> when resent).
    /// </summary>
    public long SkippedRequests { get; private set; }

    /// <summary>Tail probes sent: one value of an unanswered newest request datagram, sent again alone (see <see cref="TailProbe"/>).</summary>
    public long TailProbes { get; private set; }

    /// <summary>Of <see cref="Resent"/>: received, then the proposers fell silent for <see cref="ProtocolSettings.ClientRetry"/>.</summary>
    public long ResentAfterSilence { get; private set; }

    /// <summary>
    /// Queues a value; it goes out with the next <see cref="Flush"/>, packed with others.
    /// The caller checks <see cref="HasRoom"/> first and keeps <paramref name="value"/> unchanged.
    /// </summary>
    public ulong Submit(ReadOnlyMemory<byte> value)
    {
        if (value.Length > WireLimits.MaxValueBytes)
        {
            throw new ArgumentException($"value of {value.Length} bytes exceeds {WireLimits.MaxValueBytes}", nameof(value));
        }

        ulong sequence = _nextSequence++;
        PendingSubmission submission = _spareSubmissions.TryPop(out PendingSubmission? spare) ? spare : new PendingSubmission();
        submission.Reset(value);
        _pending.Add(sequence, submission);
        PendingBytes += value.Length;
        _unsent.Enqueue(sequence);
        return sequence;
    }

    /// <summary>Bytes sent that no receipt or acknowledgement confirmed yet (see <see cref="ProtocolSettings.ClientUnconfirmedBytes"/>).</summary>
    public long UnconfirmedBytes { get; private set; }

    /// <summary>
    /// Sends queued submissions, as few datagrams as the batch limit allows, while the unconfirmed bytes stay
    /// within <see cref="ProtocolSettings.ClientUnconfirmedBytes"/>; the rest go once receipts come back.
    /// </summary>
    public void Flush(TimeSpan now)
    {
        PackUnsent(now);
        SendBatch();
    }

    /// <summary>Packs queued submissions within <see cref="ProtocolSettings.ClientUnconfirmedBytes"/>; a full batch is sent, the last stays in the builder.</summary>
    private void PackUnsent(TimeSpan now)
    {
        while (_unsent.TryPeek(out ulong sequence))
        {
            if (!_pending.TryGetValue(sequence, out PendingSubmission? submission))
            {
                _unsent.Dequeue();
                continue;
            }

            if (UnconfirmedBytes > 0 && UnconfirmedBytes + submission.Value.Length > _settings.ClientUnconfirmedBytes)
            {
                break;
            }

            _unsent.Dequeue();
            SetUnconfirmed(submission, true);
            Pack(sequence, submission, now);
        }
    }

    private void Confirmed(PendingSubmission submission)
    {
        SetUnconfirmed(submission, false);
        _confirmedStamp = Math.Max(_confirmedStamp, submission.SendStamp);
        _newestAnsweredDatagram = Math.Max(_newestAnsweredDatagram, submission.Datagram);
        if (submission.Datagram == _probeDatagram)
        {
            // The probe's answer (to it, or to its value's first copy in the newest datagram, whose other values
            // that same answer confirmed): every datagram before it was read, as if a later request was answered.
            _probesUnanswered = 0;
            _answeredDatagram = Math.Max(_answeredDatagram, submission.Datagram);
        }
        else if (submission.Sends == 1)
        {
            // Only a submission sent once tells which datagram was answered: the answer to a resent one may be
            // the answer to its first copy, and taking the copy's later datagram would condemn the requests
            // sent between the two (Karn's rule, as for the round trip).
            _answeredDatagram = Math.Max(_answeredDatagram, submission.Datagram);
        }
    }

    /// <summary>
    /// Resends (at the next tick) every submission whose request datagram went unanswered while a later
    /// datagram was answered (see <see cref="_answeredDatagram"/>). Each send is looked at once. One the
    /// leader received whose acknowledgement is suspected lost (overtaken) keeps its own, longer grace: its
    /// instance may just be waiting for an Accept retry.
    /// </summary>
    private void ResendSkippedRequests(TimeSpan now)
    {
        while (_sendOrder.TryPeek(out (long Datagram, ulong Sequence) sent) && sent.Datagram < _answeredDatagram)
        {
            _sendOrder.Dequeue();
            if (_pending.TryGetValue(sent.Sequence, out PendingSubmission? submission) && submission.Datagram == sent.Datagram
                && submission.Unconfirmed && !submission.Received && !submission.Overtaken && submission.Due > now)
            {
                SkippedRequests++;
                Schedule(sent.Sequence, submission, now);
            }
        }
    }

    private void SetUnconfirmed(PendingSubmission submission, bool unconfirmed)
    {
        if (submission.Unconfirmed != unconfirmed)
        {
            submission.Unconfirmed = unconfirmed;
            UnconfirmedBytes += unconfirmed ? submission.Value.Length : -submission.Value.Length;
        }
    }

    /// <summary>Submissions the leader confirmed receiving that are not decided yet.</summary>
    public int Received { get; private set; }

    /// <inheritdoc />
    public void Handle(int senderId, Message message, TimeSpan now)
    {
        _requestBuffers.ReclaimIfSent(Ready);
        (IReadOnlyList<SubmissionRange> ranges, bool decided) = message switch
        {
            ClientAck ack => (ack.Ranges, true),
            ClientReceipt receipt => (receipt.Ranges, false),
            _ => ((IReadOnlyList<SubmissionRange>)[], false),
        };

        if (ranges.Count > 0)
        {
            _lastHeardAny = now;
        }

        TimeSpan slowest = TimeSpan.Zero;
        ulong highestDecided = 0;
        foreach (SubmissionRange range in ranges)
        {
            if (range.ClientId != _clientId || range.Session != _session)
            {
                continue;
            }

            // Clamp to what may still be pending: from the oldest pending submission to the last one sent,
            // without wrapping. A bogus range (0 .. 4,000,000,000, in each of the 2,700 ranges of one ack)
            // then costs no more than the pending span, not a loop over every sequence ever sent.
            ulong first = Math.Max(range.FirstSequence, OldestPending());
            ulong end = Math.Min(range.FirstSequence > ulong.MaxValue - range.Count ? ulong.MaxValue : range.FirstSequence + range.Count, _nextSequence);
            if (first >= end)
            {
                continue;
            }

            _lastHeard = now;
            for (ulong sequence = first; sequence < end; sequence++)
            {
                if (decided)
                {
                    Acknowledge(sequence, now, ref slowest);
                }
                else
                {
                    MarkReceived(sequence, now, ref slowest);
                }
            }

            highestDecided = decided ? Math.Max(highestDecided, end) : highestDecided;
        }

        if (slowest > TimeSpan.Zero)
        {
            ObserveAckTime(slowest);
        }

        if (highestDecided > 0)
        {
            SuspectLostAcknowledgements(highestDecided, now);
        }

        ResendSkippedRequests(now);
    }

    /// <summary>
    /// How long a received submission overtaken by a later decided one waits before it is resent: a round-trip
    /// timeout, plus two of the leader's Accept retries, since its instance may only be waiting for a lost
    /// Accept or Accepted to be sent again (the later instance was decided first).
    /// </summary>
    private TimeSpan OvertakenWait => FirstRetry + (2 * _settings.AcceptRetry);

    /// <summary>
    /// The leader decides one client's submissions roughly in order: a received submission below one just
    /// decided has probably lost its acknowledgement, or its instance waits for an Accept retry. Put it back
    /// on a short timer (<see cref="OvertakenWait"/>), so one lost ack costs a round-trip timeout and two
    /// Accept retries, not <see cref="ProtocolSettings.ClientRetry"/> or more. Each sequence is looked at once.
    /// </summary>
    private void SuspectLostAcknowledgements(ulong decidedEnd, TimeSpan now)
    {
        ulong from = Math.Max(_suspectedUpTo, OldestPending());
        for (ulong sequence = from; sequence < decidedEnd; sequence++)
        {
            if (_pending.TryGetValue(sequence, out PendingSubmission? submission) && submission.Received)
            {
                submission.Received = false;
                Received--;
                SetUnconfirmed(submission, true);
                submission.Overtaken = true;
                Schedule(sequence, submission, now + OvertakenWait);
            }
        }

        _suspectedUpTo = Math.Max(_suspectedUpTo, decidedEnd);
    }

    private void MarkReceived(ulong sequence, TimeSpan now, ref TimeSpan slowest)
    {
        if (!_pending.TryGetValue(sequence, out PendingSubmission? submission))
        {
            return;
        }

        Sample(submission, now, ref slowest);
        Confirmed(submission);
        if (!submission.Received)
        {
            // Its short timer stays queued; when it fires, it finds the submission received and waits on.
            submission.Received = true;
            submission.Overtaken = false;
            submission.ReceivedAt = now;
            Received++;
        }
    }

    private static void Sample(PendingSubmission submission, TimeSpan now, ref TimeSpan slowest)
    {
        // Only a submission sent once says how long a round trip takes (Karn), and only its first answer.
        if (submission.Sends == 1 && !submission.Answered)
        {
            slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, (now - submission.FirstSent).Ticks));
        }

        submission.Answered = true;
    }

    /// <summary>The smoothed round-trip time to a receipt or acknowledgement, once measured.</summary>
    public TimeSpan? SmoothedRoundTrip => _smoothedAckTime;

    /// <summary>The wait before a submission's first resend: the measured round-trip timeout once known.</summary>
    /// <remarks>In ticks: it is read per value packed, and a TimeSpan times a number goes through a double and a rounding.</remarks>
    public TimeSpan FirstRetry =>
        _smoothedAckTime is { } smoothed
            ? TimeSpan.FromTicks(Math.Clamp(smoothed.Ticks + (4 * _ackTimeDeviation.Ticks), _settings.ClientRetryMin.Ticks, _settings.ClientRetry.Ticks))
            : _settings.ClientRetry;

    private void ObserveAckTime(TimeSpan sample)
    {
        // One sample per acknowledgement message (its slowest value): a batch is one measurement.
        if (_smoothedAckTime is not { } smoothed)
        {
            _smoothedAckTime = sample;
            _ackTimeDeviation = sample / 2;
            return;
        }

        _ackTimeDeviation = ((3 * _ackTimeDeviation) + (smoothed - sample).Duration()) / 4;
        _smoothedAckTime = ((7 * smoothed) + sample) / 8;
    }

    /// <inheritdoc />
    public void Tick(TimeSpan now)
    {
        _requestBuffers.ReclaimIfSent(Ready);
        // Anything unacknowledged after its timeout was lost somewhere (request, Accept, decision or
        // acknowledgement) or the cluster cannot decide right now: send it again, backing off.
        _resendNow.Clear();
        while (_resendDue.TryPeek(out List<ulong>? group, out TimeSpan due) && due <= now)
        {
            _resendDue.Dequeue();
            if (ReferenceEquals(group, _lastTimerGroup))
            {
                _lastTimerGroup = null; // a later Schedule for this deadline starts a new group
            }

            foreach (ulong sequence in group)
            {
                ConsiderResend(sequence, due, now);
            }

            group.Clear();
            _spareTimerGroups.Push(group);
        }

        if (_resendNow.Count == 0)
        {
            // A batch Propose left partly filled goes out with the next input (or the next turn), not alone.
            TailProbe(now);
            return;
        }

        // In sequence order: the timer queue hands out equal deadlines in any order, and a datagram's
        // submissions scattered over several datagrams turned each of its runs of sequences into hundreds of
        // single-value ranges, in the batches and in every receipt and acknowledgement of them.
        _resendNow.Sort();
        foreach (ulong sequence in _resendNow)
        {
            Pack(sequence, _pending[sequence], now);
        }

        Ready.Resent.AddRange(_resendNow);

        SendBatch();
    }

    /// <summary>Resends <paramref name="sequence"/> at this tick (adds it to the tick's resends), or reschedules it, when its timer for <paramref name="due"/> fires.</summary>
    private void ConsiderResend(ulong sequence, TimeSpan due, TimeSpan now)
    {
        if (!_pending.TryGetValue(sequence, out PendingSubmission? submission) || submission.Due != due)
        {
            return; // acknowledged, or rescheduled since
        }

        if (submission.Received)
        {
            // The leader holds it: wait while the proposers keep talking (the value is queued behind others);
            // resend after ClientRetry of silence (the leader is gone). Acknowledgements of other clients
            // alone (this client's values may have gone with a leader that stepped down while a new one
            // serves the others) hold it for ClientRetryMax at most.
            TimeSpan heardOfUs = Max(submission.ReceivedAt, _lastHeard);
            TimeSpan quietUntil = Min(Max(heardOfUs, _lastHeardAny) + _settings.ClientRetry, heardOfUs + Max(_settings.ClientRetryMax, _settings.ClientRetry));
            if (_decidedStampHigh > submission.SendStamp)
            {
                // A submission sent after this copy was decided first. The leader proposes in the order it
                // received, so this copy is gone (its leader stepped down) or its acknowledgement was lost:
                // news of this client's later values must not hold it, only the grace pipelining needs.
                submission.OvertakenSince ??= now;
                quietUntil = Min(quietUntil, submission.OvertakenSince.Value + OvertakenWait);
            }

            if (quietUntil > now)
            {
                Schedule(sequence, submission, quietUntil);
                return;
            }

            submission.Received = false;
            Received--;
            SetUnconfirmed(submission, true);
            ResentAfterSilence++;
        }
        else if (submission.Overtaken)
        {
            ResentOvertaken++;
        }
        else if (submission.SendStamp > _confirmedStamp && _lastHeard > submission.LastSent && now - _lastHeard < FirstRetry)
        {
            // No receipt yet, but nothing sent after it was confirmed either, while the proposers answered
            // older requests within the last timeout: the leader reads its socket in order and has not got
            // this far (a busy CPU, a long socket queue). A lost request shows as a later one confirmed
            // before it, a lost leader as silence.
            Schedule(sequence, submission, _lastHeard + FirstRetry);
            return;
        }
        else
        {
            ResentUnconfirmed++;
        }

        submission.Overtaken = false;
        Resent++;
        _resendNow.Add(sequence);
        submission.Due = TimeSpan.MinValue; // taken: another queue entry with the same deadline is stale
    }

    /// <summary>
    /// Values per request datagram while the window is still growing: a quarter of it, so a lost request is
    /// followed by others whose receipts show it lost (a whole small first window in one datagram, lost, waited
    /// for the 300 ms first timeout: no round trip was measured yet). Unbounded at the full window, where
    /// smaller requests made smaller instances (5-10% fewer values/s at 2 x 5,000,000).
    /// </summary>
    private int RequestValueCap => Window < _settings.ClientWindow ? Math.Max(1, Window / 4) : int.MaxValue;

    /// <summary>
    /// Sends the last value of the newest request datagram again, alone, when no answer named that datagram within
    /// twice the smoothed round trip, or <see cref="ProtocolSettings.ClientTailProbeMin"/> if longer (doubling per
    /// probe unanswered). A lost request shows when a later one is answered; the newest has no later one while
    /// the window is full, and a window in two datagrams both lost waited for the first-resend timer (50 ms at
    /// least): at 10% loss that was the p99. The leader reads in order, so the probe's answer proves every
    /// datagram before it read, and their unanswered values lost (<see cref="ResendSkippedRequests"/>); when the
    /// newest datagram was only slow, the probe is one duplicate value.
    /// </summary>
    private void TailProbe(TimeSpan now)
    {
        if (_settings.ClientTailProbeMin is not { } floor || _smoothedAckTime is not { } smoothed
            || _newestAnsweredDatagram >= _datagramsSent || _builder.ValueCount > 0
            || now < _lastPackedAt + (Max(2 * smoothed, floor) * (1 << Math.Min(_probesUnanswered, 10)))
            || !_pending.TryGetValue(_lastPackedSequence, out PendingSubmission? submission) || submission.Received)
        {
            return;
        }

        TailProbes++;
        _probesUnanswered++;
        Resent++;
        Pack(_lastPackedSequence, submission, now);
        _probeDatagram = _datagramsSent + 1;
        SendBatch();
        Ready.Resent.Add(_lastPackedSequence);
    }

    /// <summary>Whether a request batch is partly filled and not sent yet: the host should come back at once.</summary>
    public bool HoldsUnsentBatch => _builder.ValueCount > 0;

    private void Pack(ulong sequence, PendingSubmission submission, TimeSpan now)
    {
        submission.SendStamp = ++_sendStamp;
        submission.OvertakenSince = null;
        if (_builder.ValueCount >= RequestValueCap)
        {
            SendBatch();
        }

        if (!_builder.TryAdd(_clientId, _session, sequence, submission.Value.Span))
        {
            SendBatch();
            _builder.TryAdd(_clientId, _session, sequence, submission.Value.Span);
        }

        submission.Datagram = _datagramsSent + 1;
        _lastPackedAt = now;
        _lastPackedSequence = sequence;
        _sendOrder.Enqueue((submission.Datagram, sequence));

        TimeSpan wait = submission.NextRetry(FirstRetry, _settings, now, _lastProgress);
        Schedule(sequence, submission, now + wait);
    }

    private void Schedule(ulong sequence, PendingSubmission submission, TimeSpan due)
    {
        // An earlier entry of this submission stays in the queue and is skipped when it fires (Due differs).
        submission.Due = due;
        if (_lastTimerGroup is null || _lastTimerGroupDue != due)
        {
            _lastTimerGroup = _spareTimerGroups.TryPop(out List<ulong>? spare) ? spare : [];
            _lastTimerGroupDue = due;
            _resendDue.Enqueue(_lastTimerGroup, due);
        }

        _lastTimerGroup.Add(sequence);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private void SendBatch()
    {
        if (_builder.ValueCount > 0)
        {
            Batch batch = _builder.BuildSwapping(_requestBuffers.Take(), out byte[] used);
            _requestBuffers.InMessage(used);
            Ready.Send(RoleGroup.Proposers, new ClientRequest(batch));
            _datagramsSent++;
        }
    }

    /// <summary>The lowest sequence still pending (or the next to be used): submissions are acknowledged roughly in order.</summary>
    private ulong OldestPending() => _pending.Oldest;

    private void Acknowledge(ulong sequence, TimeSpan now, ref TimeSpan slowest)
    {
        if (_pending.Remove(sequence, out PendingSubmission? submission))
        {
            PendingBytes -= submission.Value.Length;
            Received -= submission.Received ? 1 : 0;
            Confirmed(submission);
            Decided++;
            Window = Math.Min(Window + 1, _settings.ClientWindow);
            _decidedStampHigh = Math.Max(_decidedStampHigh, submission.SendStamp);
            _lastProgress = now;
            Sample(submission, now, ref slowest);

            // Nothing refers to it any more: timers and send records name sequences, found again in _pending.
            submission.Reset(default);
            _spareSubmissions.Push(submission);
        }
    }

    private sealed class PendingSubmission
    {
        private int _backoff;

        public ReadOnlyMemory<byte> Value { get; private set; }

        /// <summary>When it was last sent.</summary>
        public TimeSpan LastSent { get; private set; }

        /// <summary>The request datagram (numbered from 1) its last copy went in.</summary>
        public long Datagram { get; set; }

        /// <summary>The client's send count at its last send: orders sends across submissions.</summary>
        public long SendStamp { get; set; }

        /// <summary>Times sent so far.</summary>
        public int Sends { get; private set; }

        /// <summary>When it was first sent.</summary>
        public TimeSpan FirstSent { get; private set; }

        /// <summary>Whether a receipt or acknowledgement already answered it (only the first answer is a round-trip sample).</summary>
        public bool Answered { get; set; }

        /// <summary>Whether the leader confirmed holding its last copy (it is queued or being decided).</summary>
        public bool Received { get; set; }

        /// <summary>Whether it counts in <see cref="UnconfirmedBytes"/>: sent, and neither received nor decided since.</summary>
        public bool Unconfirmed { get; set; }

        /// <summary>Whether its current timer was set because a later submission was decided first.</summary>
        public bool Overtaken { get; set; }

        /// <summary>When a submission sent after its last copy was first seen decided before it; null while none was.</summary>
        public TimeSpan? OvertakenSince { get; set; }

        /// <summary>When that receipt arrived.</summary>
        public TimeSpan ReceivedAt { get; set; }

        /// <summary>When its current resend timer fires; queue entries with another time are stale.</summary>
        public TimeSpan Due { get; set; }

        /// <summary>Makes this record that of a new submission of <paramref name="value"/>, never sent.</summary>
        public void Reset(ReadOnlyMemory<byte> value)
        {
            _backoff = 0;
            Value = value;
            LastSent = default;
            Datagram = 0;
            SendStamp = 0;
            Sends = 0;
            FirstSent = default;
            Answered = false;
            Received = false;
            Unconfirmed = false;
            Overtaken = false;
            OvertakenSince = null;
            ReceivedAt = default;
            Due = default;
        }

        /// <summary>
        /// Counts a send at <paramref name="now"/> and returns the wait before the next: <paramref name="firstRetry"/>,
        /// doubled per resend that went unanswered while the cluster decided nothing of ours, capped. When other
        /// submissions were acknowledged since the last send (<paramref name="lastProgress"/>), the cluster works and
        /// only this request or its acknowledgement was lost: resend at the base interval instead of backing off.
        /// </summary>
        public TimeSpan NextRetry(TimeSpan firstRetry, ProtocolSettings settings, TimeSpan now, TimeSpan lastProgress)
        {
            if (Sends == 0)
            {
                FirstSent = now;
            }
            else
            {
                _backoff = lastProgress > LastSent ? 0 : Math.Min(_backoff + 1, 16);
            }

            Sends++;
            LastSent = now;
            TimeSpan wait = TimeSpan.FromTicks(firstRetry.Ticks << _backoff); // shifted, not multiplied through a double
            return wait < settings.ClientRetryMax ? wait : settings.ClientRetryMax;
        }
    }
}
