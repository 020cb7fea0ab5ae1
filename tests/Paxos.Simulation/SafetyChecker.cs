using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;

namespace Paxos.Simulation;

/// <summary>
/// The atomic-broadcast safety properties, checked incrementally as events happen:
/// <list type="bullet">
/// <item>per instance, no two different batches are ever sent as the decision;</item>
/// <item>every decided submission (client, session, sequence) was submitted, with exactly these bytes;</item>
/// <item>every learner's output is a prefix of the decided sequence with repeated submissions removed, so
/// learners agree with each other and no submission is delivered twice;</item>
/// <item>independently of decisions, learners' outputs are prefixes of each other, and no value is delivered
/// more often than clients submitted it (the course's own checks, on values alone);</item>
/// <item>consensus from the acceptors' own state: for each instance, a value accepted by a majority of the
/// acceptor processes in one ballot is chosen, and no two different values are ever chosen; one ballot never
/// carries two values for one instance; every Decision a proposer sends names the value chosen there;</item>
/// <item>in a stall (a majority of acceptors crashed), nothing is decided that was not chosen before;</item>
/// <item>an acceptor keeps its word, across restarts too: once it answered a ballot (Promise or Accepted), it
/// never answers a lower one (checked with the decisions, on the acceptors' own messages).</item>
/// </list>
/// Each violation starts with its kind ("consensus:", "agreement:", "integrity:", "order:", "quorum:", "stall:", "promise:").
/// </summary>
public sealed class SafetyChecker
{
    private readonly List<List<string>> _outputs = [];
    private readonly List<Dictionary<string, int>> _deliveredCounts = [];
    private readonly Dictionary<string, int> _submittedValues = [];
    private readonly Dictionary<SubmissionKey, string> _submissions = [];
    private readonly Dictionary<long, Batch> _decided = [];
    private readonly List<string> _expected = [];
    private readonly HashSet<SubmissionKey> _expectedKeys = [];
    private readonly List<SubmissionKey> _expectedKeyList = [];
    private readonly Dictionary<SubmissionKey, int> _expectedPosition = [];
    private readonly List<string> _violations = [];
    private readonly HashSet<string> _kinds = [];
    private readonly Dictionary<uint, List<SubmissionKey>> _submittedByClient = [];
    private readonly Dictionary<(long Instance, Ballot Ballot), BallotVotes> _votes = [];
    private readonly Dictionary<long, (Ballot Ballot, Batch Batch)> _chosen = [];
    private readonly Dictionary<int, Ballot> _answered = [];
    private HashSet<long>? _chosenBeforeStall;
    private HashSet<(long Instance, Ballot Ballot)>? _votedBeforeStall;
    private long _expectedThrough;

    /// <summary>Acceptor processes in the cluster: "chosen" means accepted by a majority of them in one ballot.</summary>
    public int AcceptorProcesses { get; set; }

    /// <summary>
    /// Whether every Decision must name a value the acceptors' state shows chosen (default). The broken-variant
    /// tests turn it off to show that the end-to-end properties (agreement, consensus) catch them on their own.
    /// </summary>
    public bool RequireDecisionsChosen { get; set; } = true;

    /// <summary>The kinds of violation found (the word before the colon).</summary>
    public IReadOnlyCollection<string> ViolationKinds => _kinds;

    /// <summary>Instances the acceptors' state shows chosen.</summary>
    public int ChosenInstanceCount => _chosen.Count;

    /// <summary>Distinct (instance, ballot) pairs some acceptor accepted a value in.</summary>
    public int AcceptedBallotCount => _votes.Count;

    /// <summary>Every violation found, in the order found. Empty means the run was safe.</summary>
    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Instances some proposer sent a Decision for.</summary>
    public int DecidedInstanceCount => _decided.Count;

    public IReadOnlyCollection<long> DecidedInstances => _decided.Keys;

    public int SubmittedCount { get; private set; }

    public static string Key(ReadOnlySpan<byte> value) => Encoding.Latin1.GetString(value);

    public IReadOnlyList<string> Output(int learner) => learner < _outputs.Count ? _outputs[learner] : [];

    /// <summary>A client submitted <paramref name="value"/> as (client, session, sequence).</summary>
    public void OnSubmitted(SubmissionKey submission, ReadOnlySpan<byte> value)
    {
        string key = Key(value);
        _submissions.Add(submission, key);
        if (!_submittedByClient.TryGetValue(submission.ClientId, out List<SubmissionKey>? ofClient))
        {
            ofClient = [];
            _submittedByClient.Add(submission.ClientId, ofClient);
        }

        ofClient.Add(submission);

        _submittedValues[key] = _submittedValues.GetValueOrDefault(key) + 1;
        SubmittedCount++;
    }

