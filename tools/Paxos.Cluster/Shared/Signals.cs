using System.Runtime.InteropServices;

namespace Paxos.Cluster.Shared;

/// <summary>
/// POSIX signals to processes by pid or process group: SIGTERM (a stop the role handles) and SIGKILL (a crash: no
/// shutdown code runs). .NET's Process.Kill only sends SIGKILL, and only to a process.
/// </summary>
public static partial class Signals
{
    /// <summary>SIGINT.</summary>
    public const int Interrupt = 2;

    /// <summary>SIGKILL.</summary>
    public const int Kill = 9;

    /// <summary>SIGTERM.</summary>
    public const int Terminate = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when there is no such process (any more).</summary>
    public static bool Send(int pid, int signal) => NativeMethods.kill(pid, signal) == 0;

    /// <summary>True while <paramref name="pid"/> exists (signal 0 checks without sending anything).</summary>
    public static bool Exists(int pid) => NativeMethods.kill(pid, 0) == 0;

    /// <summary>Sends <paramref name="signal"/> to every process of group <paramref name="processGroup"/>; false when the group is empty.</summary>
    public static bool SendToGroup(int processGroup, int signal) => NativeMethods.kill(-processGroup, signal) == 0;

    /// <summary>True while group <paramref name="processGroup"/> has a process.</summary>
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
