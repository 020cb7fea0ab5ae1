namespace Paxos.Core.Protocol.Proposers;

/// <summary>
/// Decides whether this proposer should lead: the lowest proposer id heard from recently leads.
/// This only avoids duelling proposers (a liveness aid); safety never depends on it, so two proposers
/// that both believe they lead (a partition, a slow heartbeat) merely compete through ballots.
/// </summary>
public sealed class LeaderElection
{
    private readonly int _selfId;
    private readonly ProtocolSettings _settings;
    private readonly TimeSpan _startedAt;
    private readonly Dictionary<int, TimeSpan> _lastHeard = [];

    /// <summary>Creates the election state of proposer <paramref name="selfId"/>, started at <paramref name="now"/>.</summary>
    public LeaderElection(int selfId, ProtocolSettings settings, TimeSpan now)
    {
        _selfId = selfId;
        _settings = settings;
        _startedAt = now;
    }

    /// <summary>Notes that proposer <paramref name="proposerId"/> was heard from at <paramref name="now"/>.</summary>
    public void Observe(int proposerId, TimeSpan now)
    {
        if (proposerId != _selfId)
        {
            _lastHeard[proposerId] = now;
        }
    }

    /// <summary>
    /// Whether this proposer should lead now. A newly started proposer first listens for a few heartbeat
    /// intervals, so that it does not disturb a running leader with a lower id it has not heard yet.
    /// </summary>
    public bool ShouldLead(TimeSpan now)
    {
        if (now - _startedAt < _settings.HeartbeatInterval * 3)
        {
            return false;
        }

        foreach ((int id, TimeSpan heard) in _lastHeard)
        {
            if (id < _selfId && now - heard < _settings.LeaderTimeout)
            {
                return false;
            }
        }

        return true;
    }
}
