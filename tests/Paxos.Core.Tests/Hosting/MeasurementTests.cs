using Paxos.Core.Hosting;
using Paxos.Core.Protocol;

namespace Paxos.Core.Tests.Hosting;

public sealed class MeasurementTests
{
    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void Histogram_is_exact_for_small_values_and_within_3_percent_above()
    {
        var histogram = new LatencyHistogram();
        for (int value = 1; value <= 100; value++)
        {
            histogram.Record(value);
        }

        Assert.Equal(50, histogram.Percentile(0.50));
        Assert.Equal(100, histogram.Max);
        Assert.Equal(100, histogram.Percentile(1.0));

        var large = new LatencyHistogram();
        for (int value = 1; value <= 100_000; value++)
        {
            large.Record(value);
        }

        long p99 = large.Percentile(0.99);
        Assert.InRange(p99, 99_000, 99_000 * 1.03);
        long p50 = large.Percentile(0.50);
        Assert.InRange(p50, 50_000, 50_000 * 1.03);
    }

    [Fact]
    public void Histogram_reports_the_outlier_at_the_top_percentile()
    {
        var histogram = new LatencyHistogram();
        for (int i = 0; i < 999; i++)
        {
            histogram.Record(200);
        }

        histogram.Record(5_000_000);
        Assert.InRange(histogram.Percentile(0.99), 200, 206); // the upper edge of 200's bucket
        Assert.Equal(5_000_000, histogram.Percentile(0.9999));
        Assert.Equal(0, new LatencyHistogram().Percentile(0.5));
    }

    [Fact]
    public void Pacer_makes_values_due_at_the_rate_from_its_start_and_catches_up_after_a_late_turn()
    {
        var pacer = new SubmissionPacer(1000);
        Assert.Equal(0, pacer.DueBy(Ms(5)));
        Assert.Equal(TimeSpan.MaxValue, pacer.DueAt(0));

        pacer.Start(Ms(10));
        pacer.Start(Ms(20)); // a second start changes nothing
        Assert.Equal(1, pacer.DueBy(Ms(10)));
        Assert.Equal(1, pacer.DueBy(Ms(10.9)));
        Assert.Equal(2, pacer.DueBy(Ms(11)));
        Assert.Equal(Ms(11), pacer.DueAt(1));

        // 50 ms late: all 51 values due by then may go at once (open loop: the offered rate holds).
        Assert.Equal(61, pacer.DueBy(Ms(70)));
    }

    [Fact]
    public void Latency_tracker_times_each_submission_once_from_send_to_first_acknowledgement()
    {
        var tracker = new AckLatencyTracker(clientId: 3, session: 77);
        tracker.OnSent(0, Ms(1));
        tracker.OnSent(1, Ms(2));
        tracker.OnSent(2, Ms(3));

        // Another client's and another session's ranges, and sequences never sent, count for nothing.
        tracker.OnAcknowledged([new SubmissionRange(4, 77, 0, 3), new SubmissionRange(3, 78, 0, 3), new SubmissionRange(3, 77, 3, 100)], Ms(4));
        Assert.Equal(0, tracker.Histogram.Count);

        tracker.OnAcknowledged([new SubmissionRange(3, 77, 0, 2)], Ms(5));
        tracker.OnAcknowledged([new SubmissionRange(3, 77, 0, 1_000)], Ms(9)); // repeats 0 and 1, clamps the rest
        Assert.Equal(3, tracker.Histogram.Count);
        Assert.Equal(6_000, tracker.Histogram.Max); // sequence 2: sent at 3 ms, acknowledged at 9 ms
        Assert.Equal(Ms(1), tracker.FirstSent);
        Assert.Equal(Ms(9), tracker.LastAcknowledged);
    }

    [Fact]
    public void Latency_tracker_splits_resent_start_up_and_steady_submissions()
    {
        var tracker = new AckLatencyTracker(clientId: 1, session: 1);
        tracker.OnSent(0, Ms(10));  // start-up, sent once
        tracker.OnSent(1, Ms(20));  // start-up, resent: counts as resent, from its first send
        tracker.OnSent(2, Ms(200)); // after the start-up span
        tracker.OnResent(1);
        tracker.OnResent(7);        // never sent: ignored

        tracker.OnAcknowledged([new SubmissionRange(1, 1, 0, 3)], Ms(230));
        Assert.Equal(3, tracker.Histogram.Count);
        Assert.Equal((1, 220_000), (tracker.StartUp.Count, tracker.StartUp.Max));
        Assert.Equal((1, 210_000), (tracker.Resent.Count, tracker.Resent.Max));
        Assert.Equal((1, 30_000), (tracker.Steady.Count, tracker.Steady.Max));

        // A slot reused by a later submission starts unresent.
        for (ulong sequence = 3; sequence < 65_538; sequence++)
        {
            tracker.OnSent(sequence, Ms(300));
        }

        tracker.OnAcknowledged([new SubmissionRange(1, 1, 65_537, 1)], Ms(301));
        Assert.Equal((2, 1, 1), (tracker.Steady.Count, tracker.Resent.Count, tracker.StartUp.Count));
    }

    [Fact]
    public void Latency_tracker_skips_submissions_whose_ring_slot_was_reused_before_their_acknowledgement()
    {
        var tracker = new AckLatencyTracker(1, 1);
        for (ulong sequence = 0; sequence < 70_000; sequence++)
        {
            tracker.OnSent(sequence, Ms(1));
        }

        tracker.OnAcknowledged([new SubmissionRange(1, 1, 0, 70_000)], Ms(3));
        Assert.Equal(65_536, tracker.Histogram.Count);
        Assert.Equal(70_000 - 65_536, tracker.Unmeasured);
        Assert.Equal(2_000, tracker.Histogram.Max);
    }

    [Fact]
    public void Latency_tracker_measures_many_submissions()
    {
        var tracker = new AckLatencyTracker(1, 1);
        for (ulong sequence = 0; sequence < 5_000; sequence++)
        {
            tracker.OnSent(sequence, Ms(1));
        }

        tracker.OnAcknowledged([new SubmissionRange(1, 1, 0, 5_000)], Ms(2));
        Assert.Equal(5_000, tracker.Histogram.Count);
        Assert.Equal(1_000, tracker.Histogram.Percentile(0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.OnSent(7, Ms(3)));
    }

    [Fact]
    public void Latency_tracker_of_a_resumed_session_starts_at_its_first_unacknowledged_sequence()
    {
        // A client resuming a durable session after a power cut continues its numbering after the prefix
        // acknowledged before the cut (here 100,000): the tracker must follow, not demand 0 (it aborted the client).
        var tracker = new AckLatencyTracker(clientId: 1, session: 9, firstSequence: 100_000);
        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.OnSent(0, Ms(1)));
        tracker.OnSent(100_000, Ms(1));
        tracker.OnSent(100_001, Ms(2));

        // Acknowledgements of the old prefix (sequence 0 shares a ring slot with 65,536, 131,072, ...) measure nothing.
        tracker.OnAcknowledged([new SubmissionRange(1, 9, 0, 100_000)], Ms(3));
        Assert.Equal(0, tracker.Histogram.Count);

        tracker.OnAcknowledged([new SubmissionRange(1, 9, 0, 100_002)], Ms(5));
        Assert.Equal(2, tracker.Histogram.Count);
        Assert.Equal(4_000, tracker.Histogram.Max);
        Assert.Equal(0, tracker.Unmeasured);
    }
}
