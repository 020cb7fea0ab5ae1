using Paxos.Core.Protocol;

namespace Paxos.Core.Hosting;

/// <summary>
/// A client's latency measure: the time from sending a submission to the first acknowledgement that it
/// was decided. Submissions are numbered densely (from 0, or for a resumed session from the first
/// sequence after its acknowledged prefix), so their send times live in a ring indexed by sequence (fixed memory: a client has only its window's worth unacknowledged); a submission still
/// unacknowledged when its slot is reused, 65,536 sends later, is not measured (counted in
/// <see cref="Unmeasured"/>). A repeated acknowledgement is counted once. Pure: times come in as arguments.
/// Besides the whole, each latency is also recorded in one of three parts, to show where a tail comes from:
/// submissions sent more than once (<see cref="Resent"/>), those sent once within <see cref="StartUpSpan"/> of the
/// first send (<see cref="StartUp"/>: cold processes, the first window), and the rest (<see cref="Steady"/>).
/// </summary>
public sealed class AckLatencyTracker
{
    private const int RingSize = 1 << 16;
    private readonly uint _clientId;
    private readonly ulong _session;
    private readonly long[] _sentTicks = new long[RingSize];
    /// <summary>The sequence each slot's send time belongs to; -1 for none (so no acknowledgement matches an empty slot).</summary>
    private readonly long[] _sequenceOf = new long[RingSize];
    private readonly bool[] _resent = new bool[RingSize];
    private long _submitted;

    /// <summary>
    /// Tracks the submissions of one client session from <paramref name="firstSequence"/> on: 0 for a new
    /// session, the length of the acknowledged prefix for one resumed from its data folder.
    /// </summary>
    public AckLatencyTracker(uint clientId, ulong session, ulong firstSequence = 0)
    {
        _clientId = clientId;
        _session = session;
        _submitted = (long)firstSequence;
        Array.Fill(_sequenceOf, -1L);
    }

    /// <summary>The latencies recorded, in microseconds.</summary>
    public LatencyHistogram Histogram { get; } = new();

    /// <summary>How long after the first send a submission sent once still counts as start-up.</summary>
    public static readonly TimeSpan StartUpSpan = TimeSpan.FromMilliseconds(100);

    /// <summary>Of <see cref="Histogram"/>: submissions sent more than once.</summary>
    public LatencyHistogram Resent { get; } = new();

    /// <summary>Of <see cref="Histogram"/>: submissions sent once, within <see cref="StartUpSpan"/> of the first send.</summary>
    public LatencyHistogram StartUp { get; } = new();

    /// <summary>Of <see cref="Histogram"/>: the other submissions sent once.</summary>
    public LatencyHistogram Steady { get; } = new();

    /// <summary>Submissions overwritten in the ring before their acknowledgement.</summary>
    public long Unmeasured { get; private set; }

    /// <summary>When the first submission was sent, if any.</summary>
    public TimeSpan? FirstSent { get; private set; }

    /// <summary>When the last new acknowledgement arrived, if any.</summary>
    public TimeSpan? LastAcknowledged { get; private set; }

    /// <summary>Records that submission <paramref name="sequence"/> (the next one in order) was sent at <paramref name="now"/>.</summary>
    public void OnSent(ulong sequence, TimeSpan now)
    {
        if (sequence != (ulong)_submitted)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), $"submissions are tracked in order: expected {_submitted}");
        }

        int slot = (int)(_submitted & (RingSize - 1));
        if (_sequenceOf[slot] >= 0)
        {
            Unmeasured++;
        }

        _sequenceOf[slot] = _submitted++;
        _sentTicks[slot] = now.Ticks;
        _resent[slot] = false;
        FirstSent ??= now;
    }

    /// <summary>Records that submission <paramref name="sequence"/> was sent again (its latency still counts from its first send).</summary>
    public void OnResent(ulong sequence)
    {
        int slot = (int)(sequence & (RingSize - 1));
        if (_sequenceOf[slot] == (long)sequence)
        {
            _resent[slot] = true;
        }
    }

    /// <summary>Records the acknowledged submissions of <paramref name="ranges"/> that are this session's.</summary>
    public void OnAcknowledged(IReadOnlyList<SubmissionRange> ranges, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        for (int i = 0; i < ranges.Count; i++)
        {
            SubmissionRange range = ranges[i];
            if (range.ClientId != _clientId || range.Session != _session || range.FirstSequence >= (ulong)_submitted)
            {
                continue;
            }

            long end = (long)Math.Min(range.FirstSequence + range.Count, (ulong)_submitted);
            for (long sequence = (long)range.FirstSequence; sequence < end; sequence++)
            {
                int slot = (int)(sequence & (RingSize - 1));
                if (_sequenceOf[slot] == sequence)
                {
                    long microseconds = (now.Ticks - _sentTicks[slot]) / (TimeSpan.TicksPerMillisecond / 1000);
                    Histogram.Record(microseconds);
                    LatencyHistogram part = _resent[slot] ? Resent
                        : _sentTicks[slot] - FirstSent.GetValueOrDefault().Ticks < StartUpSpan.Ticks ? StartUp
                        : Steady;
                    part.Record(microseconds);
                    _sequenceOf[slot] = -1;
                    LastAcknowledged = now;
                }
            }
        }
    }
}
