using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Paxos.Core.Configuration;

/// <summary>
/// Parses and range-checks each setting's text. Used both for the file's lines and for environment
/// overrides, so a value means the same wherever it comes from. Problems are phrased without a
/// location; the caller prefixes the file line or the variable.
/// </summary>
internal static class SettingParsers
{
    public const int MinPort = 1;
    public const int MaxPort = 65535;
    public const int MinAcceptorCount = 1;
    public const int MaxAcceptorCount = 64;
    public const int MinTtl = 0;
    public const int MaxTtl = 255;

    /// <summary>An upper bound that keeps <see cref="TimeSpan.FromSeconds(double)"/> from overflowing; a day is far beyond any sane timeout.</summary>
    public const double MaxTimeoutSeconds = 86_400;

    /// <summary>The <c>interface</c> value that leaves the choice of interface to the system's routes.</summary>
    public const string AutomaticInterface = "auto";

    public static bool TryParseMulticastAddress(string text, [NotNullWhen(true)] out IPAddress? address, [NotNullWhen(false)] out string? problem)
    {
        // 224.0.0.0/4: the first octet is 224..239.
        if (TryParseDottedQuad(text, out address) && address.GetAddressBytes()[0] is >= 224 and <= 239)
        {
            problem = null;
            return true;
        }

        address = null;
        problem = $"address {text} is not an IPv4 multicast address (224.0.0.0/4)";
        return false;
    }

    public static bool TryParsePort(string text, out int port, [NotNullWhen(false)] out string? problem) =>
        TryParseInteger("port", text, MinPort, MaxPort, out port, out problem);

    public static bool TryParseAcceptorCount(string text, out int count, [NotNullWhen(false)] out string? problem) =>
        TryParseInteger(ConfigurationKeys.AcceptorCount, text, MinAcceptorCount, MaxAcceptorCount, out count, out problem);

    public static bool TryParseTtl(string text, out int ttl, [NotNullWhen(false)] out string? problem) =>
        TryParseInteger(ConfigurationKeys.Ttl, text, MinTtl, MaxTtl, out ttl, out problem);

    /// <summary>
    /// The <c>interface</c> value: an IPv4 address of a local interface (IP_MULTICAST_IF names an interface by
    /// one of its own unicast addresses), or <c>auto</c> for the system's choice by its routes (null).
    /// </summary>
    public static bool TryParseInterface(string text, out IPAddress? address, [NotNullWhen(false)] out string? problem)
    {
        if (string.Equals(text, AutomaticInterface, StringComparison.OrdinalIgnoreCase))
        {
            address = null;
            problem = null;
            return true;
        }

        if (TryParseDottedQuad(text, out IPAddress? parsed) && parsed.GetAddressBytes()[0] is > 0 and (< 224 or > 239))
        {
            address = parsed;
            problem = null;
            return true;
        }

        address = null;
        problem = $"interface {text} is not an IPv4 unicast address of a local interface (e.g. 192.168.1.10; 127.0.0.1 is the default) nor '{AutomaticInterface}' (the system's choice)";
        return false;
    }

    public static bool TryParseTimeout(string text, out TimeSpan timeout, [NotNullWhen(false)] out string? problem)
    {
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds)
            && seconds > 0
            && seconds <= MaxTimeoutSeconds)
        {
            timeout = TimeSpan.FromSeconds(seconds);
            problem = null;
            return true;
        }

        timeout = default;
        problem = string.Create(
            CultureInfo.InvariantCulture,
            $"timeout {text} is not a positive number of seconds (at most {MaxTimeoutSeconds})");
        return false;
    }

    public static bool TryParseClusterId(string text, out uint clusterId, [NotNullWhen(false)] out string? problem)
    {
        if (IsDigits(text) && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out clusterId))
        {
            problem = null;
            return true;
        }

        clusterId = 0;
        problem = string.Create(CultureInfo.InvariantCulture, $"cluster_id {text} is not an integer in 0..{uint.MaxValue}");
        return false;
    }

    /// <summary>
    /// Checks the syntax of a <c>key_file</c> path; the file itself (existence, permissions, size) is
    /// checked when the options are bound, relative to the configuration file's folder.
    /// </summary>
    public static bool TryParseKeyFilePath(string text, [NotNullWhen(false)] out string? problem)
    {
        problem = string.IsNullOrWhiteSpace(text) ? "key_file needs a path" : null;
        return problem is null;
    }

    /// <summary>
    /// Checks the syntax of a <c>data_dir</c> path; that it is not a file is checked when the options are
    /// bound (relative to the configuration file's folder). A missing folder is created at start.
    /// </summary>
    public static bool TryParseDataDirPath(string text, [NotNullWhen(false)] out string? problem)
    {
        problem = string.IsNullOrWhiteSpace(text) ? "data_dir needs a path" : null;
        return problem is null;
    }

    /// <summary>Checks an optional setting's value, for the provider, which only validates and keeps the text.</summary>
    public static bool TryValidateOptional(string key, string text, [NotNullWhen(false)] out string? problem) => key switch
    {
        ConfigurationKeys.AcceptorCount => TryParseAcceptorCount(text, out _, out problem),
        ConfigurationKeys.Ttl => TryParseTtl(text, out _, out problem),
        ConfigurationKeys.Interface => TryParseInterface(text, out _, out problem),
        ConfigurationKeys.Timeout => TryParseTimeout(text, out _, out problem),
        ConfigurationKeys.ClusterId => TryParseClusterId(text, out _, out problem),
        ConfigurationKeys.KeyFile => TryParseKeyFilePath(text, out problem),
        ConfigurationKeys.DataDir => TryParseDataDirPath(text, out problem),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not an optional setting"),
    };

    private static bool TryParseInteger(string what, string text, int min, int max, out int value, [NotNullWhen(false)] out string? problem)
    {
        value = 0;
        if (!IsDigits(text))
        {
            problem = $"{what} '{text}' is not a number";
            return false;
        }

        // Digits that overflow an int are simply a number far out of range.
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            value = 0;
            problem = string.Create(CultureInfo.InvariantCulture, $"{what} {text} is out of range {min}..{max}");
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>
    /// Accepts only the plain four-decimal-octet form. <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>
    /// also takes "239.1", "0xEF000001" or octal "0239.0.0.1", which would silently mean another group.
    /// </summary>
    private static bool TryParseDottedQuad(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        string[] parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        var bytes = new byte[4];
        for (int i = 0; i < 4; i++)
        {
            string part = parts[i];
            bool leadingZero = part.Length > 1 && part[0] == '0';
            if (part.Length is 0 or > 3 || leadingZero || !IsDigits(part)
                || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        address = new IPAddress(bytes);
        return true;
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
