using System.Reflection;
using System.Runtime.InteropServices;
using LightningDB;

namespace Paxos.Core.Storage;

/// <summary>
/// Finds the native LMDB library for LightningDB: the system's <c>liblmdb.so.0</c> (apt package
/// <c>liblmdb0</c>) when it is installed, else the package's bundled build (which needs glibc 2.38, newer than
/// Debian 12's). The system library comes first because the two write different file formats (0.9 and 1.0):
/// a machine whose glibc is upgraded must keep reading the folders it wrote. Probed once, before the first
/// store opens, so a missing library is one clear line.
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
            if (!NativeLibrary.TryLoad(SystemLibrary, out IntPtr handle)
                && !NativeLibrary.TryLoad("lmdb", lightning, null, out handle))
            {
                throw new StorageException(folder, $"{owner}: data_dir needs LMDB: apt install liblmdb0");
            }

            s_handle = handle;
            NativeLibrary.SetDllImportResolver(lightning, (name, _, _) => name == "lmdb" ? s_handle : IntPtr.Zero);
        }
    }
}
