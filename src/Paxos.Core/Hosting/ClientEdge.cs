using Paxos.Core.Node;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Clients;
using Paxos.Core.Protocol.Messages;
using Serilog;

namespace Paxos.Core.Hosting;

/// <summary>
/// A client process's edge of the node loop. As its input: the lines of standard input, after a resumed
/// session's acknowledged prefix, paced at <see cref="Configuration.ProcessOptions.ClientRate"/>
/// (<c>PAXOS_CLIENT_RATE</c>, values per second, open-loop) when set. As its observer: each value's latency
/// from its send to its acknowledgement (when a stats report is wanted), and, with a
/// <see cref="ClientSessionFile"/> (data_dir), the acknowledged prefix saved as it grows (at most every
/// <see cref="SaveInterval"/>), so that a restart on the same input resumes the session.
/// </summary>
public sealed class ClientEdge : IInputSource, INodeObserver, IWakeSource, IDisposable
{
    private readonly Client _client;
    private readonly InputLineReader _input;
    private readonly IClock _clock;
    private readonly SubmissionPacer? _pacer;
    private readonly AckLatencyTracker? _latency;
    private readonly ClientSessionFile? _sessionFile;
    private ulong _toSkip;
    private long _taken;
    private TimeSpan _lastSave;

    /// <summary>
    /// How often at most the acknowledged prefix is saved (one fsync each): a crash loses at most this much of
    /// it, which costs only resends that proposers and learners drop.
    /// </summary>
    public static readonly TimeSpan SaveInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Creates the edge reading values from <paramref name="input"/>.</summary>
    /// <remarks>
    /// With <paramref name="sessionFile"/>, <paramref name="client"/> must have been created with its session and
    /// with <see cref="ClientSessionFile.Acknowledged"/> as its first sequence; that many values of the input are skipped.
    /// </remarks>
    public ClientEdge(Client client, Stream input, IClock clock, double? rate, bool measureLatency, ILogger log, ClientSessionFile? sessionFile = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(log);
        _client = client;
        _clock = clock;
        _sessionFile = sessionFile;
        if (sessionFile is not null)
        {
            if (sessionFile.Session != client.Session || sessionFile.Acknowledged != client.Submitted)
            {
                throw new ArgumentException("the client must continue the stored session after its acknowledged prefix", nameof(client));
            }

            _toSkip = sessionFile.Acknowledged;
            if (sessionFile.Resumed)
            {
                log.Information("Resuming session {Session:x16} from {Folder}: skipping the {Acknowledged} values of the input already acknowledged",
                    sessionFile.Session, sessionFile.Folder, sessionFile.Acknowledged);
            }
        }

        // Line k of the input is sequence k (see OnTurnEnded): a fresh session starts at 0.
        if (client.Submitted != _toSkip)
        {
            throw new ArgumentException("the client's first sequence must be the number of the first line it is given", nameof(client));
        }

        _input = new InputLineReader(input, log);
        if (rate is { } perSecond)
        {
            _pacer = new SubmissionPacer(perSecond);
        }

        if (measureLatency)
        {
            _latency = new AckLatencyTracker(client.ClientId, client.Session, firstSequence: client.Submitted);
        }
    }

    /// <summary>Values submitted by this process (a resumed session's numbering starts after its skipped prefix).</summary>
    public long SubmittedHere => _taken;

    /// <summary>Input lines rejected (too long): the process then exits 1.</summary>
    public long RejectedLines => _input.RejectedLines;

    /// <inheritdoc />
    public bool Completed => _input.IsCompleted;

    /// <inheritdoc />
    public bool TryTake(TimeSpan now, out ReadOnlyMemory<byte> value)
    {
        value = default;

        // A resumed session's acknowledged prefix was decided before the crash: read past it, send none of it.
        while (_toSkip > 0 && _input.TryTake(out _))
        {
            _toSkip--;
        }

        if (_toSkip > 0)
        {
            return false;
        }

        if (_pacer is not null)
        {
            if (!_pacer.Started && _input.HasValueReady)
            {
                _pacer.Start(now);
            }

            if (_taken >= _pacer.DueBy(now))
            {
                return false;
            }
        }

        if (!_input.TryTake(out value))
        {
            return false;
        }

        _taken++;
        return true;
    }

    /// <inheritdoc />
    public void OnProposed(ProposedValue value, TimeSpan now) => _latency?.OnSent(value.Sequence, now);

    /// <inheritdoc />
    public void OnResent(ulong sequence, TimeSpan now) => _latency?.OnResent(sequence);

    /// <inheritdoc />
    public void OnHandled(int senderId, Message message, TimeSpan now)
    {
        if (_latency is not null && message is ClientAck ack)
        {
            _latency.OnAcknowledged(ack.Ranges, now);
        }
    }

    /// <inheritdoc />
    public void OnSending(RoleGroup destination, Message message, TimeSpan now)
    {
    }

