using Paxos.Core.Configuration;

namespace Paxos.Core.Tests.Configuration;

public sealed class PaxosConfErrorTests
{
    // Three role lines and a blank line, so the line appended after it is line 5.
    private const string ThreeRoles =
        "clients   239.0.0.1 5000\n" +
        "proposers 239.0.0.1 6000\n" +
        "learners  239.0.0.1 8000\n" +
        "\n";

    private static ConfigurationFileException LoadFails(string text, out string path)
    {
        using var file = new TempConfFile(text);
        path = file.Path;
        string filePath = file.Path;
        return Assert.Throws<ConfigurationFileException>(() => PaxosConfiguration.Load(filePath, NoEnvironment.Empty));
    }

    private static void AssertAtLine(ConfigurationFileException error, string path, int line, string problem)
    {
        Assert.Equal(path, error.FilePath);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"{path}:{line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Rejects_missing_file()
    {
        string directory = Directory.CreateTempSubdirectory("paxos-conf-test-").FullName;
        string path = Path.Combine(directory, "absent.conf");
        try
        {
            var error = Assert.Throws<ConfigurationFileException>(() => PaxosConfiguration.Load(path, NoEnvironment.Empty));

            Assert.Equal($"{path}: no such file", error.Message);
            Assert.Null(error.Line);
            Assert.Equal(path, error.FilePath);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Rejects_missing_directory()
    {
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "paxos.conf");

        var error = Assert.Throws<ConfigurationFileException>(() => PaxosConfiguration.Load(path, NoEnvironment.Empty));

        Assert.Equal($"{path}: no such file", error.Message);
    }

    [Fact]
    public void Rejects_unreadable_file()
    {
        // A directory cannot be read as a file, even by root, unlike a file with mode 000.
        string directory = Directory.CreateTempSubdirectory("paxos-conf-test-").FullName;
        try
        {
            var error = Assert.Throws<ConfigurationFileException>(() => PaxosConfiguration.Load(directory, NoEnvironment.Empty));

            Assert.StartsWith($"{directory}: cannot read the file", error.Message, StringComparison.Ordinal);
            Assert.Null(error.Line);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Reports_the_full_path_of_a_relative_path()
    {
        using var file = new TempConfFile("bogus 1\n");
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, file.Path);

        var error = Assert.Throws<ConfigurationFileException>(() => PaxosConfiguration.Load(relative, NoEnvironment.Empty));

        Assert.StartsWith($"{file.Path}:1: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_unknown_key_naming_it()
    {
        var error = LoadFails(TempConfFile.CourseText + "\nquorum 2\n", out string path);

        AssertAtLine(error, path, 5, "unknown key 'quorum'");
    }

    [Fact]
    public void Rejects_role_line_with_too_few_fields()
    {
        var error = LoadFails(ThreeRoles + "acceptors 239.0.0.1\n", out string path);

        AssertAtLine(error, path, 5, "'acceptors' line needs 3 fields (acceptors <multicast address> <port>), found 2");
    }

    [Fact]
    public void Rejects_role_line_with_too_many_fields()
    {
        var error = LoadFails(ThreeRoles + "acceptors 239.0.0.1 7000 7001\n", out string path);

        AssertAtLine(error, path, 5, "needs 3 fields");
        Assert.Contains("found 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_optional_line_with_wrong_number_of_fields()
    {
        var error = LoadFails(TempConfFile.CourseText + "\nttl\n", out string path);

        AssertAtLine(error, path, 5, "'ttl' line needs 2 fields (ttl <value>), found 1");
    }

    [Fact]
    public void Rejects_address_that_is_not_multicast()
    {
        var error = LoadFails("clients 239.0.0.1 5000\nproposers 239.0.0.1 6000\nacceptors 10.0.0.1 7000\nlearners 239.0.0.1 8000\n", out string path);

        Assert.Equal($"{path}:3: 'acceptors' address 10.0.0.1 is not an IPv4 multicast address (224.0.0.0/4)", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("240.0.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("ff02::1")]
    [InlineData("localhost")]
    [InlineData("239.1")]
    [InlineData("239.0.0.256")]
    [InlineData("0239.0.0.1")]
    [InlineData("239.0.0.1.5")]
    public void Rejects_address_that_is_not_an_IPv4_multicast_dotted_quad(string address)
    {
        var error = LoadFails(ThreeRoles + $"acceptors {address} 7000\n", out string path);

        AssertAtLine(error, path, 5, $"'acceptors' address {address} is not an IPv4 multicast address (224.0.0.0/4)");
    }

    [Theory]
    [InlineData("0", "port 0 is out of range 1..65535")]
    [InlineData("65536", "port 65536 is out of range 1..65535")]
    [InlineData("99999999999", "port 99999999999 is out of range 1..65535")]
    [InlineData("seven", "port 'seven' is not a number")]
    [InlineData("-1", "port '-1' is not a number")]
    [InlineData("7000.5", "port '7000.5' is not a number")]
    public void Rejects_bad_port(string port, string problem)
    {
        var error = LoadFails(ThreeRoles + $"acceptors 239.0.0.1 {port}\n", out string path);

        AssertAtLine(error, path, 5, $"'acceptors' {problem}");
    }

    [Fact]
    public void Rejects_duplicate_line_naming_the_first()
    {
        var error = LoadFails(TempConfFile.CourseText + "\n# again\nCLIENTS 239.0.0.2 5001\n", out string path);

        AssertAtLine(error, path, 6, "duplicate 'clients' line (first at line 1)");
    }

    [Fact]
    public void Rejects_duplicate_optional_line()
    {
        var error = LoadFails(TempConfFile.CourseText + "\nttl 1\nttl 1\n", out string path);

        AssertAtLine(error, path, 6, "duplicate 'ttl' line (first at line 5)");
    }

    [Fact]
    public void Rejects_missing_role_line_after_reading_the_whole_file()
    {
        var error = LoadFails(ThreeRoles + "ttl 1\n", out string path);

        Assert.Equal($"{path}: missing required 'acceptors' line (acceptors <multicast address> <port>)", error.Message);
        Assert.Null(error.Line);
    }

    [Fact]
    public void Rejects_empty_file_listing_every_missing_role()
    {
        var error = LoadFails("# nothing here\n", out string path);

        Assert.StartsWith($"{path}: missing required lines: clients, proposers, acceptors, learners", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Line);
    }

    [Theory]
    [InlineData("acceptor_count 0", "acceptor_count 0 is out of range 1..64")]
    [InlineData("acceptor_count 65", "acceptor_count 65 is out of range 1..64")]
    [InlineData("acceptor_count three", "acceptor_count 'three' is not a number")]
    [InlineData("ttl 256", "ttl 256 is out of range 0..255")]
    [InlineData("ttl -1", "ttl '-1' is not a number")]
    [InlineData("interface eth0", "interface eth0 is not an IPv4 unicast address")]
    [InlineData("interface 239.0.0.1", "interface 239.0.0.1 is not an IPv4 unicast address")]
    [InlineData("interface 0.0.0.0", "interface 0.0.0.0 is not an IPv4 unicast address of a local interface (e.g. 192.168.1.10; 127.0.0.1 is the default) nor 'auto'")]
    [InlineData("timeout 0", "timeout 0 is not a positive number of seconds")]
    [InlineData("timeout -0.1", "timeout -0.1 is not a positive number of seconds")]
    [InlineData("timeout NaN", "timeout NaN is not a positive number of seconds")]
    [InlineData("timeout 1e9", "timeout 1e9 is not a positive number of seconds")]
    [InlineData("cluster_id 4294967296", "cluster_id 4294967296 is not an integer in 0..4294967295")]
    [InlineData("cluster_id 0x10", "cluster_id 0x10 is not an integer in 0..4294967295")]
    public void Rejects_optional_value_out_of_range_or_unparsable(string line, string problem)
    {
        var error = LoadFails(TempConfFile.CourseText + "\n\n" + line + "\n", out string path);

        AssertAtLine(error, path, 6, problem);
    }
}
