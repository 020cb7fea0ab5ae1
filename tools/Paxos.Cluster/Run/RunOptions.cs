using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Paxos.Cluster.Run;

/// <summary>
/// <c>paxosctl run</c>'s command line, parsed into <see cref="RunSettings"/>. Values are taken as text and checked
/// here, so that every bad usage gets run.sh's own message and exit status 2 (not the parser's generic error).
/// </summary>
public sealed partial class RunOptions
{
    private readonly Argument<string[]> _values = new("values per client") { Arity = ArgumentArity.ZeroOrMore, Description = "Values each client proposes (random numbers, like the course's $RANDOM)." };
    private readonly Option<string?> _inputs = Valued("--inputs", "Propose DIR/prop1 and DIR/prop2 (any bytes, one value per line) instead of random numbers; no <values per client> then.");
    private readonly Option<string?> _acceptors = Valued("--acceptors", "Start only K acceptors (1..3; default 3). With 2 everything is still learned; with 1 no progress is possible: it waits 5 s after the clients start and requires that nothing at all was learned.");
    private readonly Option<string?> _loss = Valued("--loss", "Drop each incoming multicast datagram with probability P (0 <= P < 1), with the course's iptables rule, inside the namespace. Multiplies the default timeout by 3.");
    private readonly Option<string?> _kill = Valued("--kill-acceptors", "Kill K acceptors (SIGKILL, highest ids first) while values are being proposed: each client gets the first half of its values; once the learners have learned a quarter of all values, the third quarters go in and meanwhile the acceptors are killed; then the last quarters. With a majority left everything must be learned; without, progress must stop: the counts 1 s after the kill (at-kill.txt) must not change in the next 3 s, and learn1 must equal learn2.");
    private readonly Option<bool> _catchUp = Flag("--catch-up", "The course's test 6: 3 acceptors, 1 proposer, learner 1 and client 1; once learner 1 has all of client 1's values, learner 2 and client 2 start; both learners must end with the same whole sequence.");
    private readonly Option<string?> _settle = Valued("--settle", "The course's way: after starting the clients wait S seconds, then stop everything and check, without waiting for completion.");
    private readonly Option<string?> _clientDelay = Valued("--client-delay", "Wait S seconds between the proposers receiving and the clients starting (default 0.5; the course waits 10 s).");
    private readonly Option<string?> _timeout = Valued("--timeout", "Give up waiting after S seconds from the clients' start (default 30 + values/2000, x3 with --loss).");
    private readonly Option<string?> _out = Valued("--out", "Where to write prop1 prop2 learn1 learn2, paxos.conf, logs/, stats/ (default: out/ at the repository root). Files of an earlier run there are replaced.");
    private readonly Option<string?> _dataDir = Valued("--data-dir", "Durable mode: write 'data_dir DIR' into the run's paxos.conf; acceptors, proposers and clients keep their state in DIR/<role><id>/ (the folders of an earlier run there are removed first).");
    private readonly Option<bool> _restartAcceptors = Flag("--restart-acceptors", "While the values are proposed, SIGKILL each acceptor in turn and restart it with its folder, one at a time. Everything must be learned, in the same order, each submission exactly once.");
    private readonly Option<bool> _restartProposer = Flag("--restart-proposer", "The same for the leading proposer 1 (with --restart-acceptors: after them).");
    private readonly Option<bool> _powerCut = Flag("--power-cut", "SIGKILL every process at once once a quarter of the values is learned, restart everything with its folder and re-run the clients on their whole input: the outputs before the cut (learn*.before-cut) must be prefixes of the new ones, every submission printed exactly once.");
    private readonly Option<bool> _lateLearner = Flag("--late-learner", "Learner 2 starts only after learner 1 has learned every value; reports its catch-up time and every process's peak resident memory (also written to peak-rss.txt).");

    /// <summary>Adds every option and the values argument to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Arguments.Add(_values);
        foreach (Option option in (Option[])[_acceptors, _loss, _kill, _catchUp, _settle, _inputs, _clientDelay, _timeout, _out, _dataDir, _restartAcceptors, _restartProposer, _powerCut, _lateLearner])
        {
            command.Options.Add(option);
        }

