using Paxos.Core.Configuration;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Clients;
using Paxos.Core.Protocol.Messages;

namespace Paxos.Core.Hosting;

/// <summary>
/// Runs a client: feeds input values into the client state machine as its window allows and stops once
/// the input is exhausted and every value is acknowledged as decided. Exits 1 if any line was too long.
/// With <see cref="ProcessOptions.ClientRate"/> (<c>PAXOS_CLIENT_RATE</c>, values per second) it submits open-loop at that rate instead of as fast
/// as the window allows. When a stats report is wanted (<see cref="RoleStats"/>) it also measures each
/// value's latency from its send to its acknowledgement. With a <see cref="ClientSessionFile"/> (data_dir) it
/// resumes a session: the input's acknowledged prefix is skipped, the rest goes out under the same session and
/// sequence numbers, and the acknowledged prefix is saved as it grows (at most every <see cref="SaveInterval"/>).
/// </summary>
public sealed class ClientHost : RoleHost
{
    private readonly Client _client;
    private readonly InputLineReader _input;
    private readonly SubmissionPacer? _pacer;
    private readonly AckLatencyTracker? _latency;
    private readonly ClientSessionFile? _sessionFile;
    private readonly ulong _firstSequence;
    private ulong _toSkip;
    private TimeSpan _lastSave;

    /// <summary>
    /// How often at most the acknowledged prefix is saved (one fsync each): a crash loses at most this much of
    /// it, which costs only resends that proposers and learners drop.
    /// </summary>
    public static readonly TimeSpan SaveInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Creates the host reading values from <paramref name="input"/>.</summary>
    /// <remarks>
    /// With <paramref name="sessionFile"/>, <paramref name="client"/> must have been created with its session and
    /// with <see cref="ClientSessionFile.Acknowledged"/> as its first sequence; that many values of the input are skipped.
    /// </remarks>
    public ClientHost(Client client, RoleContext context, Stream input, ClientSessionFile? sessionFile = null)
        : base(client, context, RoleGroup.Clients)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _sessionFile = sessionFile;
        _firstSequence = client.Submitted;
        if (sessionFile is not null)
        {
            if (sessionFile.Session != client.Session || sessionFile.Acknowledged != client.Submitted)
            {
                throw new ArgumentException("the client must continue the stored session after its acknowledged prefix", nameof(client));
            }

            _toSkip = sessionFile.Acknowledged;
            if (sessionFile.Resumed)
            {
                context.Log.Information("Resuming session {Session:x16} from {Folder}: skipping the {Acknowledged} values of the input already acknowledged",
                    sessionFile.Session, sessionFile.Folder, sessionFile.Acknowledged);
            }
        }

        _input = new InputLineReader(input, context.Log);
        if (context.Process.ClientRate is { } perSecond)
        {
            _pacer = new SubmissionPacer(perSecond);
        }

