using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Paxos.Cluster;

/// <summary>The tool's commands, one line each, each built in its own folder (Run/, Check/, Bench/, Multihost/).</summary>
internal static class ClusterCommands
{
    /// <summary>The exit status of every bad usage, as run.sh, bench.sh and the multi-host script always answered it.</summary>
    public const int BadUsage = 2;

    public static IEnumerable<Command> All()
    {
        yield return Run.RunCommand.Create();
        yield return Check.CheckCommand.Create();
        yield return Bench.BenchCommand.Create();
        yield return Multihost.MultihostCommand.Create();
    }

    /// <summary>
    /// Parses <paramref name="arguments"/> and runs the command they name. The parser's own errors (a missing value,
    /// an unknown option or command, a missing argument) are bad usage like any other: the message and exit status 2,
    /// not the parser's 1. A command whose action reads the parse errors itself (run, with run.sh's messages) gets them.
    /// </summary>
    public static int Invoke(string[] arguments)
    {
        var root = new RootCommand("paxosctl: runs, benchmarks and checks Paxos clusters on this machine, each inside its own isolated network namespace.");
        foreach (Command command in All())
        {
            root.Subcommands.Add(command);
        }

        ParseResult parsed = root.Parse(arguments);
        if (parsed.Action is not ParseErrorAction)
        {
            return parsed.Invoke();
        }

        string name = CommandPath(parsed.CommandResult);
        foreach (ParseError error in parsed.Errors)
        {
            Console.Error.WriteLine($"{name}: {error.Message}");
        }

        Console.Error.WriteLine($"(see {name} --help)");
        return BadUsage;
    }

    /// <summary>"paxosctl bench first-run": the command the errors are about, from the root down.</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new Stack<string>();
        for (CommandResult? at = result; at is not null; at = at.Parent as CommandResult)
        {
            names.Push(at.Command is RootCommand ? "paxosctl" : at.Command.Name);
        }

        return string.Join(' ', names);
    }
}
