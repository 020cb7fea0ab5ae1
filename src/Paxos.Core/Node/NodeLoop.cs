using Paxos.Core.Hosting;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Wire;
using Serilog;

namespace Paxos.Core.Node;

/// <summary>
/// Drives one role (etcd-raft's node loop): feeds it messages, ticks and client input, and drains its
/// <see cref="Ready"/> bag into four small edges: the network (encoded frames), the output sink (a learner's
/// values), the observer, and the store's commit, which comes before any message of the turn leaves. The
/// role processes run it in real time with <see cref="Run"/> over sockets, stdin and stdout; the simulator
/// calls the same steps (<see cref="Tick"/>, <see cref="TakeInput"/>, <see cref="Handle"/>,
/// <see cref="EndTurn"/>, <see cref="CommitCompleted"/>) from its event queue over a simulated network and clock.
/// </summary>
public sealed class NodeLoop
{
    /// <summary>Datagrams handled before the real-time loop ticks again, so a flood cannot starve the timers.</summary>
    private const int MaxDatagramsPerTurn = 512;

    private readonly IRole _role;
    private readonly INetwork _network;
    private readonly IClock _clock;
    private readonly NodeSettings _settings;
    private readonly byte[] _sendBuffer = new byte[FrameHeader.MaxDatagramBytes];

    /// <summary>What the role sent during the turn being committed: it leaves when the commit completes.</summary>
    private readonly List<OutgoingMessage> _held = [];

    /// <summary>
    /// Larger than any IPv4 UDP payload (65,507 bytes), so no datagram is ever cut short; one longer than
    /// a frame of ours can be is still seen whole, and dropped as oversized.
    /// </summary>
    private byte[]? _receiveBuffer;

    /// <summary>Set when the last receive turn failed without a datagram, so the next wait sleeps instead of polling.</summary>
    private bool _receiveFailing;

    /// <summary>Creates the loop of <paramref name="role"/> over <paramref name="network"/> and <paramref name="clock"/>.</summary>
    public NodeLoop(IRole role, INetwork network, IClock clock, NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(settings);
        _role = role;
        _network = network;
        _clock = clock;
        _settings = settings;
    }

    /// <summary>A client's values (null: the role takes no input).</summary>
    public IInputSource? Input { get; init; }

    /// <summary>Where a learner's values go (null: they are dropped).</summary>
    public IOutputSink? Output { get; init; }

    /// <summary>
    /// The durable store's commit (null: the role keeps its state in memory, and answers each message at once).
    /// With one, the messages of a turn wait until the turn's writes are durable, and share one commit.
    /// </summary>
    public IStoreCommit? Commit { get; init; }

    /// <summary>Watches the inputs and outputs (null: nobody).</summary>
    public INodeObserver? Observer { get; init; }

    /// <summary>Where a dropped datagram is noted at Debug level (null: nowhere).</summary>
    public ILogger? Log { get; init; }

    /// <summary>Frames and drops.</summary>
    public TrafficCounters Counters { get; } = new();

    /// <summary>The role driven.</summary>
    public IRole Role => _role;

    /// <summary>Whether a commit is under way whose messages are held (only with a store that syncs asynchronously).</summary>
    public bool Committing { get; private set; }

    /// <summary>True when the role has nothing left to do, or its output failed for good.</summary>
    public bool Finished => _role.Finished || Output is { Failed: true };

    /// <summary>Lets time pass for the role (retries, heartbeats, timeouts). The turn ends with <see cref="EndTurn"/>.</summary>
    public void Tick()
    {
        TimeSpan now = _clock.Now;
        _role.Tick(now);
        List<ulong> resent = _role.Ready.Resent;
        if (Observer is { } observer)
        {
            foreach (ulong sequence in resent)
            {
                observer.OnResent(sequence, now);
            }
        }

        resent.Clear();
    }

    /// <summary>Offers the role the client input it has room for. The turn ends with <see cref="EndTurn"/>.</summary>
    public void TakeInput()
    {
        if (Input is null)
        {
            return;
        }

        TimeSpan now = _clock.Now;
        _role.Propose(Input, now);
        List<ProposedValue> proposed = _role.Ready.Proposed;
        if (Observer is { } observer)
        {
            foreach (ProposedValue value in proposed)
            {
                observer.OnProposed(value, now);
            }
        }

        proposed.Clear();
    }

