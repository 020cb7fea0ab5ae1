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

        CommandResult result = Command.RunIsolated(TimeSpan.FromMinutes(2), "bash", "-c", script);

        string text = File.ReadAllText(log);
        Assert.True(result.ExitCode == 0, result.Transcript + "\n--- acceptor.log\n" + text);
        Assert.Contains("statistics at SIGUSR1: {", text, StringComparison.Ordinal);
        Assert.Contains("statistics at stop: {", text, StringComparison.Ordinal);
        Assert.Contains("\"peakRssKb\": ", text, StringComparison.Ordinal);
    }
}
