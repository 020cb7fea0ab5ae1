using System.CommandLine;
using System.CommandLine.Invocation;
using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Run;

/// <summary>
/// <c>paxosctl run</c>: what run.sh did, with its options, exit statuses and output folder. Outside a namespace it
/// re-executes itself inside a fresh one (scripts/netns.sh); it never starts a role outside. It builds nothing:
/// ./run.sh builds the roles and this tool first.
/// </summary>
public static class RunCommand
{
    /// <summary>The variable the wrapper sets to its own name ("run.sh"), the prefix of every message.</summary>
    public const string ProgramVariable = "PAXOS_PROGRAM_NAME";

    public static Command Create()
    {
        var command = new Command("run", RunUsage.Description);
        var options = new RunOptions();
        options.AddTo(command);
        command.Action = new RunAction(options);
        return command;
    }

    /// <summary>Bad usage: the message, a pointer to the help, exit status 2.</summary>
    public static int Usage(string program, string problem)
    {
        Console.Error.WriteLine($"{program}: {problem}");
        Console.Error.WriteLine("(see ./run.sh --help)");
        return 2;
    }

    // An action of our own so that parse errors reach it (ClearsParseErrors): every bad usage exits 2 with
    // run.sh's message, not with the parser's status 1.
    private sealed class RunAction(RunOptions options) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            string program = Environment.GetEnvironmentVariable(ProgramVariable) is { Length: > 0 } name ? name : "paxosctl run";
            (RunSettings? settings, string? problem) = options.Parse(parseResult);
            if (settings is null)
            {
                return Usage(program, problem!);
            }

            RepositoryLayout repository = RepositoryLayout.Find();
            if (!NetworkNamespace.IsInside)
            {
                return NetworkNamespace.ReExecuteInside(repository, ["run", .. settings.ToArguments()]);
            }

            using var interrupts = new Interrupts();
            return ClusterRun.Execute(repository, settings, program, interrupts.Token);
        }
    }
}
