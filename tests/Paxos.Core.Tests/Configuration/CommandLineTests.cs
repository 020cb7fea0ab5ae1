using Paxos.Core.Configuration;

namespace Paxos.Core.Tests.Configuration;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("0", "paxos.conf", 0)]
    [InlineData("3", "/etc/paxos/paxos.conf", 3)]
    [InlineData("1000000", "../x.conf", 1_000_000)]
    public void Parses_id_and_config_path(string idText, string path, int expectedId)
    {
        bool parsed = CommandLine.TryParse([idText, path], out int id, out string configPath, out string error);

        Assert.True(parsed, error);
        Assert.Equal(expectedId, id);
        Assert.Equal(path, configPath);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData(new string[0], "expected 2 arguments (<id> <path to config>), got 0")]
    [InlineData(new[] { "1" }, "expected 2 arguments (<id> <path to config>), got 1")]
    [InlineData(new[] { "1", "a.conf", "extra" }, "expected 2 arguments (<id> <path to config>), got 3")]
    [InlineData(new[] { "-1", "a.conf" }, "id '-1' is not an integer in 0..1000000")]
    [InlineData(new[] { "1000001", "a.conf" }, "id '1000001' is not an integer in 0..1000000")]
    [InlineData(new[] { "99999999999", "a.conf" }, "id '99999999999' is not an integer in 0..1000000")]
    [InlineData(new[] { "one", "a.conf" }, "id 'one' is not an integer in 0..1000000")]
    [InlineData(new[] { "", "a.conf" }, "id '' is not an integer in 0..1000000")]
    [InlineData(new[] { " 1", "a.conf" }, "id ' 1' is not an integer in 0..1000000")]
    [InlineData(new[] { "1", "" }, "the config path is empty")]
    [InlineData(new[] { "1", "  " }, "the config path is empty")]
    public void Rejects_bad_arguments(string[] args, string expectedError)
    {
        bool parsed = CommandLine.TryParse(args, out int id, out string configPath, out string error);

        Assert.False(parsed);
        Assert.Equal(expectedError, error);
        Assert.Equal(0, id);
        Assert.Empty(configPath);
    }

    [Fact]
    public void Usage_names_the_program_and_both_arguments() =>
        Assert.Equal("usage: paxos-acceptor <id> <path to config>", CommandLine.Usage("paxos-acceptor"));
}
