using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Storage;

namespace Paxos.Core.Protocol.Acceptors;

/// <summary>
/// The Paxos acceptor. One promise covers all instances (Multi-Paxos), so a leader's single Prepare
/// prepares every instance from its start point on. It answers Prepare with Promise chunks listing what
/// it accepted, accepts any Accept whose ballot is at least its promise, and tells a proposer with a
/// lower ballot about the higher promise (Nack) so it can back off.
/// </summary>
public sealed class Acceptor : IRole
{
    private readonly int _id;
    private readonly ProtocolSettings _settings;
    private readonly IAcceptorStore _accepted;
    private long _preparedFrom;

    /// <summary>
    /// Creates acceptor <paramref name="id"/> over <paramref name="store"/>: by default an empty one in memory;
    /// a durable store resumes with what it promised and accepted before a crash.
    /// </summary>
    public Acceptor(int id, ProtocolSettings settings, IAcceptorStore? store = null)
    {
        _id = id;
        _settings = settings;
        _accepted = store ?? new AcceptedLog();
        Ready = new Ready(_accepted);
    }

    /// <summary>Where this acceptor's promise and accepted values are kept; committed by the host before it sends.</summary>
    public IAcceptorStore Store => _accepted;

    /// <inheritdoc />
    public Ready Ready { get; }

    /// <inheritdoc />
    public bool Finished => false;

    /// <inheritdoc />
    public void Propose(IInputSource input, TimeSpan now)
    {
        // Only clients take input.
    }

    /// <summary>The highest ballot promised (phase 1) or accepted (phase 2). Never decreases, across restarts too.</summary>
    public Ballot Promised => _accepted.Promised;

    /// <summary>Frames dropped because their instance lay absurdly far ahead.</summary>
    public long DroppedOutOfRange { get; private set; }

    /// <summary>What this acceptor accepted for <paramref name="instance"/>, if anything (used by the simulator's checks).</summary>
    public bool TryGetAccepted(long instance, out Ballot ballot, out Batch batch) =>
        _accepted.TryGet(instance, out ballot, out batch);

    /// <summary>One past the highest instance this acceptor accepted a value for.</summary>
    public long AcceptedEnd => _accepted.AcceptedEnd;

    /// <inheritdoc />
    public void Handle(int senderId, Message message, TimeSpan now)
    {
        switch (message)
        {
            case Prepare prepare:
                OnPrepare(prepare);
                break;
            case Accept accept:
                OnAccept(accept);
                break;
        }
    }

    /// <inheritdoc />
    public void Tick(TimeSpan now)
    {
        // An acceptor only ever answers; it has nothing to retry.
    }

    private void OnPrepare(Prepare prepare)
    {
        if (prepare.TargetAcceptor != Prepare.AllAcceptors && prepare.TargetAcceptor != _id)
        {
            return;
        }

        // ">=" rather than ">": a proposer resending its Prepare (the first answer was lost) must get
        // the same answer again. Ballots are unique per proposer, so equal means the same proposer.
        if (prepare.Ballot < Promised)
        {
            Ready.Send(RoleGroup.Proposers, new Nack(prepare.Ballot, Promised, prepare.FromInstance));
            return;
        }

        if (prepare.Ballot > Promised)
        {
            _accepted.SetPromised(prepare.Ballot);
        }

        _preparedFrom = Math.Max(_preparedFrom, prepare.FromInstance);
        Ready.Send(RoleGroup.Proposers, BuildPromiseChunk(prepare.Ballot, prepare.FromInstance));
    }

    /// <summary>
    /// Lists accepted values from <paramref name="from"/> on, up to the chunk budget (at least one entry,
    /// so a single large value still gets through). The proposer asks for the next chunk if not complete.
    /// </summary>
    private Promise BuildPromiseChunk(Ballot ballot, long from)
    {
        var entries = new List<AcceptedEntry>();
        int bytes = 0;
        long stoppedAt = -1;
        foreach ((long instance, Ballot acceptedBallot, Batch batch) in _accepted.From(from))
        {
            int size = WireLimits.PromiseEntryOverheadBytes + batch.Encoded.Length;
            if (entries.Count > 0 && bytes + size > _settings.PromiseChunkBytes)
            {
                stoppedAt = instance;
                break;
            }

            entries.Add(new AcceptedEntry(instance, acceptedBallot, batch));
            bytes += size;
        }

        bool complete = stoppedAt < 0;
        long next = complete ? Math.Max(from, _accepted.AcceptedEnd) : stoppedAt;
        return new Promise(ballot, from, next, complete, entries);
    }

    /// <summary>
    /// An Accept's batch goes only to the store, whose contract is to copy what it keeps
    /// (<see cref="IAcceptorStore.SetAccepted"/>); the answer carries no batch.
    /// </summary>
    public bool MayBorrowBatchOf(MessageType type) => type == MessageType.Accept;

    private void OnAccept(Accept accept)
    {
        if (accept.Ballot < Promised)
        {
            Ready.Send(RoleGroup.Proposers, new Nack(accept.Ballot, Promised, accept.Instance));
            return;
        }

        // The window: no further than the lookahead past where this acceptor or the leader it promised last
        // says the cluster is (an acceptor that was away catches up with the next Prepare, which every leader
        // repeats while it leads). Subtracting cannot overflow: both numbers are non-negative.
        long windowStart = Math.Max(_accepted.AcceptedEnd, _preparedFrom);
        if (accept.Instance - windowStart > _settings.MaxInstanceLookahead)
        {
            DroppedOutOfRange++;
            return;
        }

        // Accepting ballot b also promises b: a later Prepare below b must be refused.
        if (accept.Ballot > Promised)
        {
            _accepted.SetPromised(accept.Ballot);
        }

        _accepted.SetAccepted(accept.Instance, accept.Ballot, accept.Batch);
        Ready.Send(RoleGroup.Proposers, new Accepted(accept.Ballot, accept.Instance, accept.Attempt));
    }
}
