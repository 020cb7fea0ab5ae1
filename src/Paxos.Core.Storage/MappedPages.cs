using System.Globalization;
using System.Runtime.InteropServices;

namespace Paxos.Core.Storage;

/// <summary>
/// Drops a data file's pages from this process's resident set. LMDB reads through a shared read-only map,
/// and every page a catch-up touches stays mapped and counts in RSS: serving a long history would grow the
/// process by the history's size. <c>madvise(MADV_DONTNEED)</c> on a shared file map only unmaps the pages
/// (the kernel keeps them in its page cache; the next read maps them again), so it is safe at any time.
/// </summary>
internal sealed class MappedPages(string dataFile)
{
    private const int MadviseDontNeed = 4;
    private const string DataFileName = "data.mdb";
    private readonly string _dataFile = Path.GetFullPath(dataFile);
    private bool _unavailable;

    /// <summary>Releases the resident pages of the data file's map; failures only leave the pages resident.</summary>
    public void Release()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        if (_unavailable)
        {
            return;
        }

        try
        {
            foreach ((nint start, nint length) in MappedRanges())
            {
                _ = NativeMethods.madvise(start, length, MadviseDontNeed);
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // Without madvise the pages merely stay resident; that must not stop a catch-up.
            _unavailable = true;
        }
    }

    /// <summary>The ranges of /proc/self/maps that map the data file (LMDB maps it once, at its map size).</summary>
    private List<(nint Start, nint Length)> MappedRanges()
    {
        var ranges = new List<(nint, nint)>();
        try
        {
            foreach (string line in File.ReadLines("/proc/self/maps"))
            {
                // The kernel shows the path with symbolic links resolved, which may differ from the configured
                // one; a role process maps no other LMDB file, so any data.mdb map is this one.
                if (!line.EndsWith(_dataFile, StringComparison.Ordinal) && !line.EndsWith("/" + DataFileName, StringComparison.Ordinal))
                {
                    continue;
                }

                int dash = line.IndexOf('-', StringComparison.Ordinal);
                int space = line.IndexOf(' ', StringComparison.Ordinal);
                if (dash > 0 && space > dash
                    && long.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long start)
                    && long.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long end))
                {
                    // Only the part the file covers can have pages; the rest of the map is reserved address space.
                    long length = Math.Min(end - start, FileLength());
                    if (length > 0)
                    {
                        ranges.Add(((nint)start, (nint)length));
                    }
                }
            }
        }
        catch (IOException)
        {
            // No /proc: nothing to release.
        }

        return ranges;
    }

    private long FileLength()
    {
        var info = new FileInfo(_dataFile);
        return info.Exists ? (info.Length + Environment.SystemPageSize - 1) / Environment.SystemPageSize * Environment.SystemPageSize : 0;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; this call's arguments are all blittable.
        public static extern int madvise(nint address, nint length, int advice);
#pragma warning restore SYSLIB1054
    }
}