    /// <summary>Acceptor process <paramref name="acceptor"/> holds <paramref name="batch"/> for the instance, accepted in <paramref name="ballot"/>.</summary>
    public void OnAcceptorAccepted(int acceptor, long instance, Ballot ballot, Batch batch, TimeSpan now)
    {
        if (!_votes.TryGetValue((instance, ballot), out BallotVotes? votes))
        {
            votes = new BallotVotes(batch, acceptor);
            _votes.Add((instance, ballot), votes);
        }
        else if (!SameBytes(votes.Batch, batch))
        {
            // A proposer proposes one value per instance in a ballot; two values in one ballot break the
            // argument that the highest-ballot value a quorum reports is the only one that can be chosen.
            Report(now, "consensus", acceptor == votes.FirstAcceptor
                ? $"instance {instance} ballot {ballot}: acceptor #{acceptor + 1} replaced the value it had accepted by another one in the same ballot"
                : $"instance {instance} ballot {ballot}: acceptor #{acceptor + 1} accepted a different value than acceptor #{votes.FirstAcceptor + 1} in the same ballot");
            return;
        }

        ulong bit = 1UL << acceptor;
        if ((votes.Voters & bit) != 0)
        {
            return;
        }

        votes.Voters |= bit;
        votes.Count++;
        if (votes.Count != (AcceptorProcesses / 2) + 1)
        {
            return;
        }

        if (_chosen.TryGetValue(instance, out var chosen))
        {
            if (!SameBytes(chosen.Batch, batch))
            {
                Report(now, "consensus", $"instance {instance}: a majority accepted a value in ballot {ballot}, another value was chosen in ballot {chosen.Ballot}");
            }

            return;
        }

        _chosen.Add(instance, (ballot, batch));
        if (_votedBeforeStall is not null)
        {
            ChosenSinceStall++;

            // The live acceptors are a minority: they can complete a majority only together with votes a
            // crashed acceptor cast in the same ballot before it crashed, never on their own.
            if (!_votedBeforeStall.Contains((instance, ballot)))
            {
                Report(now, "stall", $"instance {instance} was chosen in ballot {ballot} after a majority of acceptors crashed, with no vote cast in that ballot before");
            }
        }
    }

    /// <summary>
    /// A majority of acceptors has crashed: from now on no proposal made after this moment can be chosen.
    /// An instance may still become chosen only in a ballot some now-crashed acceptor had voted in.
    /// </summary>
    public void BeginStall()
    {
        _chosenBeforeStall ??= [.. _chosen.Keys];
        _votedBeforeStall ??= [.. _votes.Keys];
    }

    /// <summary>Instances that became chosen after the stall began (completing votes cast before it).</summary>
    public int ChosenSinceStall { get; private set; }

    public void OnDecisionSent(int proposerId, Decision decision, TimeSpan now)
    {
        if (RequireDecisionsChosen)
        {
            if (!_chosen.TryGetValue(decision.Instance, out var chosen))
            {
                Report(now, "quorum", $"instance {decision.Instance}: proposer {proposerId} sent a decision, but no majority of acceptors accepted any value there in one ballot");
            }
            else if (!SameBytes(chosen.Batch, decision.Batch))
            {
                Report(now, "consensus", $"instance {decision.Instance}: proposer {proposerId} sent a decision with another value than the one chosen in ballot {chosen.Ballot}");
            }
        }

        if (_votedBeforeStall is not null && !_chosenBeforeStall!.Contains(decision.Instance)
            && (!_chosen.TryGetValue(decision.Instance, out var late) || !_votedBeforeStall.Contains((decision.Instance, late.Ballot))))
        {
            Report(now, "stall", $"instance {decision.Instance}: proposer {proposerId} decided it after a majority of acceptors crashed, with no vote cast before");
        }

        if (_decided.TryGetValue(decision.Instance, out Batch? earlier))
        {
            if (!SameBytes(earlier, decision.Batch))
            {
                Report(now, "consensus", $"instance {decision.Instance}: proposer {proposerId} sent a decision with a different batch than an earlier decision");
            }

            return;
        }

        _decided.Add(decision.Instance, decision.Batch);
        foreach (BatchValue value in decision.Batch)
        {
            var submission = new SubmissionKey(value.ClientId, value.Session, value.Sequence);
            if (!_submissions.TryGetValue(submission, out string? submitted))
            {
                Report(now, "integrity", $"instance {decision.Instance} decided {submission}, which no client submitted");
            }
            else if (submitted != Key(value.Value.Span))
            {
                Report(now, "integrity", $"instance {decision.Instance} decided {submission} with other bytes than submitted");
            }
        }
    }

    /// <summary>
    /// Acceptor process <paramref name="acceptor"/> sends a Promise or an Accepted in <paramref name="ballot"/>.
    /// Either promises every ballot below is refused from now on (Paxos's phase-1 rule), so a lower answer
    /// later means the acceptor broke a promise: what a proposer built on it (a quorum's report of what may be
    /// chosen) no longer holds. With restarts, a promise must survive the crash that follows it.
    /// </summary>
    public void OnAcceptorAnswered(int acceptor, Ballot ballot, TimeSpan now)
    {
        if (!RequireDecisionsChosen)
        {
            return;
        }

        if (_answered.TryGetValue(acceptor, out Ballot promised) && ballot < promised)
        {
            Report(now, "promise", $"acceptor #{acceptor + 1} answered ballot {ballot} after it had answered ballot {promised}");
            return;
        }

        _answered[acceptor] = ballot;
    }

