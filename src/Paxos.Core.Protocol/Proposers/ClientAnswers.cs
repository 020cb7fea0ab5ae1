using Paxos.Core.Protocol.Messages;

namespace Paxos.Core.Protocol.Proposers;

/// <summary>
/// The leader's answers of one kind to the clients (acknowledgements or receipts). Ranges gathered while one
/// message is handled go out as frames, each repeating the ranges of the last few frames of this kind sent
/// before it (<c>framesRepeated</c>), and the last frames are repeated on their own when nothing follows them
/// for a while. A client cannot tell a lost receipt from a lost request, nor a lost acknowledgement from a value still
/// being decided, and resends either way: at 10% loss about one value in five was resent though the leader held
/// or had decided it. Repeated in the next frame only, an acknowledgement was lost for good once in a hundred
/// frames (two losses in a row), and its instance's 5,000 values waited some 200 ms before the client resent
/// them: that was the p99 at 10% loss. Acknowledgements therefore repeat three frames. Receipts repeat one: a
/// client looks up every value of a receipt's ranges (they are still pending), so three repeated receipts cost
/// 15% of the throughput at small values, while a receipt lost twice costs only a resend. The repeats after a
/// quiet spell cover the last frames, which no next one follows: with clients whose windows are full of values
/// decided but not acknowledged, nobody sends again, and the values waited out the clients' 300 ms silence
/// timer. Acknowledging or confirming a value twice changes nothing at the client.
/// </summary>
internal sealed class ClientAnswers(Func<List<SubmissionRange>, Message> frame, int framesRepeated)
{
    /// <summary>A ClientAck or ClientReceipt holds at most 2,700 ranges of 24 bytes within one datagram.</summary>
    public const int MaxRangesPerFrame = 2_700;

    /// <summary>How long after the last frame, with nothing sent since, the recent frames are repeated (each entry once).</summary>
    public static readonly TimeSpan[] TailRepeatsAfter = [TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(10)];

    private readonly List<SubmissionRange> _pending = [];
    private readonly List<SubmissionRange[]> _recent = []; // the fresh ranges of the last frames sent, oldest first
    private readonly List<SubmissionRange> _repeat = [];
    private TimeSpan _lastSentAt;
    private int _tailRepeats = TailRepeatsAfter.Length;

    /// <summary>Frames repeated after a quiet spell so far.</summary>
    public long TailRepeats { get; private set; }

    /// <summary>Adds one submission; consecutive sequence numbers of one session share a range.</summary>
    public void Add(SubmissionKey key)
    {
        if (_pending.Count > 0)
        {
            SubmissionRange last = _pending[^1];
            if (last.ClientId == key.ClientId && last.Session == key.Session && last.FirstSequence + last.Count == key.Sequence
                && last.Count < uint.MaxValue)
            {
                _pending[^1] = last with { Count = last.Count + 1 };
                return;
            }
        }

        _pending.Add(new SubmissionRange(key.ClientId, key.Session, key.Sequence, 1));
    }

    /// <summary>Adds a range of submissions.</summary>
    public void Add(SubmissionRange range) => _pending.Add(range);

    /// <summary>Sends the ranges added since the last call, with the recent frames' ranges (newest first) that fit in the same datagram.</summary>
    public void Send(Ready ready, TimeSpan now)
    {
        int fresh = _pending.Count;
        if (fresh == 0)
        {
            return;
        }

        SubmissionRange[] sent = _pending.ToArray();
        AppendRecent(_pending, MaxRangesPerFrame);
        SendFrames(ready, _pending);
        _pending.Clear();
        _recent.Add(sent);
        if (_recent.Count > framesRepeated)
        {
            _recent.RemoveAt(0);
        }

        _lastSentAt = now;
        _tailRepeats = 0;
    }

    /// <summary>Repeats the recent frames' ranges if nothing was sent since for the next of <see cref="TailRepeatsAfter"/>.</summary>
    public void RepeatTail(Ready ready, TimeSpan now)
    {
        if (_tailRepeats >= TailRepeatsAfter.Length || now - _lastSentAt < TailRepeatsAfter[_tailRepeats])
        {
            return;
        }

        _tailRepeats++;
        TailRepeats++;
        _repeat.Clear();
        AppendRecent(_repeat, int.MaxValue);
        SendFrames(ready, _repeat);
    }

    /// <summary>Forgets the frames sent, so they are neither repeated in the next one nor on their own.</summary>
    public void Forget()
    {
        _recent.Clear();
        _tailRepeats = TailRepeatsAfter.Length;
    }

    /// <summary>Appends the recent frames' ranges to <paramref name="ranges"/>, newest first, while the total stays within <paramref name="limit"/>.</summary>
    private void AppendRecent(List<SubmissionRange> ranges, int limit)
    {
        for (int i = _recent.Count - 1; i >= 0 && ranges.Count + _recent[i].Length <= limit; i--)
        {
            ranges.AddRange(_recent[i]);
        }
    }

    private void SendFrames(Ready ready, List<SubmissionRange> ranges)
    {
        for (int start = 0; start < ranges.Count; start += MaxRangesPerFrame)
        {
            int count = Math.Min(MaxRangesPerFrame, ranges.Count - start);
            ready.Send(RoleGroup.Clients, frame(ranges.GetRange(start, count)));
        }
    }
}
