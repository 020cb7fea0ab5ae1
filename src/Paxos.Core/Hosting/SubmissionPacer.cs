namespace Paxos.Core.Hosting;

/// <summary>
/// Open-loop pacing of a client's submissions at a fixed rate (values per second): the n-th value
/// (from 0) is due at start + n / rate, whatever happened to the earlier ones, so a late loop turn
/// catches up instead of lowering the offered rate. Pure: time comes in as arguments.
/// </summary>
public sealed class SubmissionPacer
{
    private readonly double _rate;
    private TimeSpan? _start;

    /// <summary>A pacer for <paramref name="valuesPerSecond"/> (positive).</summary>
    public SubmissionPacer(double valuesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(valuesPerSecond);
        _rate = valuesPerSecond;
    }

    /// <summary>Whether pacing has started (the first value was ready).</summary>
    public bool Started => _start.HasValue;

    /// <summary>Starts the schedule at <paramref name="now"/> if it has not started yet.</summary>
    public void Start(TimeSpan now) => _start ??= now;

    /// <summary>How many values in total may have been sent by <paramref name="now"/> (the first at once).</summary>
    public long DueBy(TimeSpan now)
    {
        if (_start is not { } start || now < start)
        {
            return 0;
        }

        return (long)Math.Floor((now - start).TotalSeconds * _rate) + 1;
    }

    /// <summary>When value number <paramref name="sent"/> (from 0) is due; <see cref="TimeSpan.MaxValue"/> before the start.</summary>
    public TimeSpan DueAt(long sent) =>
        _start is { } start ? start + TimeSpan.FromTicks((long)Math.Ceiling(sent * TimeSpan.TicksPerSecond / _rate)) : TimeSpan.MaxValue;
}
