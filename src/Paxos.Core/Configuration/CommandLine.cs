using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Paxos.Core.Configuration;

/// <summary>Parses the <c>&lt;id&gt; &lt;path to config&gt;</c> arguments every role executable takes.</summary>
public static class CommandLine
{
    /// <summary>The largest process id accepted; ids are small in practice, and a bound keeps typos visible.</summary>
    public const int MaxId = 1_000_000;

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> says why in one line.</summary>
    /// <returns>True when there are exactly two arguments, an id in 0..<see cref="MaxId"/> and a non-empty path.</returns>
    public static bool TryParse(string[] args, out int id, out string configPath, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        id = 0;
        configPath = string.Empty;

        if (args.Length != 2)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"expected 2 arguments (<id> <path to config>), got {args.Length}");
            return false;
        }

        if (!IsDigits(args[0]) || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed > MaxId)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"id '{args[0]}' is not an integer in 0..{MaxId}");
            return false;
        }

        if (string.IsNullOrWhiteSpace(args[1]))
        {
            error = "the config path is empty";
            return false;
        }

        id = parsed;
        configPath = args[1];
        error = string.Empty;
        return true;
    }

    /// <summary>The usage line to print after a parse error.</summary>
    public static string Usage(string program) => $"usage: {program} <id> <path to config>";

    private static bool IsDigits([NotNullWhen(true)] string? text) => !string.IsNullOrEmpty(text) && text.All(char.IsAsciiDigit);
}
