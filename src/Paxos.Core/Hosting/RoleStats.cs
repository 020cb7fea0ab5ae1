using System.Diagnostics;
using System.Globalization;

namespace Paxos.Core.Hosting;

/// <summary>
/// A role process's statistics: times in Unix microseconds, CPU, peak memory, traffic per message type,
/// drops per reason, and the role's own counters. Logged as one structured event when the process stops
/// and on SIGUSR1; at the stop also written as the typed stats report (<see cref="Reports.RoleReport"/>,
/// <c>&lt;folder&gt;/&lt;role&gt;&lt;id&gt;.stats.json</c>) when <see cref="Configuration.ProcessOptions.StatsDirectory"/>
/// (<c>PAXOS_STATS_DIR</c>) names a folder (paxosctl and the benchmark read those).
/// </summary>
public sealed class RoleStats
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    /// <summary>Wall-clock time in Unix microseconds (for comparing times across processes).</summary>
    public static long UnixMicroseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>The measures by name, for a structured log event.</summary>
    public IReadOnlyDictionary<string, object> Values => _values;

    /// <summary>Adds one measure.</summary>
    public void Add(string key, long value)
    {
        _values[key] = value;
    }

    /// <summary>Adds one measure with a fraction.</summary>
    public void Add(string key, double value)
    {
        _values[key] = Math.Round(value, 6);
    }

    /// <summary>
    /// Adds the process's CPU time (user + system), peak resident memory (VmHWM), and the garbage collector's
    /// work: collections per generation, bytes allocated, and the memory it holds at the end (where a peak
    /// RSS above the live data comes from).
    /// </summary>
    public void AddProcessResources()
    {
        using var process = Process.GetCurrentProcess();
        Add("cpuSeconds", process.TotalProcessorTime.TotalSeconds);
        Add("peakRssKb", ReadStatusKilobytes("VmHWM:"));
        Add("gcCollections0", GC.CollectionCount(0));
        Add("gcCollections1", GC.CollectionCount(1));
        Add("gcCollections2", GC.CollectionCount(2));
        Add("gcAllocatedBytes", GC.GetTotalAllocatedBytes());
        Add("gcCommittedBytes", GC.GetGCMemoryInfo().TotalCommittedBytes);
    }

    /// <summary>The measures as numbers, for the typed stats report.</summary>
    public IReadOnlyDictionary<string, double> ToMeasures() =>
        _values.ToDictionary(pair => pair.Key, pair => Convert.ToDouble(pair.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static long ReadStatusKilobytes(string field)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // Not Linux: no figure.
        }

        return 0;
    }
}
