namespace Paxos.Cluster.Multihost;

/// <summary>The fault a multi-host run injects while the clients submit.</summary>
internal enum Scenario
{
    /// <summary>No fault (baseline).</summary>
    None,

    /// <summary>Acceptor 3's host cut off the bridge for 3 s, reconnected; 0.5 s later acceptor 2 killed.</summary>
    CutAcceptor,

    /// <summary>The leading proposer (1) killed mid-run; the gap in decisions is measured.</summary>
    KillLeader,

    /// <summary>30% of incoming multicast dropped on every host, and acceptor 3 killed mid-run.</summary>
    Loss,

    /// <summary>The proposers' hosts cannot reach each other for 3 s (both lead), then heal.</summary>
    Partition,
}

/// <summary>Scenario names as the command line writes them.</summary>
internal static class ScenarioNames
{
    /// <summary>Every name, in the usage's order.</summary>
    public static readonly IReadOnlyList<string> All = ["none", "cut-acceptor", "kill-leader", "loss", "partition"];

    /// <summary>The scenario named <paramref name="name"/>, or null.</summary>
    public static Scenario? Parse(string name) => name switch
    {
        "none" => Scenario.None,
        "cut-acceptor" => Scenario.CutAcceptor,
        "kill-leader" => Scenario.KillLeader,
        "loss" => Scenario.Loss,
        "partition" => Scenario.Partition,
        _ => null,
    };

    /// <summary>The command-line name of <paramref name="scenario"/>.</summary>
    public static string NameOf(Scenario scenario) => All[(int)scenario];
}