    /// <inheritdoc />
    public void OnReleasing(TimeSpan now)
    {
    }

    /// <inheritdoc />
    public TimeSpan NextWake(TimeSpan now)
    {
        // The client takes input one request datagram per turn: while it has room and lines wait (unpaced), or a
        // batch is partly filled, the next turn comes at once.
        TimeSpan wake = _client.HoldsUnsentBatch ? now
            : !_client.HasRoom ? TimeSpan.MaxValue
            : _pacer is not null ? _pacer.DueAt(_taken)
            : _input.HasValueReady ? now
            : TimeSpan.MaxValue;
        if (_sessionFile is not null && _client.AcknowledgedEnd > _sessionFile.Requested && _lastSave + SaveInterval < wake)
        {
            wake = _lastSave + SaveInterval; // an acknowledged prefix not saved yet
        }

        return wake;
    }

    /// <inheritdoc />
    public void OnTurnEnded(TimeSpan now)
    {
        // The values of the acknowledged prefix are no longer the client's: their bytes may be reused. The
        // reader's lines count from the first of the input, a resumed session's skipped prefix included, as
        // the client's sequence numbers do.
        _input.Release((long)_client.AcknowledgedEnd);
        SaveProgress(now, force: false);
    }

    /// <summary>
    /// Saves the acknowledged prefix when it grew, at most every <see cref="SaveInterval"/>, on a pool thread (the
    /// loop never waits for the disk); when <paramref name="force"/>d (at the stop), at once and waiting for it.
    /// </summary>
    public void SaveProgress(TimeSpan now, bool force)
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

    /// <summary>Adds the client's measures to the stop report.</summary>
    public void Describe(RoleStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        stats.Add("values", SubmittedHere);
        stats.Add("decided", _client.Decided);
        stats.Add("retransmissions", _client.Resent);
        stats.Add("resentUnconfirmed", _client.ResentUnconfirmed);
        stats.Add("resentOvertaken", _client.ResentOvertaken);
        stats.Add("resentAfterSilence", _client.ResentAfterSilence);
        stats.Add("skippedRequests", _client.SkippedRequests);
        stats.Add("tailProbes", _client.TailProbes);
        stats.Add("roundTripUs", (long)(_client.SmoothedRoundTrip ?? TimeSpan.Zero).TotalMicroseconds);
        stats.Add("firstRetryUs", (long)_client.FirstRetry.TotalMicroseconds);
        stats.Add("window", _client.Window);
        if (_latency is { } latency)
        {
            // Wall-clock times of the first send and the last acknowledgement, from the loop clock.
            stats.Add("firstSentUs", latency.FirstSent is { } first ? WallClockOf(first) : 0);
            if (latency.LastAcknowledged is { } last)
            {
                stats.Add("lastAckUs", WallClockOf(last));
            }

            DescribeLatency(stats, "latency", latency.Histogram);
            stats.Add("latencyUnmeasured", latency.Unmeasured);
            stats.Add("latencyP999Us", latency.Histogram.Percentile(0.999));
            DescribeLatency(stats, "latencyResent", latency.Resent);
            DescribeLatency(stats, "latencyStartUp", latency.StartUp);
            DescribeLatency(stats, "latencySteady", latency.Steady);
        }
    }

    /// <summary>Adds <paramref name="histogram"/>'s count, p50, p99 and max under <paramref name="prefix"/>.</summary>
    private static void DescribeLatency(RoleStats stats, string prefix, LatencyHistogram histogram)
    {
        stats.Add(prefix + "Count", histogram.Count);
        stats.Add(prefix + "P50Us", histogram.Percentile(0.50));
        stats.Add(prefix + "P99Us", histogram.Percentile(0.99));
        stats.Add(prefix + "MaxUs", histogram.Max);
    }

    /// <summary>Saves the session's progress and logs the client's summary, once the loop ended.</summary>
    public void OnStopping(ILogger log)
    {
        ArgumentNullException.ThrowIfNull(log);
        SaveProgress(_clock.Now, force: true);
        log.Information("{Decided} of {Submitted} values decided ({Resent} resends, {Rejected} lines rejected)",
            _client.Decided, SubmittedHere, _client.Resent, _input.RejectedLines);
        if (_latency is { Histogram.Count: > 0 } latency)
        {
            LatencyHistogram histogram = latency.Histogram;
            log.Information("latency from send to decision: p50 {P50} µs, p99 {P99} µs, p99.9 {P999} µs, max {Max} µs over {Count} values",
                histogram.Percentile(0.50), histogram.Percentile(0.99), histogram.Percentile(0.999), histogram.Max, histogram.Count);
        }
    }

    /// <summary>The Unix time in microseconds of a reading of the loop clock.</summary>
    private long WallClockOf(TimeSpan loopTime) => RoleStats.UnixMicroseconds() - (long)(_clock.Now - loopTime).TotalMicroseconds;

    /// <inheritdoc />
    public void Dispose() => _input.Dispose();
}
