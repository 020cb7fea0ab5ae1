namespace Paxos.Core.Protocol;

/// <summary>
/// A set of sequence numbers that is mostly a contiguous prefix: stored as "everything below
/// <see cref="ContiguousEnd"/>" plus the few members above it, so it stays small however many it holds.
/// </summary>
public sealed class SequenceSet
{
    private readonly HashSet<ulong> _above = [];

    /// <summary>Every number below this is a member.</summary>
    public ulong ContiguousEnd { get; private set; }

    /// <summary>Whether <paramref name="sequence"/> is a member.</summary>
    public bool Contains(ulong sequence) => sequence < ContiguousEnd || _above.Contains(sequence);

    /// <summary>Adds <paramref name="sequence"/>; returns false if it was already a member.</summary>
    public bool Add(ulong sequence)
    {
        if (sequence < ContiguousEnd)
        {
            return false;
        }

        if (sequence == ContiguousEnd)
        {
            ContiguousEnd++;
            while (_above.Remove(ContiguousEnd))
            {
                ContiguousEnd++;
            }

            return true;
        }

        return _above.Add(sequence);
    }
}
