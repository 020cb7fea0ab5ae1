using Paxos.Core.Protocol.Messages;

namespace Paxos.Core.Protocol.Learners;

/// <summary>
/// Learns the decided sequence and delivers its submissions in instance order, each submission at most
/// once. It trusts only Decision frames, which a proposer sends after it saw a quorum of acceptors
/// accept the value in one ballot; it never delivers a value merely accepted by some acceptor.
/// Gaps and a late start are filled by asking the proposers for the missing instances.
/// </summary>
public sealed class Learner : IRole
{
    private readonly ProtocolSettings _settings;
    private readonly Dictionary<long, Batch> _waiting = [];
    private readonly SubmissionLedger _delivered = new();
    private readonly CatchUpTracker _catchUp;

    /// <summary>Creates a learner that has learned nothing.</summary>
    public Learner(ProtocolSettings settings)
    {
        _settings = settings;
        _catchUp = new CatchUpTracker(settings);
    }

    /// <inheritdoc />
    public Ready Ready { get; } = new();

    /// <inheritdoc />
    public bool Finished => false;

    /// <inheritdoc />
    public void Propose(IInputSource input, TimeSpan now)
    {
        // Only clients take input.
    }

    /// <summary>The first instance not delivered yet: everything before it has been applied.</summary>
    public long NextInstance { get; private set; }

    /// <summary>Submissions skipped because they were already delivered (client resends, double proposals).</summary>
    public long DuplicatesSkipped { get; private set; }

    /// <summary>Submissions delivered in total.</summary>
    public long DeliveredCount { get; private set; }

    /// <summary>Bytes of decided batches waiting behind a gap.</summary>
    public long BufferedDecisionBytes { get; private set; }

    /// <summary>Times the decisions waiting behind a gap were dropped for exceeding <see cref="ProtocolSettings.MaxBufferedDecisionBytes"/>.</summary>
    public long BufferedDecisionsDropped { get; private set; }

    /// <summary>
    /// A Decision's batch is kept only if it must wait (as a copy), and its values go to
    /// <see cref="Ready.Deliveries"/>, which the loop writes out as soon as the message is handled.
    /// </summary>
    public bool MayBorrowBatchOf(MessageType type) => type == MessageType.Decision;

    /// <summary>Catch-up requests sent.</summary>
    public long CatchUpRequests => _catchUp.RequestsSent;

    /// <inheritdoc />
    public void Handle(int senderId, Message message, TimeSpan now)
    {
        if (message is not Decision decision)
        {
            return;
        }

        _catchUp.OnDecision(decision.Instance, decision.DecidedPrefix, now);
        if (decision.Instance < NextInstance || decision.Instance > NextInstance + _settings.MaxInstanceLookahead)
        {
            return;
        }

        int size = decision.Batch.Encoded.Length;
        // (A duplicate of a decision already waiting adds nothing, so it must not trigger the drop.)
        if (decision.Instance != NextInstance
            && !_waiting.ContainsKey(decision.Instance)
            && BufferedDecisionBytes + size > _settings.MaxBufferedDecisionBytes)
        {
            // Too much waits behind the gap: drop it all (memory stays bounded whatever arrives); catch-up
            // fetches these instances again, in order, once the gap is filled.
            _waiting.Clear();
            BufferedDecisionBytes = 0;
            BufferedDecisionsDropped++;
        }

        // The next instance is delivered during this call; one that waits is kept, so it must own its bytes.
        Batch batch = decision.Instance == NextInstance ? decision.Batch : decision.Batch.Owned();
        if (_waiting.TryAdd(decision.Instance, batch))
        {
            BufferedDecisionBytes += size;
        }

        while (_waiting.Remove(NextInstance, out Batch? next))
        {
            BufferedDecisionBytes -= next.Encoded.Length;
            Deliver(next);
            NextInstance++;
        }
    }

    /// <inheritdoc />
    public void Tick(TimeSpan now)
    {
        if (_catchUp.ShouldRequest(NextInstance, now, out long from))
        {
            Ready.Send(RoleGroup.Proposers, new CatchUpRequest(from, RoleGroup.Learners));
        }
    }

    private void Deliver(Batch batch)
    {
        foreach (BatchValue value in batch)
        {
            // The same submission can be decided twice (a client resent it while the first copy was
            // still in flight, or two leaders proposed it); every learner skips the later copy
            // identically, because it applies the same decided sequence.
            if (_delivered.Add(value.ClientId, value.Session, value.Sequence))
            {
                Ready.Deliveries.Add(value.Value);
                DeliveredCount++;
            }
            else
            {
                DuplicatesSkipped++;
            }
        }
    }
}
