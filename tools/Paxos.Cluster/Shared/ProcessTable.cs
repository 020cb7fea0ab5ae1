using System.Globalization;

namespace Paxos.Cluster.Shared;

/// <summary>The machine's (namespace's) processes by command line, as `pgrep -f` sees them: how a run finds every process of its config.</summary>
public static class ProcessTable
{
    /// <summary>The pids (other than this process) whose command line, arguments joined by spaces, contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> WithCommandLineContaining(string text)
    {
        var found = new List<int>();
        int self = Environment.ProcessId;
        foreach (string entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == self)
            {
                continue;
            }

            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(entry, "cmdline")).TrimEnd('\0').Replace('\0', ' ');
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue; // it ended meanwhile, or is not ours to read
            }

            if (commandLine.Contains(text, StringComparison.Ordinal))
            {
                found.Add(pid);
            }
        }

        return found;
    }
}
