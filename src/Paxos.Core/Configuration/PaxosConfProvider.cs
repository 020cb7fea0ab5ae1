using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Paxos.Core.Configuration;

/// <summary>
/// Reads a <c>paxos.conf</c> file into flat configuration keys (<c>clients:address</c>,
/// <c>clients:port</c>, … <c>acceptor_count</c>, <c>ttl</c>, <c>interface</c>, <c>timeout</c>,
/// <c>cluster_id</c>). All syntax checks happen here, while the line number is still known, and
/// fail with a <see cref="ConfigurationFileException"/> naming the line.
/// </summary>
/// <remarks>
/// Format: one setting per line, fields separated by spaces or tabs, <c>#</c> starts a comment,
/// blank lines ignored, line names case-insensitive. The four role lines are required.
/// </remarks>
public sealed class PaxosConfProvider : ConfigurationProvider
{
    private readonly Dictionary<string, int> lineOfKey = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a provider for <paramref name="source"/>'s file; nothing is read until <see cref="Load"/>.</summary>
    public PaxosConfProvider(PaxosConfSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        FilePath = System.IO.Path.GetFullPath(source.Path);
    }

    /// <summary>The full path of the file, as error messages show it.</summary>
    public string FilePath { get; }

    /// <summary>The line a key's value was read from; false for keys the file did not set.</summary>
    public bool TryGetLine(string key, out int line) => lineOfKey.TryGetValue(key, out line);

    /// <inheritdoc/>
    /// <exception cref="ConfigurationFileException">The file is missing, unreadable or invalid.</exception>
    public override void Load()
    {
        string[] lines = ReadAllLines();
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var firstLineOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        lineOfKey.Clear();

        for (int index = 0; index < lines.Length; index++)
        {
            int lineNumber = index + 1;
            string[] fields = SplitFields(lines[index]);
            if (fields.Length == 0)
            {
                continue;
            }

            string name = fields[0].ToLowerInvariant();
            if (firstLineOf.TryGetValue(name, out int firstLine))
            {
                throw Error(lineNumber, string.Create(CultureInfo.InvariantCulture, $"duplicate '{name}' line (first at line {firstLine})"));
            }

            if (ConfigurationKeys.Roles.Any(role => role.Name == name))
            {
                ReadRoleLine(name, fields, lineNumber, data);
            }
            else if (ConfigurationKeys.Optional.Contains(name))
            {
                ReadOptionalLine(name, fields, lineNumber, data);
            }
            else
            {
                throw Error(lineNumber, $"unknown key '{fields[0]}' (expected {ConfigurationKeys.AllLineNames})");
            }

            firstLineOf[name] = lineNumber;
        }

        // Checked only after the whole file, so one message can list every missing line.
        string[] missing = [.. ConfigurationKeys.Roles.Select(role => role.Name).Where(name => !firstLineOf.ContainsKey(name))];
        if (missing.Length == 1)
        {
            throw new ConfigurationFileException(FilePath, null, $"missing required '{missing[0]}' line ({missing[0]} <multicast address> <port>)");
        }

        if (missing.Length > 1)
        {
            throw new ConfigurationFileException(FilePath, null, $"missing required lines: {string.Join(", ", missing)} (each '<role> <multicast address> <port>')");
        }

        Data = data;
    }

    private void ReadRoleLine(string role, string[] fields, int lineNumber, Dictionary<string, string?> data)
    {
        const int expected = 3;
        if (fields.Length != expected)
        {
            throw Error(lineNumber, WrongFieldCount(role, expected, $"{role} <multicast address> <port>", fields.Length));
        }

        if (!SettingParsers.TryParseMulticastAddress(fields[1], out _, out string? addressProblem))
        {
            throw Error(lineNumber, $"'{role}' {addressProblem}");
        }

        if (!SettingParsers.TryParsePort(fields[2], out _, out string? portProblem))
        {
            throw Error(lineNumber, $"'{role}' {portProblem}");
        }

        Set(data, ConfigurationKeys.AddressOf(role), fields[1], lineNumber);
        Set(data, ConfigurationKeys.PortOf(role), fields[2], lineNumber);
    }

    private void ReadOptionalLine(string key, string[] fields, int lineNumber, Dictionary<string, string?> data)
    {
        const int expected = 2;
        if (fields.Length != expected)
        {
            throw Error(lineNumber, WrongFieldCount(key, expected, $"{key} <value>", fields.Length));
        }

        if (!SettingParsers.TryValidateOptional(key, fields[1], out string? problem))
        {
            throw Error(lineNumber, problem);
        }

        Set(data, key, fields[1], lineNumber);
    }

    private void Set(Dictionary<string, string?> data, string key, string value, int lineNumber)
    {
        data[key] = value;
        lineOfKey[key] = lineNumber;
    }

    private string[] ReadAllLines()
    {
        try
        {
            return File.ReadAllLines(FilePath);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigurationFileException(FilePath, null, "no such file", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationFileException(FilePath, null, $"cannot read the file ({exception.Message})", exception);
        }
    }

    private static string[] SplitFields(string line)
    {
        int comment = line.IndexOf('#', StringComparison.Ordinal);
        string content = comment >= 0 ? line[..comment] : line;

        // Any whitespace separates fields, so tabs and the '\r' of CRLF files are harmless.
        return content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }

    private static string WrongFieldCount(string name, int expected, string form, int found) =>
        string.Create(CultureInfo.InvariantCulture, $"'{name}' line needs {expected} fields ({form}), found {found}");

    private ConfigurationFileException Error(int lineNumber, string problem) => new(FilePath, lineNumber, problem);
}
