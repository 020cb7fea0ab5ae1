using Paxos.Cluster.Shared;
using Paxos.Core.Configuration;

namespace Paxos.Cluster.Multihost;

/// <summary>
/// The role processes of a multi-host run, each started by its role script on its own host (<see cref="RoleLaunch.Host"/>),
/// with its stderr in logs/&lt;process&gt;.log and its typed reports in stats/. Tracks which were killed on purpose.
/// </summary>
internal sealed class HostProcesses(RepositoryLayout repository, string outFolder) : IDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(3);

    private readonly Dictionary<string, RoleProcess> _started = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ended = new(StringComparer.Ordinal);

    /// <summary>Where the roles write their ready and stats reports.</summary>
    public string StatsFolder => Path.Combine(outFolder, "stats");

    /// <summary>The processes started, in order.</summary>
    public IEnumerable<string> Started => _started.Keys;

    /// <summary>
    /// Starts <paramref name="process"/> (e.g. "learner1") with stdout to <paramref name="stdout"/>; with
    /// <paramref name="stdin"/> null its standard input is a pipe this program writes (<see cref="RoleProcess.Input"/>: a
    /// client's values), else that file.
    /// </summary>
    public RoleProcess Launch(string process, string? stdin, string stdout)
    {
        string role = process.TrimEnd("0123456789".ToCharArray());
        int id = int.Parse(process.AsSpan(role.Length), System.Globalization.CultureInfo.InvariantCulture);
        var launch = new RoleLaunch(role, id, Path.Combine(outFolder, "conf", process + ".conf"), LogOf(process))
        {
            InputFile = stdin ?? "/dev/null",
            InputPiped = stdin is null,
            OutputFile = stdout,
            Host = Topology.HostOf(process),
        };
        RoleProcess started = RoleProcess.Start(repository, launch, new Dictionary<string, string>(StringComparer.Ordinal) { [ProcessOptions.StatsDirectoryVariable] = StatsFolder });
        _started[process] = started;
        return started;
    }

    /// <summary>True while <paramref name="process"/> runs.</summary>
    public bool Alive(string process) => !_started[process].HasExited;

    /// <summary>True when <paramref name="process"/> was killed on purpose or its exit was already seen.</summary>
    public bool Ended(string process) => _ended.Contains(process);

    /// <summary>Marks <paramref name="process"/>'s exit as seen (a client that finished) and returns its exit status.</summary>
    public int Reap(string process)
    {
        _started[process].WaitForExit(Timeout.InfiniteTimeSpan);
        _ended.Add(process);
        return _started[process].ExitStatus;
    }

    /// <summary>Waits until each of <paramref name="processes"/> reported it is receiving (its ready report), 10 s at most each.</summary>
    public void WaitReady(params string[] processes)
    {
        foreach (string process in processes)
        {
            if (RoleReadiness.WaitUntilReady(_started[process], StatsFolder, ReadyLimit) != ReadyOutcome.Ready)
            {
                string log = LogOf(process);
                string tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(20)) : "";
                throw new MultihostFailure($"{process} is not receiving; its log:\n{tail}");
            }
        }
    }

    /// <summary>SIGKILL: a crash, no shutdown code runs.</summary>
    public void Kill(string process)
    {
        _started[process].Crash();
        _ended.Add(process);
    }

    /// <summary>SIGTERM to every process still running; SIGKILL to those still running 3 s later.</summary>
    public void StopAll()
    {
        string[] running = [.. _started.Keys.Where(p => !_ended.Contains(p))];
        foreach (string process in running)
        {
            _started[process].Signal(Signals.Terminate);
        }

        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (running.Any(Alive))
        {
            if (deadline.Elapsed > StopLimit)
            {
                string[] left = [.. running.Where(Alive)];
                Console.Error.WriteLine($"multihost: still running 3 s after SIGTERM, killing: {string.Join(' ', left)}");
                foreach (string process in left)
                {
                    _started[process].Signal(Signals.Kill);
                }

                break;
            }

            Thread.Sleep(50);
        }

        foreach (string process in running)
        {
            _started[process].WaitForExit(Timeout.InfiniteTimeSpan);
            _ended.Add(process);
        }
    }

    /// <summary>Releases the process handles (stop them first).</summary>
    public void Dispose()
    {
        foreach (RoleProcess process in _started.Values)
        {
            process.Dispose();
        }
    }

    private string LogOf(string process) => Path.Combine(outFolder, "logs", process + ".log");
}
