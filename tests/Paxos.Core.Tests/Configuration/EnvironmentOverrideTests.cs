using System.Net;
using Paxos.Core.Configuration;

namespace Paxos.Core.Tests.Configuration;

public sealed class EnvironmentOverrideTests
{
    [Fact]
    public void Overrides_acceptor_count_and_a_group_port()
    {
        using var file = TempConfFile.Course();

        PaxosOptions options = PaxosConfiguration.Load(
            file.Path,
            NoEnvironment.With(("PAXOS_ACCEPTOR_COUNT", "5"), ("PAXOS_ACCEPTORS__PORT", "7001")));

        Assert.Equal(5, options.AcceptorCount);
        Assert.Equal(3, options.QuorumSize);
        Assert.Equal(7001, options.Acceptors.Port);
        Assert.Equal(IPAddress.Parse("239.0.0.1"), options.Acceptors.Address);
        Assert.Equal(PaxosOptions.CourseDefaults.Learners, options.Learners);
    }

    [Fact]
    public void Overrides_win_over_file_lines_and_fill_absent_ones()
    {
        using var file = new TempConfFile(TempConfFile.CourseText + "\nttl 2\n");

        PaxosOptions options = PaxosConfiguration.Load(
            file.Path,
            NoEnvironment.With(
                ("PAXOS_TTL", "9"),
                ("PAXOS_INTERFACE", "auto"),
                ("PAXOS_TIMEOUT", "0.25"),
                ("PAXOS_CLUSTER_ID", "77"),
                ("PAXOS_LEARNERS__ADDRESS", "239.1.2.3")));

        Assert.Equal(9, options.Ttl);
        Assert.Null(options.Interface);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Timeout);
        Assert.Equal(77u, options.ClusterId);
        Assert.Equal(new GroupEndpoint(IPAddress.Parse("239.1.2.3"), 8000), options.Learners);
    }

    [Fact]
    public void Matches_the_prefix_and_keys_in_any_case()
    {
        using var file = TempConfFile.Course();

        PaxosOptions options = PaxosConfiguration.Load(file.Path, NoEnvironment.With(("paxos_Acceptors__port", "7002")));

        Assert.Equal(7002, options.Acceptors.Port);
    }

    [Fact]
    public void Ignores_unknown_and_unprefixed_variables()
    {
        using var file = TempConfFile.Course();

        PaxosOptions options = PaxosConfiguration.Load(
            file.Path,
            NoEnvironment.With(
                ("PAXOS_LOG_LEVEL", "debug"),
                ("PAXOS_SOMETHING__ELSE", "x"),
                ("PAXOS_ACCEPTORS", "not a group"),
                ("TTL", "200"),
                ("ACCEPTORS__PORT", "1"),
                ("HOME", "/root")));

        Assert.Equal(PaxosOptions.CourseDefaults, options);
    }

    [Fact]
    public void Rejects_bad_port_override_naming_the_variable()
    {
        using var file = TempConfFile.Course();

        var error = Assert.Throws<ConfigurationFileException>(
            () => PaxosConfiguration.Load(file.Path, NoEnvironment.With(("PAXOS_ACCEPTORS__PORT", "70000"))));

        Assert.Equal("environment variable PAXOS_ACCEPTORS__PORT: port 70000 is out of range 1..65535", error.Message);
        Assert.Equal("PAXOS_ACCEPTORS__PORT", error.EnvironmentVariable);
        Assert.Null(error.Line);
        Assert.Equal(file.Path, error.FilePath);
    }

    [Fact]
    public void Rejects_bad_override_naming_the_variable_as_spelled()
    {
        using var file = TempConfFile.Course();

        var error = Assert.Throws<ConfigurationFileException>(
            () => PaxosConfiguration.Load(file.Path, NoEnvironment.With(("paxos_learners__address", "10.1.1.1"))));

        Assert.Equal(
            "environment variable paxos_learners__address: address 10.1.1.1 is not an IPv4 multicast address (224.0.0.0/4)",
            error.Message);
    }

    [Theory]
    [InlineData("PAXOS_ACCEPTOR_COUNT", "0", "acceptor_count 0 is out of range 1..64")]
    [InlineData("PAXOS_TTL", "many", "ttl 'many' is not a number")]
    [InlineData("PAXOS_TTL", "", "ttl '' is not a number")]
    [InlineData("PAXOS_INTERFACE", "lo", "interface lo is not an IPv4 unicast address")]
    [InlineData("PAXOS_TIMEOUT", "-1", "timeout -1 is not a positive number of seconds")]
    [InlineData("PAXOS_CLUSTER_ID", "-5", "cluster_id -5 is not an integer")]
    public void Rejects_bad_optional_override_naming_the_variable(string variable, string value, string problem)
    {
        using var file = TempConfFile.Course();

        var error = Assert.Throws<ConfigurationFileException>(
            () => PaxosConfiguration.Load(file.Path, NoEnvironment.With((variable, value))));

        Assert.StartsWith($"environment variable {variable}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(variable, error.EnvironmentVariable);
    }

    [Fact]
    public void File_errors_come_before_overrides_are_considered()
    {
        // A broken file is reported by its line even when an override would replace the bad value.
        using var file = new TempConfFile(TempConfFile.CourseText + "\nttl 999\n");

        var error = Assert.Throws<ConfigurationFileException>(
            () => PaxosConfiguration.Load(file.Path, NoEnvironment.With(("PAXOS_TTL", "1"))));

        Assert.StartsWith($"{file.Path}:5: ttl 999 is out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Derived_cluster_id_follows_overridden_groups()
    {
        using var file = TempConfFile.Course();

        PaxosOptions options = PaxosConfiguration.Load(file.Path, NoEnvironment.With(("PAXOS_ACCEPTORS__PORT", "7001")));

        Assert.NotEqual(PaxosOptions.CourseDefaults.ClusterId, options.ClusterId);
        Assert.Equal(
            ClusterIdentity.Derive(options.Clients, options.Proposers, options.Acceptors, options.Learners),
            options.ClusterId);
    }
}
