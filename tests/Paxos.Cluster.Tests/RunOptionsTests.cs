using System.CommandLine;
using Paxos.Cluster.Run;

namespace Paxos.Cluster.Tests;

/// <summary>paxosctl run's command line: every bad usage gets run.sh's message (exit status 2), good ones the typed settings.</summary>
public sealed class RunOptionsTests
{
    private static (RunSettings? Settings, string? Problem) Parse(params string[] arguments)
    {
        var command = new Command("run");
        var options = new RunOptions();
        options.AddTo(command);
        return options.Parse(command.Parse(arguments));
    }

    [Theory]
    [InlineData("give <values per client> or --inputs")]
    [InlineData("values per client must be a positive integer, not 'abc'", "abc")]
    [InlineData("values per client must be a positive integer, not '0'", "0")]
    [InlineData("unexpected argument: 2 (the number of values is already 1)", "1", "2")]
    [InlineData("unknown option: --bogus", "--bogus", "10")]
    [InlineData("unknown option: -5", "-5")]
    [InlineData("--acceptors must be 1, 2 or 3", "10", "--acceptors", "4")]
    [InlineData("--acceptors must be 1, 2 or 3", "10", "--acceptors", "two")]
    [InlineData("--acceptors needs a value", "10", "--acceptors")]
    [InlineData("--kill-acceptors must be between 1 and the number of acceptors (2)", "10", "--acceptors", "2", "--kill-acceptors", "3")]
    [InlineData("--loss must be a probability, 0 <= P < 1, not '1'", "10", "--loss", "1")]
    [InlineData("--loss must be a probability, 0 <= P < 1, not '-0.1'", "10", "--loss=-0.1")]
    [InlineData("--settle must be a number of seconds", "10", "--settle", "soon")]
    [InlineData("--timeout must be a number of seconds", "10", "--timeout", "1e3")]
    [InlineData("--client-delay must be a number of seconds", "10", "--client-delay", "-1")]
    [InlineData("--kill-acceptors and --catch-up do not go together", "10", "--kill-acceptors", "1", "--catch-up")]
    [InlineData("--kill-acceptors needs at least 2 acceptors (values must be learned before the kill)", "10", "--acceptors", "1", "--kill-acceptors", "1")]
    [InlineData("--catch-up needs at least 2 acceptors (learner 1 must learn client 1's values first)", "10", "--acceptors", "1", "--catch-up")]
    [InlineData("--settle goes with neither --kill-acceptors nor --catch-up (they wait for their own milestones)", "10", "--settle", "3", "--catch-up")]
    [InlineData("--restart-acceptors/--restart-proposer, --power-cut and --late-learner do not go together", "10", "--power-cut", "--late-learner")]
    [InlineData("the durable scenarios go with none of --kill-acceptors, --catch-up, --settle", "10", "--power-cut", "--settle", "2")]
    [InlineData("--restart-acceptors needs 3 acceptors (a majority while one is down)", "10", "--restart-acceptors", "--acceptors", "2")]
    [InlineData("the durable scenarios need a majority of acceptors (2 or 3)", "10", "--late-learner", "--acceptors", "1")]
    [InlineData("--data-dir needs a folder", "10", "--data-dir=")]
    [InlineData("give either <values per client> or --inputs, not both", "10", "--inputs", "/tmp")]
    [InlineData("--inputs: no file /nonexistent/prop1", "--inputs", "/nonexistent")]
    public void Bad_usage_is_refused_with_run_sh_s_message(string problem, params string[] arguments)
    {
        (RunSettings? settings, string? found) = Parse(arguments);

        Assert.Null(settings);
        Assert.Equal(problem, found);
    }

    [Fact]
    public void Bad_usage_exits_2_before_anything_starts()
    {
        Assert.Equal(2, RunCommand.Create().Parse(["10", "--acceptors", "7"]).Invoke());
        Assert.Equal(2, RunCommand.Create().Parse(["10", "--acceptors"]).Invoke());
    }

    [Fact]
    public void Options_become_typed_settings_in_either_spelling()
    {
        (RunSettings? settings, string? problem) = Parse("1000", "--acceptors=2", "--loss", "0.2", "--timeout", ".5", "--out", "/tmp/x", "--client-delay", "0");

        Assert.Null(problem);
        Assert.Equal(new RunSettings { ValuesPerClient = 1000, Acceptors = 2, Loss = 0.2, Timeout = 0.5, Out = "/tmp/x", ClientDelay = 0 }, settings);
    }

    [Fact]
    public void Settings_turned_into_arguments_parse_back_to_the_same_settings()
    {
        var settings = new RunSettings { ValuesPerClient = 100000, KillAcceptors = 2, Settle = null, Timeout = 12.5, Out = "/tmp/o", DataDir = "/tmp/d", ClientDelay = 0 };
        var durable = new RunSettings { ValuesPerClient = 5, RestartAcceptors = true, RestartProposer = true };

        Assert.Equal(settings, Parse([.. settings.ToArguments()]).Settings);
        Assert.Equal(durable, Parse([.. durable.ToArguments()]).Settings);
    }
}
