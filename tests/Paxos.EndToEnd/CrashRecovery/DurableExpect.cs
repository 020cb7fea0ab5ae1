using Paxos.Core.Hosting.Reports;

namespace Paxos.EndToEnd.CrashRecovery;

/// <summary>Assertions on runs in durable mode (data_dir): restarts, power cuts, outputs too large to load.</summary>
internal static class DurableExpect
{
    /// <summary>The run kept the log of a process's earlier life as &lt;name&gt;.log.1: it was really killed and started again.</summary>
    public static void WasRestarted(RunFolder run, string name)
    {
        Assert.True(File.Exists(run.File($"logs/{name}.log.1")), $"{name} was not restarted (no logs/{name}.log.1)");
        Assert.True(File.Exists(run.File($"logs/{name}.log")), $"{name} has no log after its restart");
    }

    /// <summary>The process's stop report counts synced commits of its data folder (the role host reports every store's).</summary>
    public static void CommittedToDisk(RunFolder run, string role, int id)
    {
        RoleReport? stats = RoleReportFile.TryRead(run.File("stats"), role, id, RoleReportKind.Stats);
        Assert.True(stats is not null, $"{role}{id} wrote no stats report");
        Assert.True(stats.GetLong("storageCommits") > 0 && stats.Get("storageCommitSeconds") > 0, $"{role}{id} reported no commits to its data folder");
    }

    /// <summary>The file <paramref name="before"/> is a byte prefix of <paramref name="after"/>: nothing lost or reordered.</summary>
    public static void IsPrefix(RunFolder run, string before, string after)
    {
        using FileStream earlier = File.OpenRead(run.File(before));
        using FileStream later = File.OpenRead(run.File(after));
        Assert.True(earlier.Length <= later.Length, $"{before} ({earlier.Length} bytes) is longer than {after} ({later.Length} bytes)");
        AssertSameBytes(earlier, later, earlier.Length, $"{before} is not a prefix of {after}");
    }

    /// <summary>Two large files are equal, compared in chunks (millions of lines need not be loaded).</summary>
    public static void SameFile(RunFolder run, string first, string second)
    {
        using FileStream one = File.OpenRead(run.File(first));
        using FileStream two = File.OpenRead(run.File(second));
        Assert.True(one.Length == two.Length, $"{first} has {one.Length} bytes, {second} {two.Length}");
        AssertSameBytes(one, two, one.Length, $"{first} and {second} differ");
    }

    /// <summary>Newlines in a file, counted in chunks.</summary>
    public static long LineCount(RunFolder run, string name)
    {
        using FileStream stream = File.OpenRead(run.File(name));
        byte[] buffer = new byte[1 << 20];
        long lines = 0;
        for (int read; (read = stream.Read(buffer)) > 0;)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }

    private static void AssertSameBytes(Stream one, Stream two, long length, string message)
    {
        byte[] a = new byte[1 << 20];
        byte[] b = new byte[1 << 20];
        for (long offset = 0; offset < length;)
        {
            int want = (int)Math.Min(a.Length, length - offset);
            one.ReadExactly(a, 0, want);
            two.ReadExactly(b, 0, want);
            int mismatch = a.AsSpan(0, want).CommonPrefixLength(b.AsSpan(0, want));
            Assert.True(mismatch == want, $"{message} (first difference at byte {offset + mismatch})");
            offset += want;
        }
    }
}