        // Unknown options are reported by Parse with run.sh's message (and exit status 2), not by the parser.
        command.TreatUnmatchedTokensAsErrors = false;
    }

    /// <summary>The settings <paramref name="result"/> asks for, or the reason it is bad usage.</summary>
    public (RunSettings? Settings, string? Problem) Parse(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        // The values argument also takes unknown options (and negative numbers): like run.sh, anything starting with
        // '-' that is not an option is one.
        string[] values = [.. result.GetValue(_values) ?? [], .. result.UnmatchedTokens];
        if (values.FirstOrDefault(token => token.StartsWith('-')) is { } unknown)
        {
            return (null, $"unknown option: {unknown}");
        }

        if (values.Length > 1)
        {
            return (null, $"unexpected argument: {values[1]} (the number of values is already {values[0]})");
        }

        if (result.Errors.Count > 0)
        {
            return (null, result.Errors[0].Message);
        }

        foreach (Option<string?> option in (Option<string?>[])[_inputs, _acceptors, _loss, _kill, _settle, _clientDelay, _timeout, _out, _dataDir])
        {
            if (result.GetResult(option) is not null && result.GetValue(option) is null)
            {
                return (null, option == _dataDir ? "--data-dir needs a folder" : $"{option.Name} needs a value");
            }
        }

        long? perClient = null;
        if (values.Length == 1)
        {
            if (!UnsignedInteger().IsMatch(values[0]) || !long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n < 1)
            {
                return (null, $"values per client must be a positive integer, not '{values[0]}'");
            }

            perClient = n;
        }

        string? acceptorsText = result.GetValue(_acceptors);
        string? killText = result.GetValue(_kill);
        string? lossText = result.GetValue(_loss);
        if (acceptorsText is not null && !UnsignedInteger().IsMatch(acceptorsText))
        {
            return (null, "--acceptors must be 1, 2 or 3");
        }

        int acceptors = acceptorsText is null ? 3 : (int)Math.Min(int.MaxValue, double.Parse(acceptorsText, CultureInfo.InvariantCulture));
        if (killText is not null && !UnsignedInteger().IsMatch(killText))
        {
            return (null, $"--kill-acceptors must be between 1 and the number of acceptors ({acceptors})");
        }

        if (lossText is not null && !Seconds().IsMatch(lossText))
        {
            return (null, $"--loss must be a probability, 0 <= P < 1, not '{lossText}'");
        }

        foreach ((Option<string?> option, string what) in (ReadOnlySpan<(Option<string?>, string)>)[(_settle, "--settle"), (_timeout, "--timeout"), (_clientDelay, "--client-delay")])
        {
            if (result.GetValue(option) is { } text && !Seconds().IsMatch(text))
            {
                return (null, $"{what} must be a number of seconds");
            }
        }

        var settings = new RunSettings
        {
            ValuesPerClient = perClient,
            Inputs = result.GetValue(_inputs),
            Acceptors = acceptors,
            Loss = lossText is null ? null : double.Parse(lossText, CultureInfo.InvariantCulture),
            KillAcceptors = killText is null ? 0 : (int)Math.Min(int.MaxValue, double.Parse(killText, CultureInfo.InvariantCulture)),
            CatchUp = result.GetValue(_catchUp),
            Settle = Number(result.GetValue(_settle)),
            ClientDelay = Number(result.GetValue(_clientDelay)) ?? 0.5,
            Timeout = Number(result.GetValue(_timeout)),
            Out = result.GetValue(_out),
            DataDir = result.GetValue(_dataDir),
            RestartAcceptors = result.GetValue(_restartAcceptors),
            RestartProposer = result.GetValue(_restartProposer),
            PowerCut = result.GetValue(_powerCut),
            LateLearner = result.GetValue(_lateLearner),
        };
        return settings.Problem() is { } problem ? (null, problem) : (settings, null);
    }

    private static double? Number(string? text) => text is null ? null : double.Parse(text, CultureInfo.InvariantCulture);

    private static Option<string?> Valued(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };

    private static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    // run.sh's is_uint and is_number: plain digits, with an optional fraction (no sign, no exponent).
    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex UnsignedInteger();

    [GeneratedRegex(@"^[0-9]+([.][0-9]+)?$|^[.][0-9]+$")]
    private static partial Regex Seconds();
}
