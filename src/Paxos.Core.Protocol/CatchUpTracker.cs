namespace Paxos.Core.Protocol;

/// <summary>
/// Decides when a process that follows the decided sequence (a learner, or a proposer that is not
/// leading) must ask for decisions it missed: a gap that outlives the normal reordering of pipelined
/// decisions, a catch-up answer that left it still behind, or a silence long enough that the last
/// decisions (or all of them, for a late starter) may have been lost.
/// </summary>
public sealed class CatchUpTracker
{
    /// <summary>Quiet time after which a catch-up answer is taken as finished.</summary>
    private static readonly TimeSpan AnswerQuiet = TimeSpan.FromMilliseconds(10);

    /// <summary>Requests in a row that filled nothing, after which the claim that more is decided is dropped.</summary>
    private const int MaxFruitlessRequests = 3;

    private readonly ProtocolSettings _settings;
    private TimeSpan? _gapSince;
    private TimeSpan? _lastReceived;
    private TimeSpan? _lastRequest;
    private long _endAtLastRequest = -1;
    private int _fruitlessRequests;

    /// <summary>Creates a tracker that knows of no decisions yet.</summary>
    public CatchUpTracker(ProtocolSettings settings) => _settings = settings;

    /// <summary>One past the highest instance some proposer says is decided.</summary>
    public long KnownEnd { get; private set; }

    /// <summary>Catch-up requests this tracker asked for.</summary>
    public long RequestsSent { get; private set; }

    /// <summary>Notes a decision (its instance and the sender's decided prefix).</summary>
    public void OnDecision(long instance, long senderDecidedPrefix, TimeSpan now)
    {
        KnownEnd = Math.Max(KnownEnd, Math.Max(instance + 1, senderDecidedPrefix));
        _lastReceived = now;
    }

    /// <summary>Notes that some proposer has decided everything below <paramref name="decidedPrefix"/>.</summary>
    public void OnDecidedPrefix(long decidedPrefix) => KnownEnd = Math.Max(KnownEnd, decidedPrefix);

    /// <summary>
    /// Returns true, with the instance to ask from, when a catch-up request should go out now.
    /// <paramref name="contiguousEnd"/> is the caller's first instance not yet known.
    /// </summary>
    public bool ShouldRequest(long contiguousEnd, TimeSpan now, out long fromInstance)
    {
        fromInstance = contiguousEnd;
        bool request;
        if (contiguousEnd < KnownEnd)
        {
            _gapSince ??= now;
            bool gapIsOld = now - _gapSince.Value >= _settings.CatchUpRetry;
            bool retryDue = _lastRequest is not { } last || now - last >= _settings.CatchUpRetry;

            // A catch-up answer is bounded; once it has been applied and the stream went quiet, ask
            // for the next part at once instead of waiting for the retry interval.
            bool answerConsumed = _endAtLastRequest >= 0 && contiguousEnd > _endAtLastRequest
                && _lastReceived is { } received && now - received >= AnswerQuiet;
            request = (gapIsOld && retryDue) || answerConsumed;
            if (request && _endAtLastRequest >= 0 && contiguousEnd <= _endAtLastRequest && ++_fruitlessRequests >= MaxFruitlessRequests)
            {
                // Requests keep bringing nothing: whoever claimed decisions up to KnownEnd cannot serve them
                // (a stale leader), or they do not exist (a forged Decision or heartbeat claiming instance
                // 4,000,000,000). Forget the claim rather than ask every CatchUpRetry forever: idle probes
                // keep asking at their slower pace, and any real decision raises KnownEnd again.
                KnownEnd = contiguousEnd;
                _gapSince = null;
                _fruitlessRequests = 0;
            }
            else if (contiguousEnd > _endAtLastRequest)
            {
                _fruitlessRequests = 0;
            }
        }
        else
        {
            _gapSince = null;
            _endAtLastRequest = -1;
            _fruitlessRequests = 0;
            bool quiet = _lastReceived is not { } received || now - received >= _settings.IdleProbe;
            bool probeDue = _lastRequest is not { } last || now - last >= _settings.IdleProbe;
            request = quiet && probeDue;
        }

        if (request)
        {
            _lastRequest = now;
            _endAtLastRequest = contiguousEnd;
            RequestsSent++;
        }

        return request;
    }
}