    /// <summary>
    /// Hands a decoded message to the role and writes what it delivered. Without a store its answers leave at
    /// once; with one they wait for <see cref="EndTurn"/>.
    /// </summary>
    public void Handle(int senderId, Message message)
    {
        TimeSpan now = _clock.Now;
        _role.Handle(senderId, message, now);
        Observer?.OnHandled(senderId, message, now);
        WriteDeliveries();
        if (Commit is null)
        {
            ThrowIfWritesWithoutCommit();
            SendReady();
        }
    }

    /// <summary>
    /// Decodes an untrusted datagram and hands its message to the role; anything that is not a valid frame of
    /// this cluster is counted and dropped. Returns whether it was handled.
    /// </summary>
    public bool TryHandleDatagram(ReadOnlySpan<byte> datagram) => TryHandleDatagram(datagram, receiveBuffer: default);

    /// <summary>
    /// As <see cref="TryHandleDatagram(ReadOnlySpan{byte})"/>, for a datagram in <paramref name="receiveBuffer"/>,
    /// which the next receive overwrites: a role that keeps no batch of this message type
    /// (<see cref="IRole.MayBorrowBatchOf"/>) gets the batch over the buffer, without a copy.
    /// </summary>
    private bool TryHandleDatagram(ReadOnlySpan<byte> datagram, ReadOnlyMemory<byte> receiveBuffer)
    {
        if (_settings.DropsOwnEchoes && FrameHeader.IsEchoOf(datagram, _settings.Id))
        {
            Counters.OnDropped(DropReason.OwnEcho, datagram.Length);
            return false;
        }

        bool typed = FrameHeader.TryReadType(datagram, _settings.ClusterId, out MessageType type);
        if (typed && _role.Ignores(type))
        {
            Counters.OnDropped(DropReason.Ignored, datagram.Length);
            return false;
        }

        bool lend = typed && !receiveBuffer.IsEmpty && _role.MayBorrowBatchOf(type);
        bool decoded = lend
            ? FrameCodec.TryDecodeLendingBatches(receiveBuffer, _settings.ClusterId, _settings.Authenticator, out Frame frame, out DropReason reason)
            : FrameCodec.TryDecode(datagram, _settings.ClusterId, _settings.Authenticator, out frame, out reason);
        if (!decoded)
        {
            Counters.OnDropped(reason, datagram.Length);
            Log?.Debug("dropped a {Length}-byte datagram: {Reason}", datagram.Length, reason);
            return false;
        }

        Counters.OnReceived(frame.Message.Type, datagram.Length);
        Handle(frame.SenderId, frame.Message);
        return true;
    }

    /// <summary>
    /// Ends a turn: commits the turn's writes, then sends what the role queued: no answer leaves before what it
    /// promises is durable. A store that syncs asynchronously holds the messages until <see cref="CommitCompleted"/>.
    /// </summary>
    public void EndTurn()
    {
        WriteDeliveries();
        if (_role.Ready.MustCommitFirst)
        {
            ThrowIfWritesWithoutCommit();
            switch (Commit!.Commit())
            {
                case CommitProgress.Syncing:
                    Committing = true;
                    _held.AddRange(_role.Ready.Messages);
                    _role.Ready.ClearMessages();
                    return;
                case CommitProgress.SyncingAnswersSent:
                    Committing = true;
                    SendReady();
                    return;
            }
        }

        Observer?.OnReleasing(_clock.Now);
        SendReady();
    }

    /// <summary>The sync of an asynchronous commit returned: the messages it held leave now.</summary>
    public void CommitCompleted()
    {
        Committing = false;
        Observer?.OnReleasing(_clock.Now);
        foreach (OutgoingMessage outgoing in _held)
        {
            Send(outgoing);
        }

        _held.Clear();
    }

