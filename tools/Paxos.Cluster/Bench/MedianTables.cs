using System.Text;

namespace Paxos.Cluster.Bench;

/// <summary>The medians as the record keeps them: the report's "Medians" section and medians.csv.</summary>
internal static class MedianTables
{
    /// <summary>medians.csv's header.</summary>
    public const string CsvHeader =
        "values,value_size,rate,loss,runs,checks_ok,throughput,mb_per_s,elapsed_s,p50_ms,p99_ms,p999_ms,max_ms,values_per_instance,retransmissions,resends_per_value,client_resends_per_value,proposer_retransmissions_per_value,learner_catchup_requests_per_value,max_startup_ms,rss_acceptor_mb,rss_proposer_mb,rss_learner_mb,rss_client_mb,durable";

    /// <summary>medians.csv: the header and one row per combination.</summary>
    public static string Csv(IEnumerable<MedianRecord> medians)
    {
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (MedianRecord m in medians)
        {
            Combination c = m.Combination;
            text.AppendJoin(',',
                Numbers.Whole(c.TotalValues), c.ValueSize is { } size ? Numbers.Whole(size) : "", c.RateText, c.Loss,
                Numbers.Whole(m.Runs), Numbers.Whole(m.ChecksOk), Numbers.Fixed(m.Throughput, 0), Numbers.Fixed(m.MegabytesPerSecond, 1),
                Numbers.Fixed(m.ElapsedSeconds, 3), Numbers.Fixed(m.LatencyMs.P50, 3), Numbers.Fixed(m.LatencyMs.P99, 3),
                Numbers.Fixed(m.LatencyMs.P999, 3), Numbers.Fixed(m.LatencyMs.Max, 3), Numbers.Fixed(m.ValuesPerInstance, 1),
                Numbers.Fixed(m.Retransmissions, 0), Numbers.Fixed(m.ResendsPerValue, 4), Numbers.Fixed(m.ClientResendsPerValue, 4),
                Numbers.Fixed(m.ProposerRetransmissionsPerValue, 4), Numbers.Fixed(m.LearnerCatchUpRequestsPerValue, 4),
                Numbers.Fixed(m.MaxStartupMs, 0), Numbers.Fixed(m.PeakRssMb.Acceptor, 1), Numbers.Fixed(m.PeakRssMb.Proposer, 1),
                Numbers.Fixed(m.PeakRssMb.Learner, 1), Numbers.Fixed(m.PeakRssMb.Client, 1), c.Durable ? "1" : "0").Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The report's "Medians" section.</summary>
    public static string Markdown(IEnumerable<MedianRecord> medians)
    {
        var text = new StringBuilder("### Medians\n\n");
        text.Append("| values | value size (B) | offered (values/s) | loss | storage | runs | checks OK | throughput (values/s) | MB/s | elapsed (s) | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | values/instance | resends/value: all (client + proposer + learner) | slowest start-up (ms) | peak RSS acceptor / proposer / learner / client (MB) |\n");
        text.Append("| ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (MedianRecord m in medians)
        {
            Combination c = m.Combination;
            text.Append("| ").AppendJoin(" | ",
                Numbers.Whole(c.TotalValues), c.ValueSize is { } size ? Numbers.Whole(size) : "small", c.RateForPeople, c.Loss,
                c.Durable ? "durable" : "memory", Numbers.Whole(m.Runs), $"{m.ChecksOk}/{m.Runs}", Numbers.Fixed(m.Throughput, 0),
                Numbers.Fixed(m.MegabytesPerSecond, 1), Numbers.Fixed(m.ElapsedSeconds, 3), Numbers.Fixed(m.LatencyMs.P50, 3),
                Numbers.Fixed(m.LatencyMs.P99, 3), Numbers.Fixed(m.LatencyMs.P999, 3), Numbers.Fixed(m.LatencyMs.Max, 3),
                Numbers.Fixed(m.ValuesPerInstance, 1), ResendsPerValue(m), Numbers.Fixed(m.MaxStartupMs, 0), Peaks(m.PeakRssMb)).Append(" |\n");
        }

        return text.Append('\n').ToString();
    }

    /// <summary>"all (client + proposer + learner)" resends per value, four decimals.</summary>
    public static string ResendsPerValue(MedianRecord m) =>
        $"{Numbers.Fixed(m.ResendsPerValue, 4)} ({Numbers.Fixed(m.ClientResendsPerValue, 4)} + {Numbers.Fixed(m.ProposerRetransmissionsPerValue, 4)} + {Numbers.Fixed(m.LearnerCatchUpRequestsPerValue, 4)})";

    /// <summary>"acceptor / proposer / learner / client" MB.</summary>
    public static string Peaks(RolePeaks mb) =>
        $"{Numbers.Fixed(mb.Acceptor, 1)} / {Numbers.Fixed(mb.Proposer, 1)} / {Numbers.Fixed(mb.Learner, 1)} / {Numbers.Fixed(mb.Client, 1)}";
}
