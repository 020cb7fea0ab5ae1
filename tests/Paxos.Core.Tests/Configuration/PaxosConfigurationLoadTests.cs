using System.Net;
using Paxos.Core.Configuration;

namespace Paxos.Core.Tests.Configuration;

public sealed class PaxosConfigurationLoadTests
{
    private static readonly IPAddress Group = IPAddress.Parse("239.0.0.1");

    [Fact]
    public void Loads_the_course_four_line_file_with_defaults()
    {
        using var file = TempConfFile.Course();

        PaxosOptions options = PaxosConfiguration.Load(file.Path, NoEnvironment.Empty);

        Assert.Equal(new GroupEndpoint(Group, 5000), options.Clients);
        Assert.Equal(new GroupEndpoint(Group, 6000), options.Proposers);
        Assert.Equal(new GroupEndpoint(Group, 7000), options.Acceptors);
        Assert.Equal(new GroupEndpoint(Group, 8000), options.Learners);
        Assert.Equal(3, options.AcceptorCount);
        Assert.Equal(2, options.QuorumSize);
        Assert.Equal(1, options.Ttl);
        Assert.Equal(IPAddress.Loopback, options.Interface);
        Assert.Null(options.Timeout);
        Assert.Equal(PaxosOptions.CourseDefaults, options);
    }

    [Fact]
    public void Loads_every_optional_line()
    {
        using var file = new TempConfFile(TempConfFile.CourseText + """

            acceptor_count 5
            ttl 4
            interface 10.1.2.3
            timeout 2.5
            cluster_id 12345
            """);

        PaxosOptions options = PaxosConfiguration.Load(file.Path, NoEnvironment.Empty);

        Assert.Equal(5, options.AcceptorCount);
        Assert.Equal(3, options.QuorumSize);
        Assert.Equal(4, options.Ttl);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), options.Interface);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Timeout);
        Assert.Equal(12345u, options.ClusterId);
        Assert.Equal(new GroupEndpoint(Group, 7000), options.Acceptors);
    }

    [Fact]
    public void Accepts_timeout_of_a_tenth_of_a_second()
    {
        using var file = new TempConfFile(TempConfFile.CourseText + "\ntimeout 0.1\n");

        PaxosOptions options = PaxosConfiguration.Load(file.Path, NoEnvironment.Empty);

        Assert.Equal(TimeSpan.FromMilliseconds(100), options.Timeout);
    }

    [Fact]
    public void Ignores_comments_blank_lines_and_tabs()
    {
        using var file = new TempConfFile(
            "# the course's groups\n" +
            "\n" +
            "clients\t239.0.0.1\t5000   # where clients listen\n" +
            "   \t  \n" +
            "proposers 239.0.0.1 6000\r\n" +
            "#acceptors 239.9.9.9 1\n" +
            "\tacceptors  239.0.0.1 \t 7000\n" +
            "learners 239.0.0.1 8000#no space before the comment\n" +
            "ttl 2 # hops\n");

        PaxosOptions options = PaxosConfiguration.Load(file.Path, NoEnvironment.Empty);

        Assert.Equal(PaxosOptions.CourseDefaults with { Ttl = 2 }, options);
    }

    [Fact]
    public void Accepts_keys_in_any_case()
    {
        using var file = new TempConfFile("""
            CLIENTS 239.0.0.1 5000
            Proposers 239.0.0.1 6000
            aCcEpToRs 239.0.0.1 7000
            learners 239.0.0.1 8000
            ACCEPTOR_COUNT 7
            TTL 3
            """);

        PaxosOptions options = PaxosConfiguration.Load(file.Path, NoEnvironment.Empty);

        Assert.Equal(new GroupEndpoint(Group, 7000), options.Acceptors);
        Assert.Equal(7, options.AcceptorCount);
        Assert.Equal(3, options.Ttl);
    }

    [Fact]
    public void Accepts_lines_in_any_order_and_range_edges()
    {
        using var file = new TempConfFile("""
            ttl 0
            learners 224.0.0.1 65535
            acceptor_count 64
            acceptors 239.255.255.255 1
            proposers 230.1.2.3 6000
            clients 239.0.0.1 5000
            cluster_id 4294967295
            """);

        PaxosOptions options = PaxosConfiguration.Load(file.Path, NoEnvironment.Empty);

        Assert.Equal(new GroupEndpoint(IPAddress.Parse("224.0.0.1"), 65535), options.Learners);
        Assert.Equal(new GroupEndpoint(IPAddress.Parse("239.255.255.255"), 1), options.Acceptors);
        Assert.Equal(0, options.Ttl);
        Assert.Equal(64, options.AcceptorCount);
        Assert.Equal(33, options.QuorumSize);
        Assert.Equal(uint.MaxValue, options.ClusterId);
    }

    [Fact]
    public void Process_environment_overload_agrees_with_the_dictionary_overload_on_the_same_environment()
    {
        // Whatever PAXOS_ variables the test runner has, both paths must read them the same way.
        using var file = TempConfFile.Course();
        var environment = new Dictionary<string, string?>();
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string;
        }

        PaxosOptions fromProcess = PaxosConfiguration.Load(file.Path);
        PaxosOptions fromDictionary = PaxosConfiguration.Load(file.Path, environment);

        Assert.Equal(fromDictionary, fromProcess);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("AUTO")]
    public void Interface_auto_leaves_the_choice_to_the_system(string value)
    {
        using var file = new TempConfFile(TempConfFile.CourseText + $"\ninterface {value}\n");

        PaxosOptions options = PaxosConfiguration.Load(file.Path, NoEnvironment.Empty);

        Assert.Null(options.Interface);
    }
}
