using System.Reflection;

namespace Paxos.Cluster.Tests;

/// <summary>
/// paxosctl's exit statuses for its command line, through its real entry point (Program's Main): every bad usage,
/// the parser's own errors included, exits 2 with a message on stderr; --help exits 0 with the help on stdout.
/// </summary>
[Collection(ConsoleStreams.Name)]
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("bench", "--values")]
    [InlineData("bench", "--runs")]
    [InlineData("bench", "--bogus")]
    [InlineData("bench", "first-run", "1", "2")]
    [InlineData("check")]
    [InlineData("check", "out", "--acceptors", "two")]
    [InlineData("check", "out", "--bogus")]
    [InlineData("multihost")]
    [InlineData("multihost", "none")]
    [InlineData("multihost", "none", "out", "100", "extra")]
    [InlineData("run", "--acceptors")]
    [InlineData("run", "10", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData("--bogus")]
    public void Bad_usage_exits_2_with_a_message(params string[] arguments)
    {
        (int status, string output, string errors) = Paxosctl(arguments);

        Assert.True(status == 2, $"exit status {status} for '{string.Join(' ', arguments)}'\n--- stdout\n{output}\n--- stderr\n{errors}");
        Assert.NotEqual("", errors.Trim());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("run", "--help")]
    [InlineData("check", "--help")]
    [InlineData("bench", "--help")]
    [InlineData("bench", "first-run", "--help")]
    [InlineData("multihost", "--help")]
    public void Help_exits_0_with_the_usage_on_stdout(params string[] arguments)
    {
        (int status, string output, string errors) = Paxosctl(arguments);

        Assert.True(status == 0, $"exit status {status}\n--- stderr\n{errors}");
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the tool's Main in this process with the console's streams captured.</summary>
    private static (int Status, string Output, string Errors) Paxosctl(string[] arguments)
    {
        MethodInfo main = typeof(Cluster.ClusterCommands).Assembly.EntryPoint ?? throw new InvalidOperationException("paxosctl has no entry point");
        TextWriter output = Console.Out, errors = Console.Error;
        using var capturedOutput = new StringWriter();
        using var capturedErrors = new StringWriter();
        Console.SetOut(capturedOutput);
        Console.SetError(capturedErrors);
        try
        {
            int status = (int)main.Invoke(null, [arguments])!;
            return (status, capturedOutput.ToString(), capturedErrors.ToString());
        }
        finally
        {
            Console.SetOut(output);
            Console.SetError(errors);
        }
    }
}

/// <summary>Tests that replace the process's console streams: none of them runs beside another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleStreams
{
    public const string Name = "console";
}
