using Paxos.Core.Configuration;
using Serilog;
using Serilog.Events;

namespace Paxos.Core.Hosting;

/// <summary>
/// Serilog to standard error (standard output belongs to the learner's values), at the level of
/// <see cref="ProcessOptions.LogLevel"/> (<c>PAXOS_LOG_LEVEL</c>).
/// </summary>
public static class RoleLogging
{
    /// <summary>Creates the logger of one role process; logs the settings of <paramref name="process"/> it had to ignore.</summary>
    public static ILogger Create(string role, int id, ProcessOptions process)
    {
        ArgumentNullException.ThrowIfNull(process);
        ILogger logger = new LoggerConfiguration()
            .MinimumLevel.Is(process.LogLevel)
            .Enrich.WithProperty("Role", role)
            .Enrich.WithProperty("Id", id)
            .WriteTo.Console(
                standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Role} {Id}: {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
        foreach (IgnoredSetting ignored in process.Ignored)
        {
            logger.Warning("Ignoring {Variable}={Value}: {Problem}", ignored.Variable, ignored.Value, ignored.Problem);
        }

        return logger;
    }
}
