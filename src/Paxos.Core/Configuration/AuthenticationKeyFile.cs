using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Paxos.Core.Configuration;

/// <summary>
/// Reads the shared key named by a <c>key_file</c> line. The key authenticates every frame, so the
/// file must be a regular file that neither the group nor others can read or write (e.g. mode 600),
/// and hold 16 to 4,096 bytes, used as they are (e.g. <c>head -c 32 /dev/urandom &gt; paxos.key</c>).
/// </summary>
public static class AuthenticationKeyFile
{
    /// <summary>Fewer bytes than this would make the HMAC guessable.</summary>
    public const int MinBytes = 16;

    /// <summary>A sanity bound: a key file is small.</summary>
    public const int MaxBytes = 4096;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Loads the key at <paramref name="path"/> (absolute); on failure <paramref name="problem"/> says why.</summary>
    public static bool TryLoad(string path, [NotNullWhen(true)] out byte[]? key, [NotNullWhen(false)] out string? problem)
    {
        key = null;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            problem = $"key file {path} does not exist";
            return false;
        }

        if (!OperatingSystem.IsWindows() && (info.UnixFileMode & GroupOrOthers) != 0)
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"key file {path} is accessible by group or others (mode {Convert.ToString((int)info.UnixFileMode, 8)}); run chmod 600 on it");
            return false;
        }

        if (info.Length < MinBytes || info.Length > MaxBytes)
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"key file {path} holds {info.Length} bytes; a key needs {MinBytes} to {MaxBytes}");
            return false;
        }

        try
        {
            key = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read key file {path} ({exception.Message})";
            return false;
        }

        problem = null;
        return true;
    }
}
