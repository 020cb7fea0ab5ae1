using Paxos.Core.Protocol.Messages;

namespace Paxos.Core.Protocol.Proposers;

/// <summary>
/// The leader's answers of one kind to the clients (acknowledgements or receipts). Ranges gathered while one
/// message is handled go out as frames, each repeating the ranges of the frame of this kind sent before it, and
/// the last frame is repeated on its own when nothing follows it for a while. A client cannot tell a lost
/// receipt from a lost request, nor a lost acknowledgement from a value still being decided, and resends either
/// way: at 10% loss about one value in five was resent though the leader held or had decided it. With each frame
/// repeated in the next, one lost frame is repaired by the next one; the repeats after a quiet spell cover the
/// last frame, which no next one follows: with clients whose windows are full of values decided but not
/// acknowledged, nobody sends again, and the values waited out the clients' 300 ms silence timer.
/// Acknowledging or confirming a value twice changes nothing at the client.
/// </summary>
internal sealed class ClientAnswers(Func<List<SubmissionRange>, Message> frame)
{
    /// <summary>A ClientAck or ClientReceipt holds at most 2,700 ranges of 24 bytes within one datagram.</summary>
    public const int MaxRangesPerFrame = 2_700;

    /// <summary>How long after the last frame, with nothing sent since, it is repeated (each entry once).</summary>
    public static readonly TimeSpan[] TailRepeatsAfter = [TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(10)];

    private readonly List<SubmissionRange> _pending = [];
    private readonly List<SubmissionRange> _last = [];
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

    /// <summary>Sends the ranges added since the last call, with the previous frame's ranges when they fit in the same datagram.</summary>
    public void Send(Ready ready, TimeSpan now)
    {
        int fresh = _pending.Count;
        if (fresh == 0)
        {
            return;
        }

        if (fresh + _last.Count <= MaxRangesPerFrame)
        {
            _pending.AddRange(_last);
        }

        _last.Clear();
        for (int i = 0; i < fresh; i++)
        {
            _last.Add(_pending[i]);
        }

        for (int start = 0; start < _pending.Count; start += MaxRangesPerFrame)
        {
            int count = Math.Min(MaxRangesPerFrame, _pending.Count - start);
            ready.Send(RoleGroup.Clients, frame(_pending.GetRange(start, count)));
        }

        _pending.Clear();
        _lastSentAt = now;
        _tailRepeats = 0;
    }

    /// <summary>Repeats the last frame's ranges if nothing was sent since for the next of <see cref="TailRepeatsAfter"/>.</summary>
    public void RepeatTail(Ready ready, TimeSpan now)
    {
        if (_tailRepeats >= TailRepeatsAfter.Length || now - _lastSentAt < TailRepeatsAfter[_tailRepeats])
        {
            return;
        }

        _tailRepeats++;
        TailRepeats++;
        for (int start = 0; start < _last.Count; start += MaxRangesPerFrame)
        {
            int count = Math.Min(MaxRangesPerFrame, _last.Count - start);
            ready.Send(RoleGroup.Clients, frame(_last.GetRange(start, count)));
        }
    }

    /// <summary>Forgets the last frame, so it is neither repeated in the next one nor on its own.</summary>
    public void Forget()
    {
        _last.Clear();
        _tailRepeats = TailRepeatsAfter.Length;
    }
}
