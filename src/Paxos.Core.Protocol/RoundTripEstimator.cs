namespace Paxos.Core.Protocol;

/// <summary>
/// A retransmission timeout from measured round trips, as TCP computes it (RFC 6298): a smoothed round trip
/// plus four times its mean deviation, between a floor and a cap. Before the first sample it is the initial
/// timeout. Callers feed only samples whose send they know: of messages sent once (Karn's rule: the answer to
/// a resent message cannot be told from the answer to its first copy), or of the copy an answer names. So that
/// a timeout shorter than every round trip still grows until a sample comes, each expiry doubles it
/// (<see cref="Backoff"/>) until the next sample.
/// </summary>
public sealed class RoundTripEstimator(TimeSpan initial, TimeSpan floor, TimeSpan cap)
{
    private TimeSpan _smoothed;
    private TimeSpan _deviation;

    /// <summary>Round trips measured so far.</summary>
    public long Samples { get; private set; }

    /// <summary>The smoothed round trip, if any was measured.</summary>
    public TimeSpan? Smoothed => Samples == 0 ? null : _smoothed;

    /// <summary>How long to wait for an answer before sending again.</summary>
    public TimeSpan Timeout { get; private set; } = Clamp(initial, floor, cap);

    /// <summary>The timeout the samples alone give (<see cref="Timeout"/> without the doublings since the last sample).</summary>
    public TimeSpan MeasuredTimeout { get; private set; } = Clamp(initial, floor, cap);

    /// <summary>Takes one measured round trip into account.</summary>
    public void Observe(TimeSpan sample)
    {
        if (sample < TimeSpan.Zero)
        {
            return;
        }

        if (Samples++ == 0)
        {
            _smoothed = sample;
            _deviation = sample / 2;
        }
        else
        {
            TimeSpan error = (_smoothed - sample).Duration();
            _deviation = ((3 * _deviation) + error) / 4;
            _smoothed = ((7 * _smoothed) + sample) / 8;
        }

        Timeout = Clamp(_smoothed + (4 * _deviation), floor, cap);
        MeasuredTimeout = Timeout;
    }

    /// <summary>The timeout expired: waits twice as long (up to the cap) until the next sample.</summary>
    public void Backoff() => Timeout = Clamp(Timeout * 2, floor, cap);

    private static TimeSpan Clamp(TimeSpan value, TimeSpan low, TimeSpan high) =>
        value < low ? low : value > high ? high : value;
}
