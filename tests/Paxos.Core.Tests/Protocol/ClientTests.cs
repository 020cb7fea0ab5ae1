using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Clients;
using Paxos.Core.Protocol.Messages;
using static Paxos.Core.Tests.Protocol.RoleTestKit;

namespace Paxos.Core.Tests.Protocol;

public sealed class ClientTests
{
    private const uint ClientId = 4;
    private const ulong Session = 0xABCDEF;
    private static readonly ProtocolSettings Settings = new();

    private static Client NewClient(ProtocolSettings? settings = null) => new(ClientId, Session, settings ?? Settings);

    /// <summary>A client that submitted <paramref name="values"/> and sent them at time 0, its output drained.</summary>
    private static Client ClientThatSent(ProtocolSettings? settings, params string[] values)
    {
        Client client = NewClient(settings);
        foreach (string value in values)
        {
            client.Submit(Value(value));
        }

        client.Flush(TimeSpan.Zero);
        client.Drain();
        return client;
    }

    private static ReadOnlyMemory<byte> Value(string text) => Encoding.UTF8.GetBytes(text);

    private static List<(ulong Sequence, string Value)> Requested(IEnumerable<OutgoingMessage> output) =>
        output.Sent<ClientRequest>(RoleGroup.Proposers)
            .SelectMany(r => WireValues(r.Batch))
            .ToList();

    private static List<(ulong Sequence, string Value)> WireValues(Batch batch)
    {
        var values = new List<(ulong Sequence, string Value)>();
        foreach (BatchValue value in batch)
        {
            Assert.Equal(ClientId, value.ClientId);
            Assert.Equal(Session, value.Session);
            values.Add((value.Sequence, Encoding.UTF8.GetString(value.Value.Span)));
        }

        return values;
    }

    private static ClientAck Ack(ulong first, uint count, uint clientId = ClientId, ulong session = Session) =>
        new([new SubmissionRange(clientId, session, first, count)]);

    [Fact]
    public void Client_packs_queued_submissions_into_one_request()
    {
        var client = NewClient();
        client.Submit(Value("a"));
        client.Submit(Value("b"));
        client.Submit(Value(""));
        Assert.Empty(client.Drain());

        client.Flush(TimeSpan.Zero);

        var request = client.Drain().Single<ClientRequest>(RoleGroup.Proposers);
        Assert.Equal(1, request.Batch.RunCount);
        Assert.Equal([(0UL, "a"), (1UL, "b"), (2UL, "")], WireValues(request.Batch));
        Assert.Equal(3UL, client.Submitted);
        Assert.Equal(3, client.Outstanding);
    }

