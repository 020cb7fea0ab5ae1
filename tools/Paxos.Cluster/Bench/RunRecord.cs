using Paxos.Core.Hosting.Reports;

namespace Paxos.Cluster.Bench;

/// <summary>
/// One benchmark run's figures: a row of runs.csv and the run's Markdown table. Computed from the roles' stop
/// reports and the learners' outputs (<see cref="From"/>), so each figure has one definition here.
/// </summary>
/// <param name="Label">The run folder's name.</param>
/// <param name="Combination">What was run.</param>
/// <param name="ChecksOk">run.sh exited 0, its checks said OK and both learners printed every value.</param>
/// <param name="Throughput">Values/s from the first client send to the last value printed by the slower learner.</param>
/// <param name="ElapsedSeconds">That time, in seconds; 0 when unknown.</param>
/// <param name="LatencyMs">Client send to decision notice, the worse client at each of p50, p99, p99.9, max.</param>
/// <param name="Instances">Instances decided (learner 1's count; no-ops included).</param>
/// <param name="ValuesPerInstance">Values the slower learner printed per instance.</param>
/// <param name="Datagrams">Datagrams sent by all processes.</param>
/// <param name="Bytes">Bytes sent by all processes.</param>
/// <param name="Retransmissions">Every process's resends (clients, proposers, learners, acceptors).</param>
/// <param name="MaxStartupMs">The slowest process's start-up.</param>
/// <param name="PeakRssMb">The largest process of each kind of role (acceptor, proposer, learner, client), MB.</param>
/// <param name="ValueBytes">The value bytes the slower learner printed (newlines not counted).</param>
/// <param name="MegabytesPerSecond">ValueBytes over the elapsed time, MB = 10^6 bytes.</param>
/// <param name="ClientResends">Clients' resent submissions.</param>
/// <param name="ProposerRetransmissions">Proposers' re-sent Accepts and Prepares.</param>
/// <param name="LearnerCatchUpRequests">Learners' catch-up requests.</param>
/// <param name="Processes">One row per process that wrote a report, in <see cref="RunEvidence.Processes"/> order.</param>
internal sealed record RunRecord(
    string Label,
    Combination Combination,
    bool ChecksOk,
    double Throughput,
    double ElapsedSeconds,
    Latency LatencyMs,
    long Instances,
    double ValuesPerInstance,
    long Datagrams,
    long Bytes,
    long Retransmissions,
    long MaxStartupMs,
    RolePeaks PeakRssMb,
    long ValueBytes,
    double MegabytesPerSecond,
    long ClientResends,
    long ProposerRetransmissions,
    long LearnerCatchUpRequests,
    IReadOnlyList<ProcessRecord> Processes)
{
    /// <summary>All resends per value submitted.</summary>
    public double ResendsPerValue => PerValue(Retransmissions);

    /// <summary><paramref name="count"/> per value submitted (2N).</summary>
    public double PerValue(long count) => Combination.TotalValues > 0 ? (double)count / Combination.TotalValues : 0;

    /// <summary>The figures of run <paramref name="label"/> of <paramref name="combination"/> from what it left behind.</summary>
    public static RunRecord From(string label, Combination combination, RunEvidence evidence)
    {
        long total = combination.TotalValues;
        IEnumerable<RoleReport> Reports(params string[] names) =>
            names.Select(evidence.Report).OfType<RoleReport>();

        // End to end: from the first client send to the last value printed by the slower learner.
        long firstSent = Reports("client1", "client2").Select(r => r.GetLong("firstSentUs")).Where(us => us > 0).DefaultIfEmpty(0).Min();
        long lastPrinted = Reports("learner1", "learner2").Select(r => r.GetLong("lastPrintedUs")).DefaultIfEmpty(0).Max();
        // A learner without a report learned nothing as far as the figures know.
        long learned = Math.Min(evidence.Report("learner1")?.GetLong("values") ?? 0, evidence.Report("learner2")?.GetLong("values") ?? 0);

        bool checksOk = evidence.ExitStatus == 0 && evidence.ChecksPassed && learned == total;
        double elapsed = 0, throughput = 0, megabytesPerSecond = 0;
        long valueBytes = evidence.LearnerValueBytes.DefaultIfEmpty(0).Min();
        if (firstSent > 0 && lastPrinted > firstSent)
        {
            elapsed = (lastPrinted - firstSent) / 1e6;
            throughput = learned / elapsed;
            megabytesPerSecond = valueBytes / 1e6 / elapsed;
        }

        // Percentiles of two samples do not merge: the worse client at each.
        double LatencyMs(string key) => Reports("client1", "client2").Select(r => r.GetLong(key)).DefaultIfEmpty(0).Max() / 1000.0;
        var latency = new Latency(LatencyMs("latencyP50Us"), LatencyMs("latencyP99Us"), LatencyMs("latencyP999Us"), LatencyMs("latencyMaxUs"));

        long instances = evidence.Report("learner1")?.GetLong("instances") ?? 0;
        ProcessRecord[] processes =
        [
            .. RunEvidence.Processes.Where(p => evidence.Report(p) is not null).Select(p => ProcessRecord.From(p, evidence.Report(p)!)),
        ];
        long Resent(string role) => processes.Where(p => p.Role == role).Sum(p => p.Retransmissions);
        double Peak(string role) => processes.Where(p => p.Role == role).Select(p => p.PeakRssMb).DefaultIfEmpty(0).Max();

        return new RunRecord(
            label,
            combination,
            checksOk,
            throughput,
            elapsed,
            latency,
            instances,
            instances > 0 ? (double)learned / instances : 0,
            processes.Sum(p => p.DatagramsSent),
            processes.Sum(p => p.BytesSent),
            processes.Sum(p => p.Retransmissions),
            processes.Select(p => p.StartupMs ?? 0).DefaultIfEmpty(0).Max(),
            new RolePeaks(Peak("acceptor"), Peak("proposer"), Peak("learner"), Peak("client")),
            valueBytes,
            megabytesPerSecond,
            Resent("client"),
            Resent("proposer"),
            Resent("learner"),
            processes);
    }
}

/// <summary>Latency percentiles in ms: p50, p99, p99.9, max.</summary>
internal readonly record struct Latency(double P50, double P99, double P999, double Max);

/// <summary>A figure per kind of role (the peak memory of the largest process of each).</summary>
internal readonly record struct RolePeaks(double Acceptor, double Proposer, double Learner, double Client);
