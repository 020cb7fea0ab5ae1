using Paxos.Core.Protocol.Messages;

namespace Paxos.Core.Protocol.Proposers;

/// <summary>
/// One Phase 1 attempt with one ballot, for all instances from <see cref="FromInstance"/> on. An acceptor
/// may answer in several Promise chunks; its answer counts once the chunks cover every instance it
/// accepted anything for. With a quorum of complete answers, the highest-ballot value reported for each
/// instance is the only one that may have been chosen there, and must be proposed again.
/// </summary>
internal sealed class PhaseOneRound
{
    private readonly Dictionary<int, (long CoveredUpTo, bool Complete)> _coverage = [];
    private readonly Dictionary<long, AcceptedEntry> _highest = [];

    public PhaseOneRound(Ballot ballot, long fromInstance, long lookahead, TimeSpan now)
    {
        Ballot = ballot;
        FromInstance = fromInstance;
        Horizon = fromInstance > long.MaxValue - lookahead ? long.MaxValue : fromInstance + lookahead;
        LastSent = now;
        MaxEnd = fromInstance;
    }

    public Ballot Ballot { get; }

    public long FromInstance { get; }

    /// <summary>
    /// The end of the instances this round recovers. What acceptors report beyond it is ignored, so a far
    /// instance number (reported by a stranger, or accepted from one) costs nothing; in exchange the leader
    /// must not propose at or past it in this ballot (it would not know what may be chosen there).
    /// </summary>
    public long Horizon { get; }

    public TimeSpan LastSent { get; set; }

    /// <summary>
    /// One past the highest instance (below <see cref="Horizon"/>) any promising acceptor reported a value
    /// for: holes below it must be filled. A Promise's bare claim of where it ends adds no work.
    /// </summary>
    public long MaxEnd { get; private set; }

    public int CompleteCount { get; private set; }

    /// <summary>
    /// Applies a chunk from <paramref name="acceptorId"/>. Returns the instance to ask that acceptor
    /// to continue from, or -1 when no continuation is needed (complete, or a stale duplicate chunk).
    /// </summary>
    public long Apply(int acceptorId, Promise promise)
    {
        (long covered, bool complete) = _coverage.TryGetValue(acceptorId, out var state) ? state : (FromInstance, false);

        // Only a chunk that starts inside what we have already covered extends the coverage without a hole.
        if (complete || promise.FromInstance > covered || promise.NextInstance < covered)
        {
            return -1;
        }

        foreach (AcceptedEntry entry in promise.Entries)
        {
            if (entry.Instance >= FromInstance && entry.Instance < Horizon
                && (!_highest.TryGetValue(entry.Instance, out AcceptedEntry? known) || entry.Ballot > known.Ballot))
            {
                _highest[entry.Instance] = entry;
                MaxEnd = Math.Max(MaxEnd, entry.Instance + 1);
            }
        }

        _coverage[acceptorId] = (promise.NextInstance, promise.Complete);
        if (promise.Complete)
        {
            CompleteCount++;
            return -1;
        }

        return promise.NextInstance;
    }

    /// <summary>Acceptors whose answer started but is not complete, with where to continue.</summary>
    public IEnumerable<(int AcceptorId, long ContinueFrom)> Incomplete()
    {
        foreach ((int id, (long covered, bool complete)) in _coverage)
        {
            if (!complete)
            {
                yield return (id, covered);
            }
        }
    }

    /// <summary>The value that must be proposed again for <paramref name="instance"/>, if any was reported.</summary>
    public bool TryGetHighest(long instance, out Batch batch)
    {
        if (_highest.TryGetValue(instance, out AcceptedEntry? entry))
        {
            batch = entry.Batch;
            return true;
        }

        batch = Batch.Empty;
        return false;
    }
}
