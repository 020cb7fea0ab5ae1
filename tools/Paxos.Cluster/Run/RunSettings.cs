using System.Globalization;

namespace Paxos.Cluster.Run;

/// <summary>
/// One run's options, as <c>paxosctl run</c> (and <c>./run.sh</c>) take them. Typed, so the end-to-end tests build a
/// run from these instead of a command line; <see cref="ToArguments"/> gives the command line back.
/// </summary>
public sealed record RunSettings
{
    /// <summary>Values per client (random numbers like the course's $RANDOM); null with <see cref="Inputs"/>.</summary>
    public long? ValuesPerClient { get; init; }

    /// <summary>A folder whose prop1 and prop2 the clients propose instead of random numbers.</summary>
    public string? Inputs { get; init; }

    /// <summary>Acceptors started (1..3).</summary>
    public int Acceptors { get; init; } = 3;

    /// <summary>Probability of dropping each incoming multicast datagram (the course's iptables rule), or null.</summary>
    public double? Loss { get; init; }

    /// <summary>Acceptors SIGKILLed mid-run, highest ids first.</summary>
    public int KillAcceptors { get; init; }

    /// <summary>The course's test 6: learner 2 and client 2 start once learner 1 has client 1's values.</summary>
    public bool CatchUp { get; init; }

    /// <summary>The course's way: stop this many seconds after the clients start, without waiting for completion.</summary>
    public double? Settle { get; init; }

    /// <summary>Seconds between the proposers receiving and the clients starting.</summary>
    public double ClientDelay { get; init; } = 0.5;

    /// <summary>Seconds from the clients' start before giving up; null: 30 + values/2000, x3 with loss.</summary>
    public double? Timeout { get; init; }

    /// <summary>The output folder; null: out/ at the repository root.</summary>
    public string? Out { get; init; }

    /// <summary>Durable mode's data folder (written into the run's paxos.conf), or null.</summary>
    public string? DataDir { get; init; }

    /// <summary>SIGKILL and restart each acceptor in turn mid-run.</summary>
    public bool RestartAcceptors { get; init; }

    /// <summary>SIGKILL and restart the leading proposer 1 mid-run.</summary>
    public bool RestartProposer { get; init; }

    /// <summary>SIGKILL every process at once mid-run, then restart everything.</summary>
    public bool PowerCut { get; init; }

    /// <summary>Learner 2 starts only after learner 1 learned every value.</summary>
    public bool LateLearner { get; init; }

    /// <summary>True for the crash-recovery scenarios (restarts, power cut, late learner), which run in durable mode.</summary>
    public bool IsDurableScenario => RestartAcceptors || RestartProposer || PowerCut || LateLearner;

    /// <summary>The reason these settings are bad usage, or null when they are fine (run.sh's checks and messages).</summary>
    public string? Problem()
    {
        if (Inputs is not null)
        {
            if (ValuesPerClient is not null)
            {
                return "give either <values per client> or --inputs, not both";
            }

            foreach (string file in (string[])["prop1", "prop2"])
            {
                if (!File.Exists(Path.Combine(Inputs, file)))
                {
                    return $"--inputs: no file {Inputs}/{file}";
                }
            }
        }
        else if (ValuesPerClient is not { } values || values < 1)
        {
            return ValuesPerClient is null ? "give <values per client> or --inputs" : $"values per client must be a positive integer, not '{ValuesPerClient}'";
        }

        int durableScenarios = (RestartAcceptors || RestartProposer ? 1 : 0) + (PowerCut ? 1 : 0) + (LateLearner ? 1 : 0);
        // run.sh's checks, in its order: the first that fails is the message.
        (bool Bad, string Message)[] rules =
        [
            (Acceptors is < 1 or > 3, "--acceptors must be 1, 2 or 3"),
            (KillAcceptors < 0 || KillAcceptors > Acceptors, $"--kill-acceptors must be between 1 and the number of acceptors ({Acceptors})"),
            (Loss is { } p && !(p >= 0 && p < 1), $"--loss must be a probability, 0 <= P < 1, not '{Loss?.ToString(CultureInfo.InvariantCulture)}'"),
            (Settle is < 0, "--settle must be a number of seconds"),
            (Timeout is < 0, "--timeout must be a number of seconds"),
            (ClientDelay < 0, "--client-delay must be a number of seconds"),
            (KillAcceptors > 0 && CatchUp, "--kill-acceptors and --catch-up do not go together"),
            (KillAcceptors > 0 && Acceptors < 2, "--kill-acceptors needs at least 2 acceptors (values must be learned before the kill)"),
            (CatchUp && Acceptors < 2, "--catch-up needs at least 2 acceptors (learner 1 must learn client 1's values first)"),
            (Settle is not null && (KillAcceptors > 0 || CatchUp), "--settle goes with neither --kill-acceptors nor --catch-up (they wait for their own milestones)"),
            // The durable scenarios each wait for their own milestones, so none goes with another scenario.
            (durableScenarios > 1, "--restart-acceptors/--restart-proposer, --power-cut and --late-learner do not go together"),
            (durableScenarios == 1 && (KillAcceptors > 0 || CatchUp || Settle is not null), "the durable scenarios go with none of --kill-acceptors, --catch-up, --settle"),
            (RestartAcceptors && Acceptors != 3, "--restart-acceptors needs 3 acceptors (a majority while one is down)"),
            (durableScenarios == 1 && Acceptors < 2, "the durable scenarios need a majority of acceptors (2 or 3)"),
            (DataDir is "", "--data-dir needs a folder"),
        ];
        return rules.FirstOrDefault(rule => rule.Bad).Message;
    }

    /// <summary>The command line that asks for these settings (<c>paxosctl run</c> and <c>./run.sh</c> take the same).</summary>
    public IReadOnlyList<string> ToArguments()
    {
        var arguments = new List<string>();
        if (ValuesPerClient is { } values)
        {
            arguments.Add(Number(values));
        }

        void Add(string option, string? value)
        {
            if (value is not null)
            {
                arguments.Add(option);
                arguments.Add(value);
            }
        }

        Add("--inputs", Inputs);
        Add("--acceptors", Acceptors == 3 ? null : Number(Acceptors));
        Add("--loss", Loss is { } loss ? Number(loss) : null);
        Add("--kill-acceptors", KillAcceptors == 0 ? null : Number(KillAcceptors));
        Add("--settle", Settle is { } settle ? Number(settle) : null);
        Add("--client-delay", ClientDelay == 0.5 ? null : Number(ClientDelay));
        Add("--timeout", Timeout is { } timeout ? Number(timeout) : null);
        Add("--out", Out);
        Add("--data-dir", DataDir);
        foreach ((bool on, string flag) in (ReadOnlySpan<(bool, string)>)[(CatchUp, "--catch-up"), (RestartAcceptors, "--restart-acceptors"), (RestartProposer, "--restart-proposer"), (PowerCut, "--power-cut"), (LateLearner, "--late-learner")])
        {
            if (on)
            {
                arguments.Add(flag);
            }
        }

        return arguments;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
