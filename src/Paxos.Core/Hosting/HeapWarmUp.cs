using System.Diagnostics;

namespace Paxos.Core.Hosting;

/// <summary>
/// Faults in the garbage collector's young-generation memory before a role reports ready. On a virtual machine
/// like the one this project is measured on, the first write to each fresh 4 KiB page traps (~10 µs), and a
/// role's first megabytes of allocations all land on fresh pages: the leader took 15-23 ms over the first
/// client request (11,500 small values) and every value of the first window waited on it. Allocating and
/// dropping a few young generations' worth here, then collecting, leaves those pages touched for the
/// allocations that follow (as a JVM's AlwaysPreTouch does for its heap): the cost moves before the ready
/// report, off the values' path (10-14 ms for that request after it, and 2 x 1,000,000 values 5-10% faster).
/// </summary>
public static class HeapWarmUp
{
    /// <summary>Twice the young generation's budget under the concurrent collector (6 MB), in small objects.</summary>
    public const int Bytes = 32 << 20;

    /// <summary>Allocates and drops <see cref="Bytes"/> in small objects, collects, and returns how long it took.</summary>
    public static TimeSpan Run()
    {
        long started = Stopwatch.GetTimestamp();
        const int objectBytes = 1_000;
        object? last = null;
        for (int allocated = 0; allocated < Bytes; allocated += objectBytes)
        {
            last = new byte[objectBytes];
        }

        GC.KeepAlive(last);
        GC.Collect();
        return Stopwatch.GetElapsedTime(started);
    }
}