    /// <summary>
    /// The real-time loop: ticks every <see cref="NodeSettings.TickInterval"/>, takes input, waits on the network
    /// for datagrams or the next deadline, until <paramref name="stop"/> is cancelled or the node is
    /// <see cref="Finished"/>. <paramref name="betweenTurns"/> runs once per turn (e.g. a statistics request).
    /// </summary>
    public void Run(CancellationToken stop, Action? betweenTurns = null)
    {
        var wakeSources = new List<IWakeSource>(2);
        if (Input is IWakeSource inputWake)
        {
            wakeSources.Add(inputWake);
        }

        if (Observer is IWakeSource observerWake)
        {
            wakeSources.Add(observerWake);
        }

        TimeSpan nextTick = TimeSpan.Zero;
        while (!stop.IsCancellationRequested && !Finished)
        {
            TimeSpan now = _clock.Now;
            if (now >= nextTick)
            {
                Tick();
                EndTurn();
                nextTick = now + _settings.TickInterval;
            }

            betweenTurns?.Invoke();
            TakeInput();
            EndTurn();
            TimeSpan wakeAt = nextTick;
            foreach (IWakeSource source in wakeSources)
            {
                source.OnTurnEnded(now);
                TimeSpan wake = source.NextWake(now);
                wakeAt = wake < wakeAt ? wake : wakeAt;
            }

            if (_receiveFailing)
            {
                // poll(2) reports a socket that keeps failing as readable at once: sleep instead, so a
                // broken socket costs at most a receive per millisecond, not a spinning core.
                _receiveFailing = false;
                Thread.Sleep(TimeSpan.FromMilliseconds(1));
                ReceiveWaiting();
            }
            else if (_network.WaitForData(wakeAt - now))
            {
                ReceiveWaiting();
            }
        }
    }

    /// <summary>
    /// Receives until the network has nothing more waiting (or a turn's worth), handing each valid frame to
    /// the role, then ends the turn and flushes the output. Whatever arrives is consumed and either handled or
    /// counted: an empty, oversized or undecodable datagram, or a receive error, never stops the loop.
    /// </summary>
    public void ReceiveWaiting()
    {
        _receiveBuffer ??= new byte[1 << 16];
        for (int handled = 0; handled < MaxDatagramsPerTurn; handled++)
        {
            ReceiveOutcome outcome = _network.Receive(_receiveBuffer, out int length);
            if (outcome == ReceiveOutcome.NothingWaiting)
            {
                break;
            }

            if (outcome == ReceiveOutcome.Failed)
            {
                Counters.OnReceiveFailed();
                _receiveFailing = handled == 0;
                break;
            }

            if (outcome == ReceiveOutcome.Truncated || length > FrameHeader.MaxDatagramBytes)
            {
                Counters.OnDropped(DropReason.Oversized, length);
                continue;
            }

            if (length == 0)
            {
                Counters.OnDropped(DropReason.Empty, 0);
                continue;
            }

            TryHandleDatagram(_receiveBuffer.AsSpan(0, length), _receiveBuffer.AsMemory(0, length));
        }

        EndTurn();
        Output?.Flush();
    }

    /// <summary>A role whose store has writes to commit, driven by a loop without a commit, would answer before its disk.</summary>
    private void ThrowIfWritesWithoutCommit()
    {
        if (Commit is null && _role.Ready.MustCommitFirst)
        {
            throw new InvalidOperationException("the role's store has writes to commit, but its node loop has no commit: its answers would leave before the disk");
        }
    }

    private void WriteDeliveries()
    {
        List<ReadOnlyMemory<byte>> deliveries = _role.Ready.Deliveries;
        if (deliveries.Count == 0)
        {
            return;
        }

        if (Output is { Failed: false } output)
        {
            foreach (ReadOnlyMemory<byte> value in deliveries)
            {
                output.Write(value.Span);
                if (output.Failed)
                {
                    break;
                }
            }
        }

        deliveries.Clear();
    }

    private void SendReady()
    {
        IReadOnlyList<OutgoingMessage> messages = _role.Ready.Messages;
        for (int i = 0; i < messages.Count; i++)
        {
            Send(messages[i]);
        }

        _role.Ready.ClearMessages();
    }

    private void Send(OutgoingMessage outgoing)
    {
        Observer?.OnSending(outgoing.Destination, outgoing.Message, _clock.Now);
        int length = FrameCodec.Encode(outgoing.Message, _settings.ClusterId, _settings.Id, _sendBuffer, _settings.Authenticator);
        if (_network.TrySend(outgoing.Destination, _sendBuffer.AsSpan(0, length)))
        {
            Counters.OnSent(outgoing.Message.Type, length);
        }
        else
        {
            Counters.OnSendFailed();
        }
    }
}
