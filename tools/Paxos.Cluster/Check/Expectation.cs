namespace Paxos.Cluster.Check;

/// <summary>What a scenario's outcome must be.</summary>
public enum Expectation
{
    /// <summary>Every value learned, in the same order by both learners.</summary>
    All,

    /// <summary>No majority of acceptors from the start: nothing may be learned.</summary>
    Nothing,

    /// <summary>No majority left after a kill: progress stops (the counts at the kill do not change), the learners agree.</summary>
    Stall,
}
