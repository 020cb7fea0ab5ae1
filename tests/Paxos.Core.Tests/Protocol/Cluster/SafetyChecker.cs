using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Wire;
using Paxos.Core.Wire.Messages;

namespace Paxos.Core.Tests.Protocol.Cluster;

/// <summary>
/// The atomic-broadcast safety properties, checked incrementally as events happen:
/// <list type="bullet">
/// <item>per instance, no two different batches are ever sent as the decision;</item>
/// <item>every decided submission (client, session, sequence) was submitted, with exactly these bytes;</item>
/// <item>every learner's output is a prefix of the decided sequence with repeated submissions removed, so
/// learners agree with each other and no submission is delivered twice;</item>
/// <item>independently of decisions, learners' outputs are prefixes of each other, and no value is delivered
/// more often than clients submitted it (the course's own checks, on values alone).</item>
/// </list>
/// </summary>
internal sealed class SafetyChecker
{
    private readonly List<List<string>> _outputs = [];
    private readonly List<Dictionary<string, int>> _deliveredCounts = [];
    private readonly Dictionary<string, int> _submittedValues = [];
    private readonly Dictionary<SubmissionKey, string> _submissions = [];
    private readonly Dictionary<long, Batch> _decided = [];
    private readonly List<string> _expected = [];
    private readonly HashSet<SubmissionKey> _expectedKeys = [];
    private readonly List<string> _violations = [];
    private long _expectedThrough;

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
        _submittedValues[key] = _submittedValues.GetValueOrDefault(key) + 1;
        SubmittedCount++;
    }

    public void OnDecisionSent(int proposerId, Decision decision, TimeSpan now)
    {
        if (_decided.TryGetValue(decision.Instance, out Batch? earlier))
        {
            if (!earlier.Encoded.Span.SequenceEqual(decision.Batch.Encoded.Span))
            {
                Report(now, $"instance {decision.Instance}: proposer {proposerId} sent a decision with a different batch than an earlier decision");
            }

            return;
        }

        _decided.Add(decision.Instance, decision.Batch);
        foreach (BatchValue value in decision.Batch)
        {
            var submission = new SubmissionKey(value.ClientId, value.Session, value.Sequence);
            if (!_submissions.TryGetValue(submission, out string? submitted))
            {
                Report(now, $"integrity: instance {decision.Instance} decided {submission}, which no client submitted");
            }
            else if (submitted != Key(value.Value.Span))
            {
                Report(now, $"integrity: instance {decision.Instance} decided {submission} with other bytes than submitted");
            }
        }
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
            Report(now, $"learner {learner} delivered {Show(key)} at position {index}, beyond the {_expected.Count} submissions decided so far");
        }
        else if (_expected[index] != key)
        {
            Report(now, $"learner {learner} delivered {Show(key)} at position {index}, the decided sequence has {Show(_expected[index])} there");
        }

        // Against the other learners.
        for (int other = 0; other < _outputs.Count; other++)
        {
            if (other != learner && _outputs[other].Count > index && _outputs[other][index] != key)
            {
                Report(now, $"agreement: learner {learner} delivered {Show(key)} at position {index}, learner {other} delivered {Show(_outputs[other][index])} there");
            }
        }

        // Against the submitted values.
        output.Add(key);
        int delivered = _deliveredCounts[learner][key] = _deliveredCounts[learner].GetValueOrDefault(key) + 1;
        int submitted = _submittedValues.GetValueOrDefault(key);
        if (submitted == 0)
        {
            Report(now, $"integrity: learner {learner} delivered {Show(key)}, which no client submitted");
        }
        else if (delivered > submitted)
        {
            Report(now, $"integrity: learner {learner} delivered {Show(key)} {delivered} times, submitted {submitted} times");
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
                if (_expectedKeys.Add(new SubmissionKey(value.ClientId, value.Session, value.Sequence)))
                {
                    _expected.Add(Key(value.Value.Span));
                }
            }

            _expectedThrough++;
        }
    }

    private void Report(TimeSpan now, string violation) => _violations.Add($"t={now.TotalMilliseconds:F1}ms {violation}");

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
