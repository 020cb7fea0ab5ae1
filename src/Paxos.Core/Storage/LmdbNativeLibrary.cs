using System.Reflection;
using System.Runtime.InteropServices;
using LightningDB;

namespace Paxos.Core.Storage;

/// <summary>
/// Finds the native LMDB library for LightningDB. Its bundled linux-x64 build needs glibc 2.38, newer than
/// Debian 12's, so when it does not load the system's <c>liblmdb.so.0</c> (apt package <c>liblmdb0</c>) is
/// used instead. Probed once, before the first store opens, so a missing library is one clear line.
/// </summary>
internal static class LmdbNativeLibrary
{
    private const string SystemLibrary = "liblmdb.so.0";
    private static readonly Lock Gate = new();
    private static IntPtr s_handle;

    /// <summary>Loads the library (once); throws <see cref="StorageException"/> for <paramref name="folder"/> if there is none.</summary>
    public static void EnsureLoaded(string folder, string owner)
    {
        lock (Gate)
        {
            if (s_handle != IntPtr.Zero)
            {
                return;
            }

            Assembly lightning = typeof(LightningEnvironment).Assembly;
            if (!NativeLibrary.TryLoad("lmdb", lightning, null, out IntPtr handle)
                && !NativeLibrary.TryLoad(SystemLibrary, out handle))
            {
                throw new StorageException(folder, $"{owner}: data_dir needs LMDB: apt install liblmdb0");
            }

            s_handle = handle;
            NativeLibrary.SetDllImportResolver(lightning, (name, _, _) => name == "lmdb" ? s_handle : IntPtr.Zero);
        }
    }
}