        if (context.Process.StatsDirectory is not null)
        {
            _latency = new AckLatencyTracker(client.ClientId, client.Session);
        }
    }

    /// <inheritdoc />
    protected override bool Finished => _input.IsCompleted && _client.Outstanding == 0;

    /// <summary>Values submitted by this process (a resumed session's numbering starts after its skipped prefix).</summary>
    private long SubmittedHere => (long)(_client.Submitted - _firstSequence);

    /// <inheritdoc />
    protected override int ExitCode => _input.RejectedLines > 0 ? 1 : 0;

    /// <inheritdoc />
    protected override void BeforeWait(TimeSpan now)
    {
        // A resumed session's acknowledged prefix was decided before the crash: read past it, send none of it.
        while (_toSkip > 0 && _input.TryTake(out _))
        {
            _toSkip--;
        }

        SaveProgress(now, force: false);
        if (_toSkip > 0)
        {
            return;
        }

        long allowed = long.MaxValue;
        if (_pacer is not null)
        {
            if (!_pacer.Started && _input.HasValueReady)
            {
                _pacer.Start(now);
            }

            allowed = _pacer.DueBy(now) - SubmittedHere;
        }

        for (; allowed > 0 && _client.HasRoom && _input.TryTake(out byte[] value); allowed--)
        {
            ulong sequence = _client.Submit(value);
            _latency?.OnSent(sequence, now);
        }

        _client.Flush(now);
    }

    /// <inheritdoc />
    protected override TimeSpan NextWake(TimeSpan now)
    {
        TimeSpan wake = _pacer is not null && _client.HasRoom ? _pacer.DueAt(SubmittedHere) : TimeSpan.MaxValue;
        if (_sessionFile is not null && _client.AcknowledgedEnd > _sessionFile.Requested && _lastSave + SaveInterval < wake)
        {
            wake = _lastSave + SaveInterval; // an acknowledged prefix not saved yet
        }

        return wake;
    }

    /// <summary>
    /// Saves the acknowledged prefix when it grew, at most every <see cref="SaveInterval"/>, on a pool thread (the
    /// loop never waits for the disk); when <paramref name="force"/>d (at the stop), at once and waiting for it.
    /// </summary>
    private void SaveProgress(TimeSpan now, bool force)
    {
        if (_sessionFile is null)
        {
            return;
        }

        if (force)
        {
            _sessionFile.Save(_client.AcknowledgedEnd);
            return;
        }

        if (_client.AcknowledgedEnd > _sessionFile.Requested && now - _lastSave >= SaveInterval)
        {
            _sessionFile.SaveInBackground(_client.AcknowledgedEnd);
            _lastSave = now;
        }
    }

    /// <inheritdoc />
    protected override void BeforeHandle(Message message, TimeSpan now)
    {
        if (_latency is not null && message is ClientAck ack)
        {
            _latency.OnAcknowledged(ack.Ranges, now);
        }
    }

    /// <inheritdoc />
    protected override void Describe(RoleStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        stats.Add("values", SubmittedHere);
        stats.Add("decided", _client.Decided);
        stats.Add("retransmissions", _client.Resent);
        stats.Add("resentUnconfirmed", _client.ResentUnconfirmed);
        stats.Add("resentOvertaken", _client.ResentOvertaken);
        stats.Add("resentAfterSilence", _client.ResentAfterSilence);
        stats.Add("skippedRequests", _client.SkippedRequests);
        stats.Add("roundTripUs", (long)(_client.SmoothedRoundTrip ?? TimeSpan.Zero).TotalMicroseconds);
        stats.Add("firstRetryUs", (long)_client.FirstRetry.TotalMicroseconds);
        if (_latency is { } latency)
        {
            // Wall-clock times of the first send and the last acknowledgement, from the loop clock.
            stats.Add("firstSentUs", latency.FirstSent is { } first ? WallClockOf(first) : 0);
            if (latency.LastAcknowledged is { } last)
            {
                stats.Add("lastAckUs", WallClockOf(last));
            }

            LatencyHistogram histogram = latency.Histogram;
            stats.Add("latencyCount", histogram.Count);
            stats.Add("latencyUnmeasured", latency.Unmeasured);
            stats.Add("latencyP50Us", histogram.Percentile(0.50));
            stats.Add("latencyP99Us", histogram.Percentile(0.99));
            stats.Add("latencyP999Us", histogram.Percentile(0.999));
            stats.Add("latencyMaxUs", histogram.Max);
        }
    }

    /// <summary>The Unix time in microseconds of a reading of the loop clock.</summary>
    private long WallClockOf(TimeSpan loopTime) => RoleStats.UnixMicroseconds() - (long)(Now - loopTime).TotalMicroseconds;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    protected override void OnStopping()
    {
        SaveProgress(Now, force: true);
        Log.Information("{Decided} of {Submitted} values decided ({Resent} resends, {Rejected} lines rejected)",
            _client.Decided, SubmittedHere, _client.Resent, _input.RejectedLines);
        if (_latency is { Histogram.Count: > 0 } latency)
        {
            LatencyHistogram histogram = latency.Histogram;
            Log.Information("latency from send to decision: p50 {P50} µs, p99 {P99} µs, p99.9 {P999} µs, max {Max} µs over {Count} values",
                histogram.Percentile(0.50), histogram.Percentile(0.99), histogram.Percentile(0.999), histogram.Max, histogram.Count);
        }
    }
}
