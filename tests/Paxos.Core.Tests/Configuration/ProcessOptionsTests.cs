using Paxos.Core.Configuration;
using Serilog.Events;

namespace Paxos.Core.Tests.Configuration;

public sealed class ProcessOptionsTests
{
    [Fact]
    public void No_variables_give_the_defaults()
    {
        ProcessOptions options = ProcessOptions.Bind(NoEnvironment.Empty);

        Assert.Null(options.StatsDirectory);
        Assert.Equal(0, options.LaunchedUnixMicroseconds);
        Assert.Equal(LogEventLevel.Information, options.LogLevel);
        Assert.Null(options.ClientRate);
        Assert.Empty(options.Ignored);
    }

    [Fact]
    public void Every_process_variable_is_bound_into_its_typed_option()
    {
        ProcessOptions options = ProcessOptions.Bind(NoEnvironment.With(
            ("PAXOS_STATS_DIR", "/tmp/run"),
            ("PAXOS_LAUNCHED_AT", "1700000000.250000"),
            ("PAXOS_LOG_LEVEL", "debug"),
            ("PAXOS_CLIENT_RATE", "2500.5")));

        Assert.Equal("/tmp/run", options.StatsDirectory);
        Assert.Equal(1_700_000_000_250_000, options.LaunchedUnixMicroseconds);
        Assert.Equal(LogEventLevel.Debug, options.LogLevel);
        Assert.Equal(2500.5, options.ClientRate);
        Assert.Empty(options.Ignored);
    }

    [Fact]
    public void An_empty_stats_folder_means_no_reports()
    {
        Assert.Null(ProcessOptions.Bind(NoEnvironment.With(("PAXOS_STATS_DIR", ""))).StatsDirectory);
    }

    [Theory]
    [InlineData("PAXOS_LOG_LEVEL", "chatty")]
    [InlineData("PAXOS_CLIENT_RATE", "fast")]
    [InlineData("PAXOS_CLIENT_RATE", "-3")]
    [InlineData("PAXOS_CLIENT_RATE", "0")]
    public void A_bad_value_is_ignored_and_reported_never_fatal(string variable, string value)
    {
        ProcessOptions options = ProcessOptions.Bind(NoEnvironment.With((variable, value)));

        IgnoredSetting ignored = Assert.Single(options.Ignored);
        Assert.Equal(variable, ignored.Variable);
        Assert.Equal(value, ignored.Value);
        Assert.Equal(LogEventLevel.Information, options.LogLevel);
        Assert.Null(options.ClientRate);
    }
}
