using System.Runtime.InteropServices;

namespace Paxos.Cluster.Multihost;

/// <summary>SIGTERM to a process by pid (a stop the role handles); .NET's Process.Kill only sends SIGKILL.</summary>
internal static class Signals
{
    private const int Terminate = 15;

    /// <summary>Sends SIGTERM to <paramref name="pid"/>; false when there is no such process (any more).</summary>
    public static bool SendTerminate(int pid) => NativeMethods.kill(pid, Terminate) == 0;

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; this call's arguments are all blittable.
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int kill(int pid, int signal);
#pragma warning restore SYSLIB1054
    }
}
