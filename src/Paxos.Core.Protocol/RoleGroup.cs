namespace Paxos.Core.Protocol;

/// <summary>The four multicast groups of the protocol; each role listens on its own group.</summary>
public enum RoleGroup
{
    /// <summary>The group clients listen on (they learn the decisions of their submissions there).</summary>
    Clients,

    /// <summary>The group proposers listen on (client submissions, Promise and Accepted replies).</summary>
    Proposers,

    /// <summary>The group acceptors listen on (Prepare and Accept requests).</summary>
    Acceptors,

    /// <summary>The group learners listen on (decisions).</summary>
    Learners,
}
