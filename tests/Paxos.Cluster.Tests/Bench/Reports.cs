using Paxos.Cluster.Bench;
using Paxos.Core.Hosting.Reports;

namespace Paxos.Cluster.Tests.Bench;

/// <summary>Crafted stop reports for figure tests.</summary>
internal static class Reports
{
    public static RoleReport Stats(string process, params (string Key, double Value)[] measures)
    {
        string role = process.TrimEnd("0123456789".ToCharArray());
        return new RoleReport(role, int.Parse(process[role.Length..], System.Globalization.CultureInfo.InvariantCulture), 1, RoleReportKind.Stats, 0,
            measures.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal));
    }

    /// <summary>
    /// A finished run of 2 x 1000 values: client 2 sent first (at 0.9 s), learner 1 printed last (at 2.9 s), so 2 s end
    /// to end; client 2 is slower at p50, client 1 at p99; resends: clients 2 + 1, proposer 4, learners 3, acceptor 5.
    /// </summary>
    public static Dictionary<string, RoleReport> FinishedRun() => new(StringComparer.Ordinal)
    {
        ["acceptor1"] = Stats("acceptor1", ("retransmissions", 5), ("peakRssKb", 8192), ("datagramsSent", 100), ("bytesSent", 10_000)),
        ["proposer1"] = Stats("proposer1", ("retransmissions", 4), ("peakRssKb", 12_288), ("launchedUs", 1_000), ("readyUs", 301_000)),
        ["learner1"] = Stats("learner1", ("values", 2000), ("lastPrintedUs", 2_900_000), ("instances", 100), ("retransmissions", 3)),
        ["learner2"] = Stats("learner2", ("values", 2000), ("lastPrintedUs", 2_000_000)),
        ["client1"] = Stats("client1", ("firstSentUs", 1_000_000), ("latencyP50Us", 1000), ("latencyP99Us", 5000), ("latencyP999Us", 6000),
            ("latencyMaxUs", 7000), ("retransmissions", 2), ("launchedUs", 100), ("readyUs", 1600)),
        ["client2"] = Stats("client2", ("firstSentUs", 900_000), ("latencyP50Us", 2000), ("latencyP99Us", 4000), ("latencyP999Us", 4500),
            ("latencyMaxUs", 9000), ("retransmissions", 1)),
    };

    public static Combination Combination => new(1000, null, "0", null, false);

    public static RunRecord Record(Dictionary<string, RoleReport> reports, int exitStatus = 0, bool checksPassed = true, long[]? valueBytes = null) =>
        RunRecord.From("run", Combination, new RunEvidence(reports, valueBytes ?? [10_000, 12_000], exitStatus, checksPassed));
}
