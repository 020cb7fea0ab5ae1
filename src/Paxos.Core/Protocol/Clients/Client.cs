using Paxos.Core.Configuration;
using Paxos.Core.Wire;
using Paxos.Core.Wire.Messages;

namespace Paxos.Core.Protocol.Clients;

/// <summary>
/// Submits values to the proposers and resends each until a proposer acknowledges it as decided.
/// Every submission is (client id, session, sequence): the session is a nonce chosen per client process,
/// so learners can drop resent copies while equal values submitted twice stay two submissions.
/// At most <see cref="ProtocolSettings.ClientWindow"/> submissions and about <see cref="ProtocolSettings.ClientWindowBytes"/>
/// bytes are unacknowledged at once.
/// </summary>
public sealed class Client : IRole
{
    private readonly uint _clientId;
    private readonly ulong _session;
    private readonly ProtocolSettings _settings;
    private readonly Dictionary<ulong, PendingSubmission> _pending = [];
    private readonly Queue<ulong> _pendingOrder = new();
    private readonly Queue<ulong> _unsent = new();
    private readonly PriorityQueue<ulong, TimeSpan> _resendDue = new();
    private readonly BatchBuilder _builder;
    private ulong _nextSequence;

    // When an acknowledgement last decided one of our pending submissions: the cluster is making progress.
    private TimeSpan _lastProgress = TimeSpan.MinValue;

    // Acknowledgement time estimate (RFC 6298's SRTT and RTTVAR), from submissions sent only once.
    private TimeSpan? _smoothedAckTime;
    private TimeSpan _ackTimeDeviation;

    /// <summary>Creates a client session.</summary>
    public Client(uint clientId, ulong session, ProtocolSettings settings)
    {
        _clientId = clientId;
        _session = session;
        _settings = settings;
        _builder = new BatchBuilder(settings.MaxBatchBytes);
    }

    /// <inheritdoc />
    public Outbox Outbox { get; } = new();

    /// <summary>This client's id, the first part of each of its submissions' keys.</summary>
    public uint ClientId => _clientId;

    /// <summary>This client process's session nonce.</summary>
    public ulong Session => _session;

    /// <summary>
    /// Whether the window allows another submission now: fewer than <see cref="ProtocolSettings.ClientWindow"/>
    /// values and fewer than <see cref="ProtocolSettings.ClientWindowBytes"/> bytes unacknowledged, so memory
    /// stays bounded at any value size (the next value may overshoot the byte window by its own size).
    /// </summary>
    public bool HasRoom => _pending.Count < _settings.ClientWindow && PendingBytes < _settings.ClientWindowBytes;

    /// <summary>Submissions not yet acknowledged.</summary>
    public int Outstanding => _pending.Count;

    /// <summary>Bytes of the values not yet acknowledged: what the client holds in memory for resending.</summary>
    public long PendingBytes { get; private set; }

    /// <summary>Submissions made so far.</summary>
    public ulong Submitted => _nextSequence;

    /// <summary>Submissions acknowledged as decided.</summary>
    public long Decided { get; private set; }

    /// <summary>Submissions sent more than once.</summary>
    public long Resent { get; private set; }

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
        _pending.Add(sequence, new PendingSubmission(value));
        PendingBytes += value.Length;
        _pendingOrder.Enqueue(sequence);
        _unsent.Enqueue(sequence);
        return sequence;
    }

    /// <summary>Sends every queued submission, as few datagrams as the batch limit allows.</summary>
    public void Flush(TimeSpan now)
    {
        while (_unsent.TryDequeue(out ulong sequence))
        {
            if (_pending.TryGetValue(sequence, out PendingSubmission? submission))
            {
                Pack(sequence, submission, now);
            }
        }

        SendBatch();
    }

    /// <inheritdoc />
    public void Handle(int senderId, Message message, TimeSpan now)
    {
        if (message is not ClientAck ack)
        {
            return;
        }

        TimeSpan slowest = TimeSpan.Zero;
        foreach (SubmissionRange range in ack.Ranges)
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
            for (ulong sequence = first; sequence < end; sequence++)
            {
                Acknowledge(sequence, now, ref slowest);
            }
        }

        if (slowest > TimeSpan.Zero)
        {
            ObserveAckTime(slowest);
        }
    }

    /// <summary>The wait before a submission's first resend: adaptive once acknowledgement times are known.</summary>
    public TimeSpan FirstRetry =>
        _smoothedAckTime is { } smoothed
            ? TimeSpan.FromTicks(Math.Clamp((smoothed + (4 * _ackTimeDeviation)).Ticks, _settings.ClientRetryMin.Ticks, _settings.ClientRetry.Ticks))
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
        // Anything unacknowledged after its timeout was lost somewhere (request, Accept, decision or
        // acknowledgement) or the cluster cannot decide right now: send it again, backing off.
        while (_resendDue.TryPeek(out ulong sequence, out TimeSpan due) && due <= now)
        {
            _resendDue.Dequeue();
            if (_pending.TryGetValue(sequence, out PendingSubmission? submission))
            {
                Resent++;
                Pack(sequence, submission, now);
            }
        }

        SendBatch();
    }

    private void Pack(ulong sequence, PendingSubmission submission, TimeSpan now)
    {
        if (!_builder.TryAdd(_clientId, _session, sequence, submission.Value.Span))
        {
            SendBatch();
            _builder.TryAdd(_clientId, _session, sequence, submission.Value.Span);
        }

        TimeSpan wait = submission.NextRetry(FirstRetry, _settings, now, _lastProgress);
        _resendDue.Enqueue(sequence, now + wait);
    }

    private void SendBatch()
    {
        if (_builder.ValueCount > 0)
        {
            Outbox.Send(RoleGroup.Proposers, new ClientRequest(_builder.Build()));
        }
    }

    /// <summary>The lowest sequence still pending (or the next to be used): submissions are acknowledged roughly in order.</summary>
    private ulong OldestPending()
    {
        while (_pendingOrder.TryPeek(out ulong oldest) && !_pending.ContainsKey(oldest))
        {
            _pendingOrder.Dequeue();
        }

        return _pendingOrder.TryPeek(out ulong lowest) ? lowest : _nextSequence;
    }

    private void Acknowledge(ulong sequence, TimeSpan now, ref TimeSpan slowest)
    {
        if (_pending.Remove(sequence, out PendingSubmission? submission))
        {
            PendingBytes -= submission.Value.Length;
            Decided++;
            _lastProgress = now;

            // Only a submission sent once says how long an acknowledgement takes (Karn).
            if (submission.Sends == 1)
            {
                slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, (now - submission.FirstSent).Ticks));
            }
        }
    }

    private sealed class PendingSubmission(ReadOnlyMemory<byte> value)
    {
        private int _backoff;
        private TimeSpan _lastSent;

        public ReadOnlyMemory<byte> Value { get; } = value;

        /// <summary>Times sent so far.</summary>
        public int Sends { get; private set; }

        /// <summary>When it was first sent.</summary>
        public TimeSpan FirstSent { get; private set; }

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
                _backoff = lastProgress > _lastSent ? 0 : Math.Min(_backoff + 1, 16);
            }

            Sends++;
            _lastSent = now;
            TimeSpan wait = firstRetry * (1 << _backoff);
            return wait < settings.ClientRetryMax ? wait : settings.ClientRetryMax;
        }
    }
}
