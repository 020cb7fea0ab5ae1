namespace Paxos.Core.Protocol.Proposers;

/// <summary>A proposer's stance in the cluster.</summary>
public enum ProposerMode
{
    /// <summary>Another proposer leads (or it backs off after a preemption); it keeps the decided log.</summary>
    Following,

    /// <summary>Running Phase 1 with its own ballot.</summary>
    Preparing,

    /// <summary>Phase 1 succeeded; proposing client submissions in Phase 2.</summary>
    Leading,
}
