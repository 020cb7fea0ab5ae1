using System.CommandLine;
using Paxos.Cluster.Shared;

namespace Paxos.Cluster.Bench;

/// <summary>`paxosctl bench`: the benchmark, with bench.sh's options (bench.sh execs it).</summary>
internal static class BenchCommand
{
    private const string Description = """
        The benchmark: runs the real role programs (the course's line-up: 3 acceptors, 2 proposers, 2 learners,
        2 clients) through run.sh, each run a fresh cluster in its own isolated network namespace: both clients
        submit N values each, it waits until both learners printed all of them, stops everything and runs the
        course's three checks. It reports per run, and as medians over the runs of each combination:
          - throughput: values/s from the first client send to the last value printed by the slower learner
            (the processes' own clocks), and MB/s: the value bytes the slower learner printed (newlines not
            counted; MB = 10^6 bytes) over the same time;
          - latency of each value from its client's send to the client's decision notice (ClientAck):
            p50, p99, p99.9, max (the worse of the two clients);
          - resends per value: clients' resent submissions + proposers' retransmissions + learners'
            catch-up requests, each divided by the values submitted (2N);
          - per process: start-up (role script start to "receiving"), CPU seconds, peak resident memory
            (VmHWM), datagrams and bytes sent, retransmissions; instances decided, values per instance;
          - the checks: a run whose outputs fail them (or that does not finish) is marked FAILED (exit 1).
        Files in --out: a folder per run, runs.csv, roles.csv, medians.csv, report.md, table.md (--scenario
        table) and plots (PNG) of throughput and latency against offered load and of the latency distribution.
        Tables for people on stderr; the Markdown report on stdout when stdout is not a terminal.

        Examples:
          ./bench.sh                                        # quick: 2 x 10,000 values at full speed
          ./bench.sh --values 1000000 --runs 3              # the throughput target
          ./bench.sh --values 100000 --value-size 1024 --runs 3   # 1 KB values: MB/s and resends/value
          ./bench.sh --values 10000 --rate 1000,10000 --runs 3
          ./bench.sh --values 100000 --loss 0.1 --runs 3
          ./bench.sh --scenario table --quick               # the issue's table, scaled down, in a minute
          ./bench.sh --scenario table --runs 3              # the issue's table (many minutes)
        """;

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var values = new Option<string>("--values") { Description = "values per client, N[,N...]; e.g. 10000,100000,1000000", DefaultValueFactory = _ => "10000" };
        var rate = new Option<string>("--rate")
        {
            Description = "offered load in values/s for both clients together, R[,R...], open loop (each client paces R/2 with PAXOS_CLIENT_RATE), or \"max\" for full speed",
            DefaultValueFactory = _ => "max",
        };
        var runs = new Option<string>("--runs") { Description = "runs of each combination; the summary gives medians", DefaultValueFactory = _ => "1" };
        var loss = new Option<string>("--loss") { Description = "drop each incoming datagram with probability P (iptables, in the namespace)", DefaultValueFactory = _ => "0" };
        var valueSize = new Option<string?>("--value-size")
        {
            Description = "each value is a line of B random letters (1..65000; nothing compresses, all distinct), proposed through ./run.sh --inputs; default: the course's small random numbers",
        };
        var durable = new Option<bool>("--durable")
        {
            Description = "durable mode: each run gets a fresh data_dir in a temporary folder (removed after the run; ./run.sh --data-dir): acceptors fsync before answering; the table has durable rows anyway",
        };
        var scenario = new Option<string?>("--scenario")
        {
            Description = "a preset list of runs instead of --values/--rate/--loss/--value-size. table: issue 10's targets (table.md): 2 x 100,000 values of 1 KB; 2 x 10,000 of 8 KB; "
                + "2 x 1,000,000 small values with 10% loss and without; 2 x 5,000,000 small values; 1,000 values/s offered (2 x 5,000); issue 9's durable rows (2 x 1,000,000 small values "
                + "and 1,000 values/s, with data_dir). load: small values at 1,000, 10,000, 100,000 values/s offered and full speed, ~5 s each (the plots against offered load)",
        };
        var scale = new Option<string?>("--scale") { Description = "multiply the scenario's numbers of values by F (0 < F <= 1; at least 100 values per client, 500 for paced runs)" };
        var quick = new Option<bool>("--quick") { Description = "--scale 0.01: the whole table in about a minute (numbers not comparable with the targets)" };
        var output = new Option<string?>("--out") { Description = "where run folders, runs.csv, roles.csv, medians.csv, report.md, table.md and the plots go (default bench-out/<date-time>)" };

        var command = new Command("bench", Description);
        command.Subcommands.Add(FirstRunCommand.Create());
        foreach (Option option in (Option[])[values, rate, runs, loss, valueSize, durable, scenario, scale, quick, output])
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var console = BenchConsole.OnStandardError();
            BenchOptions? options = BenchOptions.TryParse(
                parseResult.GetValue(values)!, parseResult.GetValue(rate)!, parseResult.GetValue(runs)!, parseResult.GetValue(loss)!,
                parseResult.GetValue(valueSize), parseResult.GetValue(durable), parseResult.GetValue(scenario), parseResult.GetValue(scale),
                parseResult.GetValue(quick), parseResult.GetValue(output), out string error);
            if (options is null)
            {
                return Usage(error);
            }

            return new Benchmark(options, CommandText(), RepositoryLayout.Find(), console).Execute();
        });
        return command;
    }

    /// <summary>A usage error: bench.sh's status 2.</summary>
    private static int Usage(string message)
    {
        Console.Error.WriteLine($"bench: {message}");
        return 2;
    }

    /// <summary>The options as given, for the report ("Command: ./bench.sh ...").</summary>
    private static string CommandText()
    {
        string[] arguments = Environment.GetCommandLineArgs();
        int bench = Array.IndexOf(arguments, "bench");
        return string.Join(' ', arguments.Skip(bench + 1));
    }
}
