using Serilog;
using Serilog.Events;

namespace Paxos.Core.Hosting;

/// <summary>
/// Serilog to standard error (standard output belongs to the learner's values). The level comes from
/// the environment variable <c>PAXOS_LOG_LEVEL</c> (Verbose, Debug, Information, Warning, Error, Fatal).
/// </summary>
public static class RoleLogging
{
    /// <summary>The environment variable that sets the minimum level.</summary>
    public const string LevelVariable = "PAXOS_LOG_LEVEL";

    /// <summary>Creates the logger of one role process.</summary>
    public static ILogger Create(string role, int id)
    {
        string? configured = Environment.GetEnvironmentVariable(LevelVariable);
        LogEventLevel level = LogEventLevel.Information;
        bool unknownLevel = !string.IsNullOrWhiteSpace(configured) && !Enum.TryParse(configured, ignoreCase: true, out level);
        if (unknownLevel)
        {
            level = LogEventLevel.Information;
        }

        ILogger logger = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .Enrich.WithProperty("Role", role)
            .Enrich.WithProperty("Id", id)
            .WriteTo.Console(
                standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Role} {Id}: {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
        if (unknownLevel)
        {
            logger.Warning("Unknown {Variable} value {Value}; using Information", LevelVariable, configured);
        }

        return logger;
    }
}
