using System.Text;

namespace Paxos.Cluster.Bench;

/// <summary>One run as the record keeps it: its Markdown section of report.md, its runs.csv row, its roles.csv rows.</summary>
internal static class RunTables
{
    /// <summary>runs.csv's header.</summary>
    public const string RunsHeader =
        "label,values,rate,loss,checks,throughput,elapsed_s,p50_ms,p99_ms,p999_ms,max_ms,instances,values_per_instance,datagrams,bytes,retransmissions,max_startup_ms,rss_acceptor_mb,rss_proposer_mb,rss_learner_mb,rss_client_mb,value_size,value_bytes,mb_per_s,client_resends,proposer_retransmissions,learner_catchup_requests,resends_per_value,durable";

    /// <summary>roles.csv's header.</summary>
    public const string RolesHeader =
        "label,values,rate,loss,process,startup_ms,cpu_s,peak_rss_mb,datagrams_sent,bytes_sent,datagrams_received,retransmissions";

    /// <summary>"OK" or "FAILED".</summary>
    public static string Checks(RunRecord run) => run.ChecksOk ? "OK" : "FAILED";

    /// <summary>The run's row of runs.csv.</summary>
    public static string RunsRow(RunRecord run)
    {
        Combination c = run.Combination;
        return string.Join(',',
            run.Label, Numbers.Whole(c.ValuesPerClient), c.RateText, c.Loss, Checks(run),
            Numbers.Fixed(run.Throughput, 0), Numbers.Fixed(run.ElapsedSeconds, 3),
            Numbers.Fixed(run.LatencyMs.P50, 3), Numbers.Fixed(run.LatencyMs.P99, 3), Numbers.Fixed(run.LatencyMs.P999, 3), Numbers.Fixed(run.LatencyMs.Max, 3),
            Numbers.Whole(run.Instances), Numbers.Fixed(run.ValuesPerInstance, 1), Numbers.Whole(run.Datagrams), Numbers.Whole(run.Bytes),
            Numbers.Whole(run.Retransmissions), Numbers.Whole(run.MaxStartupMs),
            Numbers.Fixed(run.PeakRssMb.Acceptor, 1), Numbers.Fixed(run.PeakRssMb.Proposer, 1), Numbers.Fixed(run.PeakRssMb.Learner, 1), Numbers.Fixed(run.PeakRssMb.Client, 1),
            c.ValueSize is { } size ? Numbers.Whole(size) : "", Numbers.Whole(run.ValueBytes), Numbers.Fixed(run.MegabytesPerSecond, 1),
            Numbers.Whole(run.ClientResends), Numbers.Whole(run.ProposerRetransmissions), Numbers.Whole(run.LearnerCatchUpRequests),
            Numbers.Fixed(run.ResendsPerValue, 4), c.Durable ? "1" : "0");
    }

    /// <summary>The run's rows of roles.csv, one per process that reported.</summary>
    public static IEnumerable<string> RolesRows(RunRecord run)
    {
        Combination c = run.Combination;
        return run.Processes.Select(p => string.Join(',',
            run.Label, Numbers.Whole(c.ValuesPerClient), c.RateText, c.Loss, p.Process,
            p.StartupMs is { } startup ? Numbers.Whole(startup) : "", Numbers.AsReported(p.CpuSeconds), Numbers.Fixed(p.PeakRssMb, 1),
            Numbers.Whole(p.DatagramsSent), Numbers.Whole(p.BytesSent), Numbers.Whole(p.DatagramsReceived), Numbers.Whole(p.Retransmissions)));
    }

    /// <summary>"0.0265 (0.0000 + 0.0000 + 0.0265)": all resends per value, then client + proposer + learner.</summary>
    public static string ResendsPerValue(RunRecord run) =>
        $"{Numbers.Fixed(run.ResendsPerValue, 4)} ({Numbers.Fixed(run.PerValue(run.ClientResends), 4)} + {Numbers.Fixed(run.PerValue(run.ProposerRetransmissions), 4)} + {Numbers.Fixed(run.PerValue(run.LearnerCatchUpRequests), 4)})";

    /// <summary>The run's title: "n1000-run1: 2 × 1000 values (small), offered full speed, loss 0.1, durable (data_dir, fsync)".</summary>
    public static string Title(RunRecord run)
    {
        Combination c = run.Combination;
        return $"{run.Label}: 2 × {c.ValuesPerClient} values ({c.SizeForPeople}), offered {c.RateForPeople}"
            + (c.LossFree ? "" : $", loss {c.Loss}") + (c.Durable ? ", durable (data_dir, fsync)" : "");
    }

    /// <summary>The run's section of report.md: its summary table and its per-process table.</summary>
    public static string Markdown(RunRecord run)
    {
        Combination c = run.Combination;
        var text = new StringBuilder();
        text.Append("### ").Append(Title(run)).Append("\n\n");
        text.Append("| values | value size | offered (values/s) | checks | throughput (values/s) | MB/s | elapsed (s) | latency p50 / p99 / p99.9 / max (ms) | instances | values/instance | datagrams | MB sent | resends/value: all (client + proposer + learner) |\n");
        text.Append("| ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        text.Append("| ").AppendJoin(" | ",
            Numbers.Whole(c.TotalValues), c.SizeForPeople, c.RateForPeople, Checks(run), Numbers.Fixed(run.Throughput, 0),
            Numbers.Fixed(run.MegabytesPerSecond, 1), Numbers.Fixed(run.ElapsedSeconds, 3), LatencyText(run.LatencyMs),
            Numbers.Whole(run.Instances), Numbers.Fixed(run.ValuesPerInstance, 1), Numbers.Whole(run.Datagrams),
            Numbers.Fixed(run.Bytes / 1048576.0, 1), ResendsPerValue(run)).Append(" |\n\n");
        text.Append("| process | start-up (ms) | CPU (s) | peak RSS (MB) | datagrams sent | MB sent | datagrams received | retransmissions |\n");
        text.Append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (string process in RunEvidence.Processes)
        {
            if (run.Processes.FirstOrDefault(p => p.Process == process) is not { } p)
            {
                text.Append("| ").Append(process).Append(" | (no report) | | | | | | |\n");
                continue;
            }

            text.Append("| ").AppendJoin(" | ",
                process, p.StartupMs is { } startup ? Numbers.Whole(startup) : "", Numbers.AsReported(p.CpuSeconds), Numbers.Fixed(p.PeakRssMb, 1),
                Numbers.Whole(p.DatagramsSent), Numbers.Fixed(p.BytesSent / 1048576.0, 1), Numbers.Whole(p.DatagramsReceived),
                Numbers.Whole(p.Retransmissions)).Append(" |\n");
        }

        return text.Append('\n').ToString();
    }

    /// <summary>"p50 / p99 / p99.9 / max" in ms, three decimals.</summary>
    public static string LatencyText(Latency ms) =>
        $"{Numbers.Fixed(ms.P50, 3)} / {Numbers.Fixed(ms.P99, 3)} / {Numbers.Fixed(ms.P999, 3)} / {Numbers.Fixed(ms.Max, 3)}";
}
