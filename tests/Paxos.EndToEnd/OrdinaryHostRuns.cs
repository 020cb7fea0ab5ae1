namespace Paxos.EndToEnd;

/// <summary>
/// Every mode of the course harness replica, run once on a laptop-like host (tests/harness/ordinary_host.sh:
/// eth0 carries the default route, no multicast route) with no environment variable of ours. The five runs
/// go in parallel, each in its own namespace and parent folder: they are mostly the harness's fixed sleeps
/// (17 s, 19 s for catch_up), so together they take about as long as one.
/// </summary>
public sealed class OrdinaryHostRuns : IDisposable
{
    /// <summary>Values per client: enough for many instances, small enough for a fraction of the 5 s window.</summary>
    public const int ValuesPerClient = 1000;

    private readonly Dictionary<string, CourseHarnessRun> _runs;

    public OrdinaryHostRuns()
    {
        CourseHarnessRun.EnsureBuilt();
        string[] modes = ["run", "2acceptor", "1acceptor", "loss", "catch_up"];
        // Threads of their own: each run blocks its thread for ~20 s, and the pool would start them one by one.
        Task<CourseHarnessRun>[] started = [.. modes.Select(mode => Task.Factory.StartNew(
            () => CourseHarnessRun.Start("tests/harness/ordinary_host.sh", mode, ValuesPerClient),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))];
        Task.WaitAll(started);
        _runs = modes.Zip(started, (mode, run) => (mode, run.Result)).ToDictionary(pair => pair.mode, pair => pair.Result);
    }

    internal CourseHarnessRun Of(string mode) => _runs[mode];

    public void Dispose()
    {
        foreach (CourseHarnessRun run in _runs.Values)
        {
            run.Dispose();
        }
    }
}
