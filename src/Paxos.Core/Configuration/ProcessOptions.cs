using System.Globalization;
using Serilog.Events;

namespace Paxos.Core.Configuration;

/// <summary>
/// The <c>PAXOS_</c> variables that tune one role process rather than the cluster: where its reports go,
/// when its script started, its log level, a client's pace. Bound by <see cref="Bind"/> from the same
/// environment snapshot as the cluster's overrides (<see cref="PaxosConfiguration"/>), so every variable is
/// read in one place and the hosts below only see typed values.
/// </summary>
public sealed record ProcessOptions
{
    /// <summary>The folder the role's reports go to (<c>&lt;role&gt;&lt;id&gt;.stats</c>, <c>.ready.json</c>, <c>.stats.json</c>).</summary>
    public const string StatsDirectoryVariable = "PAXOS_STATS_DIR";

    /// <summary>Set by the role scripts to <c>$EPOCHREALTIME</c> when they start: the start of start-up.</summary>
    public const string LaunchedAtVariable = "PAXOS_LAUNCHED_AT";

    /// <summary>The minimum log level (Verbose, Debug, Information, Warning, Error, Fatal).</summary>
    public const string LogLevelVariable = "PAXOS_LOG_LEVEL";

    /// <summary>A client's paced mode: values per second, open-loop.</summary>
    public const string ClientRateVariable = "PAXOS_CLIENT_RATE";

    /// <summary>No variable set: no reports, Information logging, clients as fast as their window allows.</summary>
    public static ProcessOptions Defaults { get; } = new();

    /// <summary>The folder for reports, or null when none is wanted.</summary>
    public string? StatsDirectory { get; init; }

    /// <summary>When the role script started, in Unix microseconds (0: unknown).</summary>
    public long LaunchedUnixMicroseconds { get; init; }

    /// <summary>The minimum level of the role's log.</summary>
    public LogEventLevel LogLevel { get; init; } = LogEventLevel.Information;

    /// <summary>A client's pace in values per second, or null to submit as fast as its window allows.</summary>
    public double? ClientRate { get; init; }

    /// <summary>Values that were set but could not be used, for the role's log (a bad value never stops a role).</summary>
    public IReadOnlyList<IgnoredSetting> Ignored { get; init; } = [];

    /// <summary>Binds the process variables among <paramref name="environment"/> (variable name → value).</summary>
    public static ProcessOptions Bind(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var ignored = new List<IgnoredSetting>();
        string? Read(string variable) => environment.TryGetValue(variable, out string? value) ? value : null;

        LogEventLevel level = LogEventLevel.Information;
        string? configuredLevel = Read(LogLevelVariable);
        if (!string.IsNullOrWhiteSpace(configuredLevel) && !Enum.TryParse(configuredLevel, ignoreCase: true, out level))
        {
            level = LogEventLevel.Information;
            ignored.Add(new IgnoredSetting(LogLevelVariable, configuredLevel, "not a log level; using Information"));
        }

        double? rate = null;
        string? configuredRate = Read(ClientRateVariable);
        if (!string.IsNullOrWhiteSpace(configuredRate))
        {
            if (double.TryParse(configuredRate, NumberStyles.Float, CultureInfo.InvariantCulture, out double perSecond) && perSecond > 0)
            {
                rate = perSecond;
            }
            else
            {
                ignored.Add(new IgnoredSetting(ClientRateVariable, configuredRate, "not a positive number of values per second"));
            }
        }

        return new ProcessOptions
        {
            StatsDirectory = Read(StatsDirectoryVariable) is { Length: > 0 } folder ? folder : null,
            LaunchedUnixMicroseconds = decimal.TryParse(Read(LaunchedAtVariable), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal seconds)
                ? (long)(seconds * 1_000_000m)
                : 0,
            LogLevel = level,
            ClientRate = rate,
            Ignored = ignored,
        };
    }
}

/// <summary>A <c>PAXOS_</c> variable whose value a process could not use, and why.</summary>
public sealed record IgnoredSetting(string Variable, string Value, string Problem);