    public void OnDelivered(int learner, ReadOnlySpan<byte> value, TimeSpan now)
    {
        while (_outputs.Count <= learner)
        {
            _outputs.Add([]);
            _deliveredCounts.Add([]);
        }

        string key = Key(value);
        List<string> output = _outputs[learner];
        int index = output.Count;

        // Against the decided sequence, each submission once.
        ExtendExpected();
        if (index >= _expected.Count)
        {
            Report(now, "order", $"learner {learner} delivered {Show(key)} at position {index}, beyond the {_expected.Count} submissions decided so far");
        }
        else if (_expected[index] != key)
        {
            Report(now, "order", $"learner {learner} delivered {Show(key)} at position {index}, the decided sequence has {Show(_expected[index])} there");
        }

        // Against the other learners.
        for (int other = 0; other < _outputs.Count; other++)
        {
            if (other != learner && _outputs[other].Count > index && _outputs[other][index] != key)
            {
                Report(now, "agreement", $"learner {learner} delivered {Show(key)} at position {index}, learner {other} delivered {Show(_outputs[other][index])} there");
            }
        }

        // Against the submitted values.
        output.Add(key);
        int delivered = _deliveredCounts[learner][key] = _deliveredCounts[learner].GetValueOrDefault(key) + 1;
        int submitted = _submittedValues.GetValueOrDefault(key);
        if (submitted == 0)
        {
            Report(now, "integrity", $"learner {learner} delivered {Show(key)}, which no client submitted");
        }
        else if (delivered > submitted)
        {
            Report(now, "integrity", $"learner {learner} delivered {Show(key)} {delivered} times, submitted {submitted} times");
        }
    }

    /// <summary>Liveness at the end of a run: the learner delivered exactly the submitted values, each once per submission.</summary>
    public bool DeliveredEverything(int learner) =>
        learner < _outputs.Count && _outputs[learner].Count == SubmittedCount
        && _deliveredCounts[learner].Count == _submittedValues.Count
        && _submittedValues.All(s => _deliveredCounts[learner].GetValueOrDefault(s.Key) == s.Value);

    /// <summary>Appends the submissions of contiguously decided instances, skipping repeated ones as learners must.</summary>
    private void ExtendExpected()
    {
        while (_decided.TryGetValue(_expectedThrough, out Batch? batch))
        {
            foreach (BatchValue value in batch)
            {
                var submission = new SubmissionKey(value.ClientId, value.Session, value.Sequence);
                if (_expectedKeys.Add(submission))
                {
                    _expectedPosition.Add(submission, _expected.Count);
                    _expected.Add(Key(value.Value.Span));
                    _expectedKeyList.Add(submission);
                }
            }

            _expectedThrough++;
        }
    }

    /// <summary>
    /// Liveness: <paramref name="learner"/> printed every submission of the clients <paramref name="clientIds"/>
    /// (its output is a checked prefix of the decided sequence, so a position tells which submission it printed).
    /// </summary>
    public bool DeliveredAllOf(int learner, IEnumerable<uint> clientIds)
    {
        ExtendExpected();
        int printed = learner < _outputs.Count ? _outputs[learner].Count : 0;
        foreach (uint client in clientIds)
        {
            if (!_submittedByClient.TryGetValue(client, out List<SubmissionKey>? submissions))
            {
                continue;
            }

            foreach (SubmissionKey submission in submissions)
            {
                if (!_expectedPosition.TryGetValue(submission, out int position) || position >= printed)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Submissions made by client <paramref name="clientId"/>.</summary>
    public int SubmittedBy(uint clientId) => _submittedByClient.TryGetValue(clientId, out List<SubmissionKey>? submissions) ? submissions.Count : 0;

    private static bool SameBytes(Batch a, Batch b) => ReferenceEquals(a, b) || a.Encoded.Span.SequenceEqual(b.Encoded.Span);

    private void Report(TimeSpan now, string kind, string violation)
    {
        _kinds.Add(kind);
        _violations.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"t={now.TotalMilliseconds:F1}ms {kind}: {violation}"));
    }

    /// <summary>Who accepted one value for one instance in one ballot.</summary>
    private sealed class BallotVotes(Batch batch, int firstAcceptor)
    {
        public Batch Batch { get; } = batch;

        public int FirstAcceptor { get; } = firstAcceptor;

        public ulong Voters { get; set; }

        public int Count { get; set; }
    }

    /// <summary>A value for a message: printable ASCII as is, every other byte as \xNN, cut after 60 characters.</summary>
    private static string Show(string key)
    {
        var text = new StringBuilder("\"");
        foreach (char c in key.Length > 60 ? key[..60] : key)
        {
            text.Append(c is >= ' ' and <= '~' and not '\\' ? c.ToString() : $"\\x{(int)c:X2}");
        }

        return text.Append(key.Length > 60 ? "\"…" : "\"").ToString();
    }
}
