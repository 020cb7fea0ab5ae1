using Paxos.Core.Hosting.Reports;

namespace Paxos.Cluster.Bench;

/// <summary>
/// What one finished benchmark run left behind, as read from its folder: the roles' stop reports, the value
/// bytes each learner printed, and run.sh's verdict. <see cref="RunRecord.From"/> turns it into figures.
/// </summary>
/// <param name="StatsReports">Each process's <see cref="RoleReportKind.Stats"/> report by name ("acceptor1"); a process that wrote none is absent.</param>
/// <param name="LearnerValueBytes">Per learner output (learn1, learn2) the bytes of its values, newlines not counted; 0 when it has no output.</param>
/// <param name="ExitStatus">run.sh's exit status.</param>
/// <param name="ChecksPassed">Whether run.sh's report says "RESULT: OK" (the course's three checks passed).</param>
internal sealed record RunEvidence(
    IReadOnlyDictionary<string, RoleReport> StatsReports,
    IReadOnlyList<long> LearnerValueBytes,
    int ExitStatus,
    bool ChecksPassed)
{
    /// <summary>The course's line-up as bench runs it, in the order the per-process table lists it.</summary>
    public static readonly IReadOnlyList<string> Processes =
        ["acceptor1", "acceptor2", "acceptor3", "proposer1", "proposer2", "learner1", "learner2", "client1", "client2"];

    /// <summary>The report of <paramref name="process"/>, or null.</summary>
    public RoleReport? Report(string process) => StatsReports.GetValueOrDefault(process);
}
