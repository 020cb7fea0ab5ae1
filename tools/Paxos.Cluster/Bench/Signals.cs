using System.Runtime.InteropServices;

namespace Paxos.Cluster.Bench;

/// <summary>POSIX signals by pid or process group (.NET's Process.Kill only sends SIGKILL, and only to a process).</summary>
internal static class Signals
{
    private const int Terminate = 15;

    /// <summary>Sends SIGTERM to <paramref name="pid"/>; false when there is no such process (any more).</summary>
    public static bool SendTerminate(int pid) => NativeMethods.kill(pid, Terminate) == 0;

    /// <summary>Sends SIGTERM to every process of group <paramref name="processGroup"/>; false when the group is empty.</summary>
    public static bool TerminateGroup(int processGroup) => NativeMethods.kill(-processGroup, Terminate) == 0;

    /// <summary>True while group <paramref name="processGroup"/> has a process (signal 0 checks without sending anything).</summary>
    public static bool GroupExists(int processGroup) => NativeMethods.kill(-processGroup, 0) == 0;

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; this call's arguments are all blittable.
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int kill(int pid, int signal);
#pragma warning restore SYSLIB1054
    }
}
