using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Paxos.Core.Hosting;

/// <summary>
/// A role process's statistics: times in Unix microseconds, CPU, peak memory, traffic per message type,
/// drops per reason, and the role's own counters. Logged as one structured event when the process stops
/// and on SIGUSR1; at the stop also written, one <c>key value</c> line per measure, to
/// <c>&lt;folder&gt;/&lt;role&gt;&lt;id&gt;.stats</c> when <see cref="Configuration.ProcessOptions.StatsDirectory"/>
/// (<c>PAXOS_STATS_DIR</c>) names a folder (the benchmark reads those files).
/// </summary>
public sealed class RoleStats
{
    private readonly StringBuilder _text = new();
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    /// <summary>Wall-clock time in Unix microseconds (for comparing times across processes).</summary>
    public static long UnixMicroseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>The measures by name, for a structured log event.</summary>
    public IReadOnlyDictionary<string, object> Values => _values;

    /// <summary>Adds one measure.</summary>
    public void Add(string key, long value)
    {
        _text.Append(key).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        _values[key] = value;
    }

    /// <summary>Adds one measure with a fraction.</summary>
    public void Add(string key, double value)
    {
        _text.Append(key).Append(' ').Append(value.ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
        _values[key] = Math.Round(value, 6);
    }

    /// <summary>Adds the process's CPU time (user + system) and peak resident memory (VmHWM).</summary>
    public void AddProcessResources()
    {
        using var process = Process.GetCurrentProcess();
        Add("cpuSeconds", process.TotalProcessorTime.TotalSeconds);
        Add("peakRssKb", ReadStatusKilobytes("VmHWM:"));
    }

    /// <summary>Writes the report to <paramref name="path"/> (replacing it; through a temporary file, so a reader never sees half).</summary>
    public void WriteTo(string path)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, _text.ToString());
        File.Move(temporary, path, overwrite: true);
    }

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
