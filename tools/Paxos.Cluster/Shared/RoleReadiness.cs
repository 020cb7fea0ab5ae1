using Paxos.Core.Hosting.Reports;

namespace Paxos.Cluster.Shared;

/// <summary>What waiting for a role process to be receiving came to.</summary>
public enum ReadyOutcome
{
    /// <summary>It wrote its ready report (with its own pid: a restarted process's new life).</summary>
    Ready,

    /// <summary>It ended before it was receiving.</summary>
    Ended,

    /// <summary>Neither within the time limit.</summary>
    TimedOut,
}

/// <summary>Waits until a role process is receiving, from its typed ready report (<see cref="RoleReportKind.Ready"/>), not its log.</summary>
public static class RoleReadiness
{
    /// <summary>Polls <paramref name="reports"/> every 20 ms for <paramref name="process"/>'s ready report, up to <paramref name="limit"/>.</summary>
    public static ReadyOutcome WaitUntilReady(RoleProcess process, string reports, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(process);
        DateTime deadline = DateTime.UtcNow + limit;
        while (true)
        {
            // The pid tells this life's report from an earlier life's (a restart) or an earlier run's.
            if (RoleReportFile.TryRead(reports, process.Launch.Role, process.Launch.Id, RoleReportKind.Ready) is { } report && report.Pid == process.Pid)
            {
                return ReadyOutcome.Ready;
            }

            if (process.HasExited)
            {
                return ReadyOutcome.Ended;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return ReadyOutcome.TimedOut;
            }

            Thread.Sleep(20);
        }
    }
}
