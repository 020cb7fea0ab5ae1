using Microsoft.Extensions.Configuration;

namespace Paxos.Core.Configuration;

/// <summary>
/// Maps <c>PAXOS_</c> environment variables to configuration keys, by the standard environment
/// provider's convention: the prefix is matched case-insensitively and dropped, <c>__</c> becomes
/// <c>:</c> (<c>PAXOS_ACCEPTORS__PORT</c> → <c>acceptors:port</c>).
/// </summary>
internal static class EnvironmentOverrides
{
    public const string Prefix = "PAXOS_";

    /// <summary>The configuration key a variable sets, or null if it is not a <c>PAXOS_</c> variable.</summary>
    public static string? ToConfigurationKey(string variableName)
    {
        // Like the standard provider: normalize first, then match the prefix.
        string normalized = variableName.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
        return normalized.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? normalized[Prefix.Length..] : null;
    }

    /// <summary>The configuration entries the <c>PAXOS_</c> variables among <paramref name="environment"/> set.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ToConfigurationEntries(IReadOnlyDictionary<string, string?> environment) =>
        from variable in environment
        let key = ToConfigurationKey(variable.Key)
        where key is not null
        select KeyValuePair.Create(key, variable.Value);

    /// <summary>
    /// The variable that set <paramref name="key"/>, for error messages. When several differ only in
    /// case, the standard provider's choice is unspecified, so the name is the best guess.
    /// </summary>
    public static string VariableNameOf(string key, IReadOnlyDictionary<string, string?> environment) =>
        environment.Keys.LastOrDefault(name => string.Equals(ToConfigurationKey(name), key, StringComparison.OrdinalIgnoreCase))
        ?? Prefix + key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>A snapshot of the process environment: what every <c>PAXOS_</c> setting is bound from, and what names the variable behind a bad value.</summary>
    public static IReadOnlyDictionary<string, string?> SnapshotProcessEnvironment()
    {
        var snapshot = new Dictionary<string, string?>(StringComparer.Ordinal);
#pragma warning disable RS0030 // The one place the process environment is read (BannedSymbols.Environment.txt).
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
#pragma warning restore RS0030
        {
            snapshot[(string)entry.Key] = entry.Value as string;
        }

        return snapshot;
    }
}
