namespace Paxos.Core.Protocol;

/// <summary>
/// Which submissions have been seen (delivered, or decided), per client session. A learner uses it to
/// print each submission at most once; a proposer to acknowledge resent submissions instead of
/// proposing them again.
/// </summary>
public sealed class SubmissionLedger
{
    private readonly Dictionary<(uint ClientId, ulong Session), SequenceSet> _sessions = [];

    /// <summary>Records the submission; returns false if it was already recorded.</summary>
    public bool Add(uint clientId, ulong session, ulong sequence)
    {
        if (!_sessions.TryGetValue((clientId, session), out SequenceSet? set))
        {
            set = new SequenceSet();
            _sessions.Add((clientId, session), set);
        }

        return set.Add(sequence);
    }

    /// <summary>Whether the submission is recorded.</summary>
    public bool Contains(uint clientId, ulong session, ulong sequence) =>
        _sessions.TryGetValue((clientId, session), out SequenceSet? set) && set.Contains(sequence);
}
