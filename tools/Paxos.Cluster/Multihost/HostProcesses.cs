using System.Diagnostics;
using Paxos.Cluster.Bench;
using Paxos.Core.Hosting.Reports;

namespace Paxos.Cluster.Multihost;

/// <summary>
/// The role processes of a multi-host run, each started by its role script on its own host (`ip netns exec`), with
/// its stderr in logs/&lt;process&gt;.log and its typed reports in stats/. Tracks which were killed on purpose.
/// </summary>
internal sealed class HostProcesses(string repository, string outFolder) : IDisposable
{
    private readonly Dictionary<string, Process> _started = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ended = new(StringComparer.Ordinal);

    /// <summary>Where the roles write their ready and stats reports.</summary>
    public string StatsFolder => Path.Combine(outFolder, "stats");

    /// <summary>The processes started, in order.</summary>
    public IEnumerable<string> Started => _started.Keys;

    /// <summary>
    /// Starts <paramref name="process"/> (e.g. "learner1") with stdout to <paramref name="stdout"/>; with
    /// <paramref name="stdin"/> null its standard input is a pipe this program writes (a client's values), else that file.
    /// </summary>
    public Process Launch(string process, string? stdin, string stdout)
    {
        string role = process.TrimEnd("0123456789".ToCharArray());
        string id = process[role.Length..];
        // .NET cannot hand a file to a child: a one-line bash redirects, then execs `ip netns exec`, which execs the
        // role script, which execs the program: one pid throughout.
        var start = new ProcessStartInfo("/usr/bin/env") { UseShellExecute = false, RedirectStandardInput = stdin is null };
        foreach (string argument in (string[])
                 ["bash", "-c", "in=$1 out=$2 log=$3; shift 3; if [ -n \"$in\" ]; then exec <\"$in\"; fi; exec \"$@\" >\"$out\" 2>\"$log\"", "bash",
                  stdin ?? "", stdout, Path.Combine(outFolder, "logs", process + ".log"),
                  "ip", "netns", "exec", Topology.HostOf(process), Path.Combine(repository, role + ".sh"), id, Path.Combine(outFolder, "conf", process + ".conf")])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PAXOS_STATS_DIR"] = StatsFolder;
        Process started = Process.Start(start) ?? throw new MultihostFailure($"cannot start {process}");
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
        _started[process].WaitForExit();
        _ended.Add(process);
        return _started[process].ExitCode;
    }

    /// <summary>Waits until each of <paramref name="processes"/> reported it is receiving (its ready report), 10 s at most each.</summary>
    public void WaitReady(params string[] processes)
    {
        foreach (string process in processes)
        {
            string role = process.TrimEnd("0123456789".ToCharArray());
            int id = int.Parse(process.AsSpan(role.Length), System.Globalization.CultureInfo.InvariantCulture);
            var deadline = Stopwatch.StartNew();
            while (RoleReportFile.TryRead(StatsFolder, role, id, RoleReportKind.Ready) is null)
            {
                if (!Alive(process) || deadline.Elapsed > TimeSpan.FromSeconds(10))
                {
                    string log = Path.Combine(outFolder, "logs", process + ".log");
                    string tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(20)) : "";
                    throw new MultihostFailure($"{process} is not receiving; its log:\n{tail}");
                }

                Thread.Sleep(20);
            }
        }
    }

    /// <summary>SIGKILL: a crash, no shutdown code runs.</summary>
    public void Kill(string process)
    {
        KillNow(_started[process]);
        _started[process].WaitForExit();
        _ended.Add(process);
    }

    /// <summary>SIGTERM to every process still running; SIGKILL to those still running 3 s later.</summary>
    public void StopAll()
    {
        string[] running = [.. _started.Keys.Where(p => !_ended.Contains(p))];
        foreach (string process in running)
        {
            Signals.SendTerminate(_started[process].Id);
        }

        var deadline = Stopwatch.StartNew();
        while (running.Any(Alive))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(3))
            {
                string[] left = [.. running.Where(Alive)];
                Console.Error.WriteLine($"multihost: still running 3 s after SIGTERM, killing: {string.Join(' ', left)}");
                foreach (string process in left)
                {
                    KillNow(_started[process]);
                }

                break;
            }

            Thread.Sleep(50);
        }

        foreach (string process in running)
        {
            _started[process].WaitForExit();
            _ended.Add(process);
        }
    }

    private static void KillNow(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It ended by itself meanwhile.
        }
    }

    /// <summary>Releases the process handles (stop them first).</summary>
    public void Dispose()
    {
        foreach (Process process in _started.Values)
        {
            process.Dispose();
        }
    }
}