    [Fact]
    public void Client_splits_submissions_that_exceed_one_batch()
    {
        var client = NewClient(Settings with { MaxBatchBytes = 200 });
        for (int i = 0; i < 20; i++)
        {
            client.Submit(Value(new string('x', 30)));
        }

        client.Flush(TimeSpan.Zero);

        var requests = client.Drain().Sent<ClientRequest>(RoleGroup.Proposers);
        Assert.True(requests.Count > 1);
        Assert.All(requests, r => Assert.True(r.Batch.Encoded.Length <= 200));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (ulong)i), requests.SelectMany(r => WireValues(r.Batch)).Select(v => v.Sequence));
    }

    [Fact]
    public void Client_resends_an_unacknowledged_submission_after_the_retry_interval()
    {
        var client = ClientThatSent(null, "a");

        client.Tick(Settings.ClientRetry - Ms(1));
        Assert.Empty(client.Drain());

        client.Tick(Settings.ClientRetry);
        Assert.Equal([(0UL, "a")], Requested(client.Drain()));
        Assert.Equal(1, client.Resent);
    }

    [Fact]
    public void Submissions_resent_together_go_out_in_sequence_order_as_one_run_per_request()
    {
        // 5,000 values due at the same moment: the timer queue hands equal deadlines out in no useful order.
        var client = ClientThatSent(null, Enumerable.Range(0, 5_000).Select(i => $"v{i}").ToArray());

        client.Tick(Settings.ClientRetry);

        var requests = client.Drain().Sent<ClientRequest>(RoleGroup.Proposers);
        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => (ulong)i), requests.SelectMany(r => WireValues(r.Batch)).Select(v => v.Sequence));
        Assert.All(requests, r => Assert.Equal(1, r.Batch.RunCount));
    }

    [Fact]
    public void Client_doubles_the_resend_interval_up_to_the_cap()
    {
        var settings = Settings with { ClientRetry = Ms(100), ClientRetryMax = Ms(350) };
        var client = ClientThatSent(settings, "a");

        // Sends at 0, then resends at 100 (+100), 300 (+200), 650 (+350 capped), 1000 (+350).
        var resendTimes = new List<double>();
        for (double t = 1; t <= 1_100; t += 1)
        {
            client.Tick(Ms(t));
            if (Requested(client.Drain()).Count > 0)
            {
                resendTimes.Add(t);
            }
        }

        Assert.Equal([100, 300, 650, 1000], resendTimes);
    }

    [Fact]
    public void Client_does_not_back_off_a_lost_submission_while_others_are_being_decided()
    {
        var settings = Settings with { ClientRetry = Ms(100), ClientRetryMax = Ms(1000) };
        var client = ClientThatSent(settings, "lost");

        // Every 50 ms another submission is made and acknowledged: the cluster works, so "lost" (its
        // request or its acknowledgement was dropped) is not backed off (100, 200, 400…). Each later request
        // answered while "lost" is not shows its copy was lost: resent at once, every 50 ms here.
        var resendTimes = new List<double>();
        ulong next = 1;
        for (double t = 1; t <= 500; t += 1)
        {
            if (t % 50 == 0)
            {
                ulong sequence = client.Submit(Value($"v{next++}"));
                client.Flush(Ms(t));
                client.Handle(1, Ack(sequence, 1), Ms(t));
                client.Drain();
            }

            client.Tick(Ms(t));
            if (Requested(client.Drain()).Any(r => r.Value == "lost"))
            {
                resendTimes.Add(t);
            }
        }

        Assert.Equal([50, 100, 150, 200, 250, 300, 350, 400, 450, 500], resendTimes);
    }

    [Fact]
    public void Client_resends_sooner_once_it_has_measured_acknowledgement_times()
    {
        var client = NewClient(Settings with { ClientRetryMin = Ms(25) });
        Assert.Equal(Settings.ClientRetry, client.FirstRetry);
        client.Submit(Value("a"));
        client.Flush(TimeSpan.Zero);
        client.Handle(1, Ack(0, 1), Ms(10));

        // Smoothed 10 ms, deviation 5 ms: the first resend waits 10 + 4 x 5 = 30 ms.
        Assert.Equal(Ms(30), client.FirstRetry);
        client.Submit(Value("b"));
        client.Flush(Ms(100));
        client.Drain();
        client.Tick(Ms(129));
        Assert.Empty(client.Drain());
        client.Tick(Ms(130));
        Assert.Equal([(1UL, "b")], Requested(client.Drain()));

        // Its acknowledgement, after a resend, could answer either send (Karn): no new measurement.
        client.Handle(1, Ack(1, 1), Ms(400));
        Assert.Equal(Ms(30), client.FirstRetry);
    }

    [Fact]
    public void Adaptive_first_resend_stays_between_the_floor_and_the_configured_retry()
    {
        var fast = NewClient(ProtocolSettings.Processes);
        fast.Submit(Value("a"));
        fast.Flush(TimeSpan.Zero);
        fast.Handle(1, Ack(0, 1), Ms(1));
        Assert.Equal(ProtocolSettings.Processes.ClientRetryMin, fast.FirstRetry);

        // By default the floor is the configured retry: no adaptation.
        var fixedRetry = NewClient();
        fixedRetry.Submit(Value("a"));
        fixedRetry.Flush(TimeSpan.Zero);
        fixedRetry.Handle(1, Ack(0, 1), Ms(1));
        Assert.Equal(Settings.ClientRetry, fixedRetry.FirstRetry);

        var slow = NewClient(ProtocolSettings.Processes);
        slow.Submit(Value("a"));
        slow.Flush(TimeSpan.Zero);
        slow.Handle(1, Ack(0, 1), Ms(250));
        Assert.Equal(Settings.ClientRetry, slow.FirstRetry);
    }

    [Fact]
    public void Client_stops_resending_once_acknowledged()
    {
        var client = ClientThatSent(null, "a", "b");

        client.Handle(1, Ack(0, 1), Ms(10));
        Assert.Equal(1, client.Decided);
        Assert.Equal(1, client.Outstanding);

        // The acknowledgement at 10 ms says the leader is alive: b waits a timeout from then before going again.
        client.Tick(Settings.ClientRetry);
        Assert.Empty(client.Drain());
        client.Tick(Settings.ClientRetry + Ms(10));
        Assert.Equal([(1UL, "b")], Requested(client.Drain()));

        client.Handle(1, Ack(1, 1), Settings.ClientRetry + Ms(1));
        client.Tick(Ms(60_000));
        Assert.Empty(client.Drain());
        Assert.Equal(0, client.Outstanding);
    }

    [Fact]
    public void Repeated_acknowledgement_counts_once()
    {
        var client = NewClient();
        client.Submit(Value("a"));
        client.Flush(TimeSpan.Zero);

        client.Handle(1, Ack(0, 1), Ms(1));
        client.Handle(2, Ack(0, 1), Ms(2));

        Assert.Equal(1, client.Decided);
    }

    [Fact]
    public void Client_ignores_acknowledgements_of_other_sessions_and_clients()
    {
        var client = ClientThatSent(null, "a");

        client.Handle(1, Ack(0, 1, session: Session + 1), Ms(1));
        client.Handle(1, Ack(0, 1, clientId: ClientId + 1), Ms(1));

        Assert.Equal(1, client.Outstanding);
        Assert.Equal(0, client.Decided);
        client.Tick(Settings.ClientRetry);
        Assert.Equal([(0UL, "a")], Requested(client.Drain()));
    }

    [Fact]
    public void Acknowledgement_beyond_what_was_submitted_is_clamped()
    {
        var client = NewClient();
        client.Submit(Value("a"));
        client.Flush(TimeSpan.Zero);

        client.Handle(1, Ack(0, uint.MaxValue), Ms(1));

        Assert.Equal(1, client.Decided);
        Assert.Equal(0, client.Outstanding);
    }

    private static ClientReceipt Receipt(ulong first, uint count) => new([new SubmissionRange(ClientId, Session, first, count)]);

    [Fact]
    public void Client_does_not_resend_values_the_leader_holds_while_its_queue_drains_slowly()
    {
        // No loss, a slow leader queue: receipts come at once, decisions one every 50 ms, so the last of the
        // 100 values waits 5 s, far beyond ClientRetry (300 ms). None of them may be sent twice.
        var client = NewClient();
        for (int i = 0; i < 100; i++)
        {
            client.Submit(Value($"v{i}"));
        }

        client.Flush(TimeSpan.Zero);
        Assert.Equal(100, Requested(client.Drain()).Count);
        client.Handle(1, Receipt(0, 100), Ms(1));
        Assert.Equal(100, client.Received);

        for (int t = 2; t <= 5_100; t++)
        {
            if (t % 50 == 0 && t / 50 <= 100)
            {
                client.Handle(1, Ack((ulong)(t / 50) - 1, 1), Ms(t));
            }

            client.Tick(Ms(t));
        }

        Assert.Empty(Requested(client.Drain()));
        Assert.Equal(0, client.Resent);
        Assert.Equal(100, client.Decided);
        Assert.Equal(0, client.Received);
    }

    [Fact]
    public void An_unanswered_newest_request_is_probed_with_one_value_and_the_probes_answer_resends_the_rest()
    {
        // A round trip of 5 ms measured, then a request of three values with no answer (lost, with nothing sent
        // after it to show it): after twice the round trip one of its values goes again alone.
        var client = ClientThatSent(ProtocolSettings.Processes, "a");
        client.Handle(1, Ack(0, 1), Ms(5));
        Assert.Equal(Ms(5), client.SmoothedRoundTrip);
        foreach (string value in new[] { "b", "c", "d" })
        {
            client.Submit(Value(value));
        }

        client.Flush(Ms(10));
        Assert.Equal(3, Requested(client.Drain()).Count);

        client.Tick(Ms(19));
        Assert.Empty(client.Drain());
        client.Tick(Ms(20));
        Assert.Equal([(3UL, "d")], Requested(client.Drain()));
        Assert.Equal(1, client.TailProbes);

        // Unanswered, the next probe waits twice as long.
        client.Tick(Ms(39));
        Assert.Empty(client.Drain());
        client.Tick(Ms(40));
        Assert.Equal([(3UL, "d")], Requested(client.Drain()));

        // The probe's receipt shows the request before it read, and b and c missing: they go at the next tick,
        // long before the first-resend timer (50 ms after they were sent).
        client.Handle(1, Receipt(3, 1), Ms(42));
        client.Tick(Ms(43));
        Assert.Equal([(1UL, "b"), (2UL, "c")], Requested(client.Drain()));
        Assert.Equal(2, client.TailProbes);
    }

    [Fact]
    public void A_quick_round_trip_probes_no_sooner_than_the_floor()
    {
        // Answers in 0.3 ms at low load: twice that would probe at every bit of jitter; the floor (5 ms) holds it.
        var client = ClientThatSent(ProtocolSettings.Processes, "a");
        client.Handle(1, Ack(0, 1), TimeSpan.FromMicroseconds(300));
        client.Submit(Value("b"));
        client.Flush(Ms(10));
        client.Drain();
        client.Tick(Ms(14));
        Assert.Empty(client.Drain());
        client.Tick(Ms(15));
        Assert.Equal([(1UL, "b")], Requested(client.Drain()));

        // Without the setting (the default), no probes at all.
        var plain = ClientThatSent(null, "a");
        plain.Handle(1, Ack(0, 1), TimeSpan.FromMicroseconds(300));
        plain.Submit(Value("b"));
        plain.Flush(Ms(10));
        plain.Drain();
        plain.Tick(Ms(200));
        Assert.Empty(plain.Drain());
    }

    [Fact]
    public void A_newest_request_answered_in_time_is_not_probed()
    {
        var client = ClientThatSent(ProtocolSettings.Processes, "a");
        client.Handle(1, Ack(0, 1), Ms(5));
        client.Submit(Value("b"));
        client.Flush(Ms(10));
        client.Drain();
        client.Handle(1, Receipt(1, 1), Ms(14));
        for (int t = 15; t < 100; t++)
        {
            client.Tick(Ms(t));
        }

        Assert.Empty(client.Drain());
        Assert.Equal((0, 0), (client.TailProbes, client.Resent));
    }

    [Fact]
    public void Client_resends_a_received_value_once_the_proposers_fall_silent()
    {
        // The leader crashed (or stepped down and forgot its queue) after confirming receipt.
        var client = ClientThatSent(null, "a");
        client.Handle(1, Receipt(0, 1), Ms(1));

        client.Tick(Ms(300));
        Assert.Empty(client.Drain());

        client.Tick(Ms(301));
        Assert.Equal([(0UL, "a")], Requested(client.Drain()));
        Assert.Equal((1, 1, 0, 0), (client.Resent, client.ResentAfterSilence, client.ResentOvertaken, client.ResentUnconfirmed));
    }

    [Fact]
    public void Client_waits_for_a_leader_busy_with_other_clients_but_not_for_ever()
    {
        var client = ClientThatSent(null, "a");
        client.Handle(1, Receipt(0, 1), Ms(1));

        // Acknowledgements of another client every 100 ms: the leader is alive, only busy.
        for (int t = 100; t <= 2_000; t += 100)
        {
            client.Handle(1, Ack(0, 1, clientId: ClientId + 1), Ms(t));
            client.Tick(Ms(t));
        }

        Assert.Empty(client.Drain());

        // ... but this client's value may have gone with an old leader: resent at ClientRetryMax after its receipt.
        client.Handle(1, Ack(0, 1, clientId: ClientId + 1), Ms(2_001));
        client.Tick(Ms(2_001));
        Assert.Equal([(0UL, "a")], Requested(client.Drain()));
    }

    [Fact]
    public void Client_resends_a_received_value_while_its_own_later_values_keep_being_decided()
    {
        var client = ClientThatSent(null, "a", "b");

        // 0's request was lost while 1 was received and decided: 0 is resent as unconfirmed ...
        client.Handle(1, Receipt(1, 1), Ms(1));
        client.Handle(1, Ack(1, 1), Ms(2));
        var resent = new List<(ulong, string)>();
        for (int t = 3; t <= 500 && resent.Count == 0; t++)
        {
            client.Tick(Ms(t));
            resent.AddRange(Requested(client.Drain()));
        }

        Assert.Equal([(0UL, "a")], resent);

        // ... and received; then its leader steps down and drops it, while the new leader keeps deciding this
        // client's later values. News of the later values must not hold 0 for ever.
        client.Handle(1, Receipt(0, 1), Ms(501));
        var resentAgain = new List<(ulong, string)>();
        ulong next = 2;
        for (int t = 600; t <= 6_000; t += 100)
        {
            client.Submit(Value($"v{next}"));
            client.Flush(Ms(t));
            resentAgain.AddRange(Requested(client.Drain()).Where(request => request.Item1 == 0));
            client.Handle(2, Receipt(next, 1), Ms(t + 1));
            client.Handle(2, Ack(next, 1), Ms(t + 2));
            next++;
            client.Tick(Ms(t + 3));
            resentAgain.AddRange(Requested(client.Drain()).Where(request => request.Item1 == 0));
        }

        Assert.Contains((0UL, "a"), resentAgain);
    }

    [Fact]
    public void Client_resends_a_received_value_soon_when_a_later_one_is_decided_first()
    {
        // 0's acknowledgement was lost while 1's arrived: resend 0 after a round-trip timeout and two Accept
        // retries (its instance may wait for one), not after ClientRetry.
        var settings = Settings with { ClientRetryMin = Ms(20), AcceptRetry = Ms(10) };
        var client = ClientThatSent(settings, "a", "b");
        client.Handle(1, Receipt(0, 2), Ms(1));
        client.Handle(1, Ack(1, 1), Ms(2));

        client.Tick(Ms(41));
        Assert.Empty(client.Drain());
        client.Tick(Ms(42));

        Assert.Equal([(0UL, "a")], Requested(client.Drain()));
        Assert.Equal((1, 0, 1, 0), (client.Resent, client.ResentAfterSilence, client.ResentOvertaken, client.ResentUnconfirmed));
    }

    [Fact]
    public void Client_waits_for_a_busy_leader_that_still_confirms_older_requests()
    {
        // Receipts lag (the leader's CPU is busy) but come in order: 1's request is still in the leader's
        // socket queue when its timeout passes, while 0's receipt arrives. No resend: nothing sent after 1
        // was confirmed, so nothing says it was lost.
        var client = NewClient();
        client.Submit(Value("a"));
        client.Flush(TimeSpan.Zero);
        client.Submit(Value("b"));
        client.Flush(Ms(1));
        client.Drain();

        client.Handle(1, Receipt(0, 1), Ms(290));
        client.Tick(Ms(310));
        client.Handle(1, Receipt(1, 1), Ms(400));
        client.Tick(Ms(650));

        Assert.Empty(client.Drain());
        Assert.Equal(0, client.Resent);
    }

    [Fact]
    public void Client_resends_an_unconfirmed_request_once_a_later_one_is_confirmed()
    {
        // 0's request was lost: 1, sent after it, is confirmed, so 0 goes again at its timeout.
        var client = NewClient();
        client.Submit(Value("a"));
        client.Flush(TimeSpan.Zero);
        client.Submit(Value("b"));
        client.Flush(Ms(1));
        client.Drain();

        client.Handle(1, Receipt(1, 1), Ms(2));
        client.Tick(Ms(300));

        Assert.Equal([(0UL, "a")], Requested(client.Drain()));
        Assert.Equal(1, client.ResentUnconfirmed);
    }

    [Fact]
    public void Round_trip_estimate_comes_from_receipts_not_from_the_wait_in_the_leaders_queue()
    {
        var settings = Settings with { ClientRetryMin = Ms(1) };
        var client = NewClient(settings);
        for (int i = 0; i < 20; i++)
        {
            client.Submit(Value($"v{i}"));
            client.Flush(Ms(i * 10));
            client.Handle(1, Receipt((ulong)i, 1), Ms((i * 10) + 2));
            client.Handle(1, Ack((ulong)i, 1), Ms((i * 10) + 9));
        }

        // Receipts after 2 ms: the timeout is ~2 ms plus deviations, not the 9 ms to the decision.
        Assert.InRange(client.FirstRetry, Ms(1), Ms(4));
    }

    [Fact]
    public void Client_keeps_at_most_the_unconfirmed_budget_on_its_way_to_the_leader()
    {
        // Bytes sent that no receipt confirmed yet sit in the leader's socket buffer (or were lost): more than
        // it holds are dropped by the kernel and must be resent. 10 values of 4 bytes, a budget of 10 bytes.
        var client = NewClient(Settings with { ClientUnconfirmedBytes = 10 });
        for (int i = 0; i < 10; i++)
        {
            client.Submit(Value($"v{i:D3}"));
        }

        client.Flush(TimeSpan.Zero);
        Assert.Equal([0UL, 1UL], Requested(client.Drain()).Select(r => r.Sequence));

        client.Handle(1, Receipt(0, 1), Ms(1));
        client.Flush(Ms(1));
        Assert.Equal([2UL], Requested(client.Drain()).Select(r => r.Sequence));

        client.Handle(1, Ack(0, 3), Ms(2));
        client.Flush(Ms(2));
        Assert.Equal([3UL, 4UL], Requested(client.Drain()).Select(r => r.Sequence));
    }

    [Fact]
    public void Unconfirmed_budget_admits_one_value_even_when_it_exceeds_the_budget()
    {
        var client = NewClient(Settings with { ClientUnconfirmedBytes = 1 });
        client.Submit(Value("long value"));
        client.Submit(Value("next"));

        client.Flush(TimeSpan.Zero);

        Assert.Equal([0UL], Requested(client.Drain()).Select(r => r.Sequence));
    }

    [Fact]
    public void Window_limits_unacknowledged_submissions()
    {
        var client = NewClient(Settings with { ClientWindow = 2 });
        Assert.True(client.HasRoom);
        client.Submit(Value("a"));
        Assert.True(client.HasRoom);
        client.Submit(Value("b"));
        Assert.False(client.HasRoom);

        client.Handle(1, Ack(0, 1), Ms(1));

        Assert.True(client.HasRoom);
    }

    [Fact]
    public void Slow_start_grows_the_window_by_one_value_per_value_acknowledged_up_to_the_full_window()
    {
        var client = NewClient(Settings with { ClientWindow = 8, ClientInitialWindow = 2 });
        client.Submit(Value("a"));
        client.Submit(Value("b"));
        Assert.False(client.HasRoom);

        // Two acknowledged: two places freed and two more gained (a window that doubles per round trip).
        client.Handle(1, Ack(0, 2), Ms(1));
        Assert.Equal(4, client.Window);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(client.HasRoom);
            client.Submit(Value("c"));
        }

        Assert.False(client.HasRoom);
        client.Handle(1, Ack(2, 4), Ms(2));
        Assert.Equal(8, client.Window); // capped at ClientWindow
        client.Handle(1, Ack(0, 6), Ms(3));   // a repeated acknowledgement gains nothing
        Assert.Equal(8, client.Window);
    }

    [Fact]
    public void While_the_window_grows_a_request_carries_a_quarter_of_it_so_a_lost_one_is_followed_by_others()
    {
        var client = NewClient(Settings with { ClientWindow = 64, ClientInitialWindow = 8 });
        for (int i = 0; i < 8; i++)
        {
            client.Submit(Value("v"));
        }

        client.Flush(TimeSpan.Zero);
        Assert.Equal([2, 2, 2, 2], client.Drain().Select(m => ((ClientRequest)m.Message).Batch.ValueCount));

        // At the full window requests are as large as a batch allows.
        var full = NewClient(Settings with { ClientWindow = 8, ClientInitialWindow = 8 });
        for (int i = 0; i < 8; i++)
        {
            full.Submit(Value("v"));
        }

        full.Flush(TimeSpan.Zero);
        Assert.Equal([8], full.Drain().Select(m => ((ClientRequest)m.Message).Batch.ValueCount));
    }

    [Fact]
    public void Slow_start_scales_the_byte_window_with_the_value_window()
    {
        // An eighth of the values' window at first: an eighth of the byte window too, whatever the value size.
        var client = NewClient(Settings with { ClientWindow = 16_384, ClientInitialWindow = 2_048 });
        byte[] value = new byte[60_000];
        while (client.HasRoom)
        {
            client.Submit(value);
        }

        long eighth = Settings.ClientWindowBytes / 8;
        Assert.InRange(client.PendingBytes, eighth, eighth + value.Length);
    }

    [Fact]
    public void Window_bounds_the_pending_bytes_whatever_the_value_size()
    {
        // 60,000-byte values: a window of 16,384 values alone would let ~1 GB pile up unacknowledged.
        var client = NewClient();
        byte[] value = new byte[60_000];
        int submitted = 0;
        for (; submitted < 20_000 && client.HasRoom; submitted++)
        {
            client.Submit(value);
        }

        // The last value admitted may overshoot the byte window by at most its own size.
        Assert.True(client.PendingBytes <= Settings.ClientWindowBytes + value.Length, $"{client.PendingBytes} bytes pending");
        Assert.True(client.PendingBytes >= Settings.ClientWindowBytes, $"{client.PendingBytes} bytes pending");

        client.Handle(1, Ack(0, 1), Ms(1));

        Assert.True(client.HasRoom);
        Assert.Equal((submitted - 1) * (long)value.Length, client.PendingBytes);
    }

    [Fact]
    public void Byte_window_admits_one_value_even_when_it_exceeds_the_window()
    {
        var client = NewClient(Settings with { ClientWindowBytes = 10 });
        Assert.True(client.HasRoom);
        client.Submit(new byte[100]);
        Assert.False(client.HasRoom);
    }

    [Fact]
    public void Value_longer_than_the_wire_limit_is_refused()
    {
        var client = NewClient();

        Assert.Throws<ArgumentException>(() => client.Submit(new byte[WireLimits.MaxValueBytes + 1]));
        Assert.Equal(0UL, client.Submit(new byte[WireLimits.MaxValueBytes]));
    }

    [Fact]
    public void Client_ignores_messages_other_than_acknowledgements()
    {
        var client = ClientThatSent(null, "a");

        client.Handle(1, new Decision(0, 1, BatchOf((ClientId, Session, 0, "a"))), Ms(1));

        Assert.Equal(1, client.Outstanding);
    }

    [Fact]
    public void Ack_ranges_spanning_every_sequence_ever_sent_cost_no_more_than_the_pending_window()
    {
        var client = NewClient(Settings with { ClientWindow = 300_000 });
        for (int i = 0; i < 200_000; i++)
        {
            client.Submit(Value("v"));
        }

        client.Handle(1, Ack(0, 200_000), Ms(1));
        ulong last = client.Submit(Value("still pending"));

        // 2,700 ranges (a full ack datagram), each reaching over all 200,000 acknowledged sequences.
        var bogus = new ClientAck([.. Enumerable.Repeat(new SubmissionRange(ClientId, Session, 0, 200_000), 2_700)]);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        client.Handle(1, bogus, Ms(2));
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(250), $"one ack took {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(1, client.Outstanding);
        client.Handle(1, Ack(last, uint.MaxValue), Ms(3));
        Assert.Equal(0, client.Outstanding);
    }
}
