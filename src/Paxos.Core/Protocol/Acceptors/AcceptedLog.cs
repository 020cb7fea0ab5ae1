using Paxos.Core.Wire;

namespace Paxos.Core.Protocol.Acceptors;

/// <summary>
/// An acceptor's per-instance memory: the ballot and batch it last accepted for each instance.
/// Instances are dense (a leader numbers them consecutively), so a list indexed by instance fits.
/// </summary>
public sealed class AcceptedLog
{
    private readonly List<(Ballot Ballot, Batch? Batch)> _entries = [];

    /// <summary>One past the highest instance anything was accepted for.</summary>
    public long End => _entries.Count;

    /// <summary>Looks up what was accepted for <paramref name="instance"/>.</summary>
    public bool TryGet(long instance, out Ballot ballot, out Batch batch)
    {
        if (instance >= 0 && instance < _entries.Count && _entries[(int)instance].Batch is { } stored)
        {
            ballot = _entries[(int)instance].Ballot;
            batch = stored;
            return true;
        }

        ballot = Ballot.Zero;
        batch = Batch.Empty;
        return false;
    }

    /// <summary>Records that <paramref name="batch"/> was accepted in <paramref name="ballot"/>.</summary>
    public void Set(long instance, Ballot ballot, Batch batch)
    {
        while (_entries.Count <= instance)
        {
            _entries.Add((Ballot.Zero, null));
        }

        _entries[(int)instance] = (ballot, batch);
    }
}
