using Paxos.Core.Hosting.Reports;

namespace Paxos.EndToEnd;

/// <summary>The statistics event every role logs when it stops and on SIGUSR1.</summary>
public sealed class StatisticsTests
{
    [Fact]
    public void Sigusr1_logs_statistics_and_the_process_goes_on_then_stop_logs_them_again()
    {
        using var run = new RunFolder("sigusr1");
        string conf = run.File("paxos.conf");
        File.Copy(Repository.PathOf("paxos.conf"), conf);
        string log = run.File("acceptor.log");
        string script = $$"""
            set -euo pipefail
            '{{Repository.PathOf("acceptor.sh")}}' 1 '{{conf}}' 2>'{{log}}' &
            pid=$!
            until grep -q 'receiving on' '{{log}}'; do sleep 0.05; done
            kill -USR1 "$pid"
            sleep 0.5
            kill -0 "$pid"
            kill -TERM "$pid"
            wait "$pid"
            """;

        CapturedRun result = Command.RunIsolated(TimeSpan.FromMinutes(2), "bash", "-c", script);

        string text = File.ReadAllText(log);
        Assert.True(result.ExitCode == 0, result.Transcript + "\n--- acceptor.log\n" + text);
        Assert.Contains("statistics at SIGUSR1: {", text, StringComparison.Ordinal);
        Assert.Contains("statistics at stop: {", text, StringComparison.Ordinal);
        Assert.Contains("\"peakRssKb\": ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_stats_folder_a_role_writes_a_typed_ready_report_while_running_and_a_stats_report_at_stop()
    {
        using var run = new RunFolder("reports");
        string conf = run.File("paxos.conf");
        File.Copy(Repository.PathOf("paxos.conf"), conf);
        string reports = run.File("stats");
        Directory.CreateDirectory(reports);
        string ready = RoleReportFile.PathOf(reports, "learner", 1, RoleReportKind.Ready);
        string script = $$"""
            set -euo pipefail
            PAXOS_STATS_DIR='{{reports}}' '{{Repository.PathOf("learner.sh")}}' 1 '{{conf}}' >/dev/null 2>'{{run.File("learner.log")}}' &
            pid=$!
            until [[ -f '{{ready}}' ]]; do kill -0 "$pid"; sleep 0.05; done
            echo "pid $pid"
            kill -TERM "$pid"
            wait "$pid"
            """;

        CapturedRun result = Command.RunIsolated(TimeSpan.FromMinutes(2), "bash", "-c", script);

        Assert.True(result.ExitCode == 0, result.Transcript);
        int pid = int.Parse(result.StandardOutput.Trim().Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        RoleReport? readyReport = RoleReportFile.TryRead(ready);
        RoleReport? stopReport = RoleReportFile.TryRead(reports, "learner", 1, RoleReportKind.Stats);
        Assert.NotNull(readyReport);
        Assert.NotNull(stopReport);
        Assert.Equal((pid, pid), (readyReport.Pid, stopReport.Pid));
        Assert.True(readyReport.GetLong("readyUs") > 0 && readyReport.GetLong("receiveBufferBytes") > 0, result.Transcript);
        Assert.Equal(readyReport.GetLong("readyUs"), stopReport.GetLong("readyUs"));
        Assert.True(stopReport.GetLong("peakRssKb") > 0 && stopReport.AtUs >= readyReport.AtUs, result.Transcript);
        Assert.Equal(0, stopReport.GetLong("values", -1));
    }
}
