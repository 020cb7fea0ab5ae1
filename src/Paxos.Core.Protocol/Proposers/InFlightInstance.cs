
namespace Paxos.Core.Protocol.Proposers;

/// <summary>
/// An instance the leader proposed in its current ballot and has not seen decided yet. It remembers when its
/// last few copies of the Accept went out (each numbered, see <see cref="Messages.Accept.Attempt"/>), so the
/// Accepted that completes a quorum, echoing the copy it answers, times the round trip of that copy even when
/// the Accept was resent: without the echo a resent instance could not be timed (Karn's rule), and under loss
/// the timeout backed off towards its 400 ms cap with few samples to bring it down.
/// </summary>
internal sealed class InFlightInstance(Batch batch)
{
    // Copies older than this many sends back are forgotten: their answers still count as votes, unmeasured.
    private const int RememberedCopies = 4;

    private readonly TimeSpan[] _copySentAt = new TimeSpan[RememberedCopies];
    private readonly long[] _copySendOrder = new long[RememberedCopies];
    private ulong _votes;
    private long _lowestVoteSendOrder = long.MaxValue;

    public Batch Batch { get; } = batch;

    /// <summary>When the last copy was sent.</summary>
    public TimeSpan SentAt => _copySentAt[LastCopySlot];

    /// <summary>The leader's count of Accepts sent when the last copy went out: orders the sends.</summary>
    public long SendOrder => _copySendOrder[LastCopySlot];

    /// <summary>Copies sent so far.</summary>
    public uint Copies { get; private set; }

    /// <summary>Times the Accept was sent again.</summary>
    public uint Resends => Copies == 0 ? 0 : Copies - 1;

    /// <summary>
    /// The send order of the oldest copy a counted vote answered (0 when a vote's copy is not remembered): each
    /// acceptor of the quorum read every Accept sent before it.
    /// </summary>
    public long QuorumReadUpTo => _lowestVoteSendOrder == long.MaxValue ? 0 : _lowestVoteSendOrder;

    /// <summary>Records a copy sent at <paramref name="now"/> as the leader's send <paramref name="sendOrder"/>; returns its number.</summary>
    public uint RecordCopy(TimeSpan now, long sendOrder)
    {
        // Past uint.MaxValue copies (never, in practice) the last number is reused, so it stays the last copy's.
        uint attempt = Copies == uint.MaxValue ? uint.MaxValue - 1 : Copies;
        _copySentAt[attempt % RememberedCopies] = now;
        _copySendOrder[attempt % RememberedCopies] = sendOrder;
        Copies = Copies == uint.MaxValue ? Copies : Copies + 1;
        return attempt;
    }

    /// <summary>When copy <paramref name="attempt"/> was sent, if it is one of the last few.</summary>
    public bool TryGetCopySentAt(uint attempt, out TimeSpan sentAt)
    {
        bool known = IsRemembered(attempt);
        sentAt = known ? _copySentAt[attempt % RememberedCopies] : default;
        return known;
    }

    /// <summary>
    /// The wait before the next resend: <paramref name="first"/>, doubled per resend up to 8 times it, so a
    /// cluster without a quorum (most acceptors down) is not flooded with Accepts it cannot answer (the leader
    /// waits at least its backed-off timeout too, which reaches its cap then).
    /// </summary>
    public TimeSpan RetryInterval(TimeSpan first) => first * (1 << (int)Math.Min(Resends, 3));

    /// <summary>Distinct acceptors that accepted it in the current ballot.</summary>
    public int VoteCount { get; private set; }

    /// <summary>Records acceptor <paramref name="acceptorId"/> (1..64) as having accepted, on reading copy <paramref name="attempt"/>.</summary>
    public void AddVote(int acceptorId, uint attempt)
    {
        ulong bit = 1UL << (acceptorId - 1);
        if ((_votes & bit) == 0)
        {
            _votes |= bit;
            VoteCount++;
            long read = IsRemembered(attempt) ? _copySendOrder[attempt % RememberedCopies] : 0;
            _lowestVoteSendOrder = Math.Min(_lowestVoteSendOrder, read);
        }
    }

    private int LastCopySlot => (int)((Copies == 0 ? 0 : Copies - 1) % RememberedCopies);

    private bool IsRemembered(uint attempt) => attempt < Copies && Copies - attempt <= RememberedCopies;
}
