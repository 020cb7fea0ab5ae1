using Paxos.Cluster.Bench;

namespace Paxos.Cluster.Tests.Bench;

public sealed class RunRecordTests
{
    [Fact]
    public void Throughput_runs_from_the_first_client_send_to_the_last_value_printed_by_the_slower_learner()
    {
        RunRecord run = Reports.Record(Reports.FinishedRun());

        Assert.True(run.ChecksOk);
        Assert.Equal(2.0, run.ElapsedSeconds, 9);
        Assert.Equal(1000, run.Throughput, 9);
        // The fewer value bytes of the two learners, 10^6 bytes to the MB.
        Assert.Equal(10_000, run.ValueBytes);
        Assert.Equal(0.005, run.MegabytesPerSecond, 9);
        Assert.Equal(100, run.Instances);
        Assert.Equal(20, run.ValuesPerInstance, 9);
    }

    [Fact]
    public void Each_latency_percentile_is_the_worse_client_s()
    {
        RunRecord run = Reports.Record(Reports.FinishedRun());

        Assert.Equal(new Latency(2, 5, 6, 9), run.LatencyMs);
    }

    [Fact]
    public void Resends_per_value_count_every_process_and_split_by_client_proposer_learner()
    {
        RunRecord run = Reports.Record(Reports.FinishedRun());

        Assert.Equal(15, run.Retransmissions);
        Assert.Equal(3, run.ClientResends);
        Assert.Equal(4, run.ProposerRetransmissions);
        Assert.Equal(3, run.LearnerCatchUpRequests);
        Assert.Equal(0.0075, run.ResendsPerValue, 9);
        Assert.Equal("0.0075 (0.0015 + 0.0020 + 0.0015)", RunTables.ResendsPerValue(run));
    }

    [Fact]
    public void Start_up_rounds_half_to_even_and_the_slowest_process_counts()
    {
        RunRecord run = Reports.Record(Reports.FinishedRun());

        Assert.Equal(2, run.Processes.Single(p => p.Process == "client1").StartupMs); // 1.5 ms
        Assert.Null(run.Processes.Single(p => p.Process == "client2").StartupMs); // its script's start unknown
        Assert.Equal(300, run.MaxStartupMs);
        Assert.Equal(new RolePeaks(8, 12, 0, 0), run.PeakRssMb);
    }

    [Fact]
    public void A_run_is_failed_when_a_learner_printed_fewer_values_than_submitted()
    {
        var reports = Reports.FinishedRun();
        reports["learner2"] = Reports.Stats("learner2", ("values", 1999), ("lastPrintedUs", 2_000_000));

        RunRecord run = Reports.Record(reports);

        Assert.False(run.ChecksOk);
        Assert.Equal(999.5, run.Throughput, 9);
    }

    [Fact]
    public void A_run_is_failed_when_run_sh_failed_or_its_checks_did()
    {
        Assert.False(Reports.Record(Reports.FinishedRun(), exitStatus: 1).ChecksOk);
        Assert.False(Reports.Record(Reports.FinishedRun(), checksPassed: false).ChecksOk);
    }

    [Fact]
    public void A_learner_without_a_report_learned_nothing_and_the_process_table_says_so()
    {
        var reports = Reports.FinishedRun();
        reports.Remove("learner2");

        RunRecord run = Reports.Record(reports);

        Assert.False(run.ChecksOk);
        Assert.Equal(0, run.Throughput);
        Assert.Contains("| learner2 | (no report) | | | | | | |", RunTables.Markdown(run), StringComparison.Ordinal);
        Assert.DoesNotContain(RunTables.RolesRows(run), row => row.Contains(",learner2,", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_client_send_time_there_is_no_throughput()
    {
        var reports = Reports.FinishedRun();
        reports.Remove("client1");
        reports.Remove("client2");

        RunRecord run = Reports.Record(reports);

        Assert.Equal(0, run.ElapsedSeconds);
        Assert.Equal(0, run.Throughput);
        Assert.Equal(0, run.MegabytesPerSecond);
    }
}
