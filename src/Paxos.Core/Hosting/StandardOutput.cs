using Microsoft.Win32.SafeHandles;

namespace Paxos.Core.Hosting;

/// <summary>
/// Standard output as a plain file stream on descriptor 1. <see cref="Console.OpenStandardOutput()"/>
/// silently discards writes to a pipe whose reader has gone (EPIPE), so a learner would go on learning
/// into the void; a file stream reports it as an <see cref="IOException"/>, and the learner stops.
/// </summary>
public static class StandardOutput
{
    /// <summary>Opens descriptor 1 for writing, unbuffered (the caller buffers), without owning it.</summary>
    public static Stream Open() =>
        OperatingSystem.IsWindows()
            ? Console.OpenStandardOutput()
            : new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
}
