using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Multihost;

/// <summary>
/// `paxosctl multihost &lt;scenario&gt; &lt;out dir&gt; [values per client]`: real faults across hosts. Outside, it builds the
/// roles (NuGet may be needed) and runs itself again inside a fresh `unshare -rnm` (user + network + mount namespace,
/// no root needed), where <see cref="MultihostRun"/> does the work: the bridge, the hosts and their addresses exist
/// only there, no host has a default route, and nothing is ever sent on the machine's own network.
/// </summary>
internal static class MultihostCommand
{
    private const string InsideVariable = "PAXOS_MULTIHOST";

    private const string Description = """
        Real faults across hosts: runs the course's line-up (3 acceptors, 2 proposers, 2 learners, 2 clients) with every
        process on its own "host" (a network namespace with its own address), the hosts joined by veth pairs to one bridge,
        and injects one scenario's fault while the clients submit.

        Scenarios:
          none          no fault (baseline).
          cut-acceptor  acceptor 3's host is cut off the bridge for 3 s, then reconnected; 0.5 s later acceptor 2 is
                        killed (SIGKILL), so the values after that need the reconnected acceptor 3 in every majority.
          kill-leader   the leading proposer (1) is killed (SIGKILL) mid-run; proposer 2 takes over. The longest time
                        without a new decision at a learner, from the last decision before the kill to the end, is
                        written to gap-ms.txt (milliseconds).
          loss          30% of incoming multicast datagrams dropped on every host (iptables in each namespace) for the
                        whole run, and acceptor 3 killed (SIGKILL) mid-run.
          partition     the proposers' hosts cannot reach each other for 3 s (bridge port isolation: both still reach
                        every other host), so both lead; then the partition heals.

        Values are distinct: client 1 submits c1-1 .. c1-N, client 2 c2-1 .. c2-N, each at a steady pace (100 lines every
        50 ms) so that the fault lands mid-run. It waits until both learners printed all 2N values (or a timeout), stops
        everything and writes to <out dir>:
          prop1 prop2 learn1 learn2   the clients' inputs and the learners' outputs
          hosts.txt                   the topology (host, address, process)
          events.txt                  the timeline: ms since the clients started, event, learners' counts
          gap-ms.txt                  (kill-leader) the measured gap in decisions, in ms
          conf/<process>.conf         each process's config (the four groups + its `interface`)
          logs/<process>.log          each process's stderr
          stats/                      each process's typed reports (ready, and stats at stop)
        Exit status: 0 when both learners printed every value exactly once in the same order, no process died
        unexpectedly and both clients exited 0 within 5 s of the end (under loss a client still waiting for lost
        acknowledgements after 15 s is only noted), 1 when not, 2 on bad usage.
        """;

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = string.Join(", ", ScenarioNames.All) };
        var output = new Argument<string>("out dir") { Description = "where the outputs go" };
        var values = new Argument<string>("values per client") { Description = "at least 100", DefaultValueFactory = _ => "10000" };
        var command = new Command("multihost", Description);
        command.Arguments.Add(scenario);
        command.Arguments.Add(output);
        command.Arguments.Add(values);
        command.SetAction(parseResult =>
        {
            string name = parseResult.GetValue(scenario)!;
            if (ScenarioNames.Parse(name) is not { } chosen)
            {
                return Usage($"unknown scenario '{name}' ({string.Join(", ", ScenarioNames.All)})");
            }

            string valuesText = parseResult.GetValue(values)!;
            if (!long.TryParse(valuesText, NumberStyles.None, CultureInfo.InvariantCulture, out long perClient) || perClient < 100)
            {
                return Usage($"values per client must be an integer >= 100, not '{valuesText}'");
            }

            RepositoryLayout repository = RepositoryLayout.Find();
            string folder = parseResult.GetValue(output)!;
            return Environment.GetEnvironmentVariable(InsideVariable) == "1"
                ? Inside(chosen, folder, perClient, repository)
                : Outside(name, chosen, folder, perClient, repository);
        });
        return command;
    }

    /// <summary>Builds, then runs this command again inside a fresh user + network + mount namespace.</summary>
    private static int Outside(string name, Scenario scenario, string folder, long perClient, RepositoryLayout repository)
    {
        foreach (string tool in (string[])["unshare", "ip"])
        {
            if (!Commands.Exists(tool))
            {
                return Usage($"needs '{tool}' (util-linux, iproute2)");
            }
        }

        if (scenario == Scenario.Loss)
        {
            // The course scripts' own check (it offers to install iptables when it can); it exits 2 when it is missing.
            int found = ChildProcess.Run("/usr/bin/env",
                ["bash", "-c", "source \"$0\"; paxos_require_iptables multihost", repository.CommonScript]);
            if (found != 0)
            {
                return found;
            }
        }

        int built = ChildProcess.Run(repository.EnsureBuiltScript, []);
        if (built != 0)
        {
            return built;
        }

        Directory.CreateDirectory(folder);
        return ChildProcess.Run("unshare", ["-rnm", .. ThisProgram.Command(), "multihost", name, Path.GetFullPath(folder), perClient.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [InsideVariable] = "1",
                ["PAXOS_NETNS"] = "1",
                ["PAXOS_SKIP_BUILD"] = "1",
                ["PAXOS_ROOT"] = repository.Root,
            });
    }

    /// <summary>The run itself, inside the namespace; SIGINT and SIGTERM stop every process first (exit 130, 143).</summary>
    private static int Inside(Scenario scenario, string folder, long perClient, RepositoryLayout repository)
    {
        Environment.SetEnvironmentVariable("DOTNET_NOLOGO", "1");
        Environment.SetEnvironmentVariable("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
        using var interrupts = new Interrupts();
        try
        {
            return new MultihostRun(scenario, folder, perClient, repository, interrupts.Token).Execute();
        }
        catch (OperationCanceledException) when (interrupts.Token.IsCancellationRequested)
        {
            return Interrupts.ExitStatus;
        }
        catch (MultihostFailure failure)
        {
            Console.Error.WriteLine($"multihost: {failure.Message}");
            return 1;
        }
    }

    /// <summary>A usage error: status 2.</summary>
    private static int Usage(string message)
    {
        Console.Error.WriteLine($"multihost: {message}");
        return 2;
    }
}
