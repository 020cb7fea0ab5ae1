namespace Paxos.Core.Hosting.Reports;

/// <summary>The moments a role process reports at.</summary>
public enum RoleReportKind
{
    /// <summary>Its socket is open and joined: it is receiving (what a launcher waits for).</summary>
    Ready,

    /// <summary>It stopped: its statistics (times, CPU, peak memory, traffic, the role's counters).</summary>
    Stats,
}
