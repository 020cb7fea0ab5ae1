namespace Paxos.Cluster.Multihost;

/// <summary>
/// The learners' progress as their output files grow: the lines each printed, and, from a fault on (the kill of the
/// leader), the longest time without a new decision at each learner and the time to the first decision after it.
/// Pure: the caller passes the time and the counts it read.
/// </summary>
internal sealed class LearnProgress(long startUs)
{
    private readonly long[] _counts = new long[2];
    private readonly long[] _lastGrowthUs = [startUs, startUs];
    private readonly long[] _longestGapUs = new long[2];
    private long? _gapsFromUs;

    /// <summary>Lines printed by learner 1.</summary>
    public long Learned1 => _counts[0];

    /// <summary>Lines printed by learner 2.</summary>
    public long Learned2 => _counts[1];

    /// <summary>From the fault to learner 1's first decision after it, in µs; null until then (or without a fault).</summary>
    public long? FirstDecisionAfterUs { get; private set; }

    /// <summary>Whether gaps are measured (a fault happened).</summary>
    public bool MeasuresGaps => _gapsFromUs is not null;

    /// <summary>The longest time, in µs, either learner went without a new decision since the fault (from its last one before).</summary>
    public long LongestGapUs => Math.Max(_longestGapUs[0], _longestGapUs[1]);

    /// <summary>Gaps count from now on.</summary>
    public void MeasureGapsFrom(long nowUs) => _gapsFromUs = nowUs;

    /// <summary>The counts read at <paramref name="nowUs"/>.</summary>
    public void Observe(long nowUs, long learned1, long learned2)
    {
        Observe(0, nowUs, learned1);
        Observe(1, nowUs, learned2);
    }

    private void Observe(int learner, long nowUs, long count)
    {
        if (count == _counts[learner])
        {
            return;
        }

        if (_gapsFromUs is { } from)
        {
            _longestGapUs[learner] = Math.Max(_longestGapUs[learner], nowUs - _lastGrowthUs[learner]);
            if (learner == 0 && FirstDecisionAfterUs is null)
            {
                FirstDecisionAfterUs = nowUs - from;
            }
        }

        _lastGrowthUs[learner] = nowUs;
        _counts[learner] = count;
    }
}
