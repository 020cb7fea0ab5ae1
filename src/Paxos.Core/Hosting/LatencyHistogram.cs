namespace Paxos.Core.Hosting;

/// <summary>
/// Records latencies in microseconds in fixed memory, no allocation per value: exact below 64 µs, then
/// 32 buckets per power of two (each bucket's width is at most 1/32 of its value, so a percentile read
/// back is within about 3% of the true one). The maximum is kept exactly.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBuckets = 1 << SubBucketBits;
    private readonly long[] _counts = new long[64 * SubBuckets];

    /// <summary>Values recorded.</summary>
    public long Count { get; private set; }

    /// <summary>The largest value recorded (µs).</summary>
    public long Max { get; private set; }

    /// <summary>Records one latency (negative values count as 0).</summary>
    public void Record(long microseconds)
    {
        long value = Math.Max(0, microseconds);
        _counts[BucketOf(value)]++;
        Count++;
        Max = Math.Max(Max, value);
    }

    /// <summary>
    /// The latency at or below which <paramref name="fraction"/> of the values lie (the upper edge of its
    /// bucket, capped at <see cref="Max"/>); 0 when nothing was recorded.
    /// </summary>
    public long Percentile(double fraction)
    {
        if (Count == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(fraction, 0, 1) * Count));
        long seen = 0;
        for (int bucket = 0; bucket < _counts.Length; bucket++)
        {
            seen += _counts[bucket];
            if (seen >= rank)
            {
                return Math.Min(UpperEdge(bucket), Max);
            }
        }

        return Max;
    }

    private static int BucketOf(long value)
    {
        if (value < 2 * SubBuckets)
        {
            return (int)value;
        }

        // value in [2^k, 2^(k+1)) with k >= SubBucketBits + 1: keep its top SubBucketBits bits after the leading one.
        int k = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)value);
        int shift = k - SubBucketBits;
        int sub = (int)((value >> shift) & (SubBuckets - 1));
        return (2 * SubBuckets) + ((k - SubBucketBits - 1) * SubBuckets) + sub;
    }

    private static long UpperEdge(int bucket)
    {
        if (bucket < 2 * SubBuckets)
        {
            return bucket;
        }

        int group = (bucket - (2 * SubBuckets)) / SubBuckets;
        int sub = (bucket - (2 * SubBuckets)) % SubBuckets;
        int k = group + SubBucketBits + 1;
        int shift = k - SubBucketBits;
        long low = (1L << k) + ((long)sub << shift);
        return low + (1L << shift) - 1;
    }
}
