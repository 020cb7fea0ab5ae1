using Paxos.Core.Node;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;
using Paxos.Core.Protocol.Clients;
using Paxos.Core.Protocol.Learners;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;
using Paxos.Core.Wire;
using Paxos.Simulation.Storage;

namespace Paxos.Simulation;

/// <summary>A process of the simulated cluster: one role instance, its group and id, and whether it is up.</summary>
public sealed class SimNode(RoleGroup group, int id, IRole role)
{
    public RoleGroup Group { get; } = group;

    /// <summary>The process id the role was started with (the sender id of its frames).</summary>
    public int Id { get; } = id;

    /// <summary>The process's place among the processes of its group (0, 1, …), unique even when ids repeat.</summary>
    public int Index { get; init; }

    /// <summary>The role of the running process (a restart replaces it with a new one over the same disk).</summary>
    public IRole Role { get; internal set; } = role;

    /// <summary>The node loop driving <see cref="Role"/>: the same class the role processes run, over simulated edges.</summary>
    public NodeLoop Loop { get; internal set; } = null!;

    public bool Alive { get; set; } = true;

    /// <summary>Crashed and never coming back (crash-stop), as opposed to down until a restart.</summary>
    public bool CrashedForGood { get; internal set; }

    /// <summary>How many times the process was restarted.</summary>
    public int Restarts { get; internal set; }

    /// <summary>In crash-recovery mode: the running process's store (null: memory only, crash-stop).</summary>
    public ISimulatedStore? Store { get; internal set; }

    /// <summary>In crash-recovery mode, an acceptor's data folder (what survives its crashes).</summary>
    public SimulatedAcceptorDisk? AcceptorDisk { get; internal set; }

    /// <summary>In crash-recovery mode, a proposer's data folder (what survives its crashes).</summary>
    public SimulatedProposerDisk? ProposerDisk { get; internal set; }

    /// <summary>For proposers: the acceptor count it was configured with (a restart keeps its configuration).</summary>
    internal int ConfiguredAcceptors { get; init; }

    /// <summary>For proposers: the process number its first generator was seeded with.</summary>
    internal int RandomnessProcess { get; init; }

    /// <summary>Datagrams that arrived while the process was blocked in a commit: the next turn handles them.</summary>
    internal Queue<byte[]> Waiting { get; } = new();

    /// <summary>A tick fell due while the process was blocked in a commit.</summary>
    internal bool TickDeferred { get; set; }

    /// <summary>Identifies the commit under way; a crash changes it, so the completion of a lost commit is ignored.</summary>
    internal long CommitToken { get; set; }

    /// <summary>Whether the process is blocked in a commit (its store's sync has not returned; its loop holds the turn's messages).</summary>
    internal bool Committing => Loop.Committing;

    /// <summary>A crash planned to fall inside the commit under way (it runs instead of the commit's completion).</summary>
    internal Action<SimNode>? CrashInCommit { get; set; }

    /// <summary>For clients: their standard input (<see cref="ToSubmit"/>, paced by <see cref="SubmitInterval"/>).</summary>
    public IInputSource Input => field ??= new SimulatedInput(this);

    /// <summary>For clients: values not submitted yet.</summary>
    public Queue<byte[]> ToSubmit { get; } = new();

    /// <summary>For clients: a value is read from "standard input" at most this often (zero: as fast as the window allows).</summary>
    public TimeSpan SubmitInterval { get; set; }

    /// <summary>For clients: when the next value may be read.</summary>
    public TimeSpan NextSubmitAt { get; set; }

    /// <summary>For clients: the session nonce.</summary>
    public ulong Session { get; init; }

    /// <summary>For learners: the index the safety checker knows it by.</summary>
    public int LearnerIndex { get; init; } = -1;

    public override string ToString() => Index == Id - 1 || Group == RoleGroup.Learners ? $"{Group} {Id}" : $"{Group} {Id} (#{Index + 1})";
}

/// <summary>Knobs of the simulated network.</summary>
public sealed record NetworkFaults
{
    public static NetworkFaults None { get; } = new();

    /// <summary>Probability that one receiver does not get one datagram (iptables INPUT drop).</summary>
    public double Loss { get; init; }

    /// <summary>Probability that one receiver gets a datagram twice.</summary>
    public double Duplication { get; init; }

    public TimeSpan MinDelay { get; init; } = TimeSpan.FromMilliseconds(0.2);

    /// <summary>Delays are uniform in [MinDelay, MaxDelay], so a wide range reorders datagrams.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Probability that a datagram is a straggler, delivered up to <see cref="StragglerDelay"/> late (stale ballots, old decisions).</summary>
    public double Stragglers { get; init; }

    public TimeSpan StragglerDelay { get; init; } = TimeSpan.FromSeconds(3);
}

/// <summary>
/// A deterministic in-memory cluster: the real role state machines, a simulated clock that ticks every
/// few milliseconds, and a simulated multicast network (a priority queue of timed deliveries). A datagram
/// sent to a group reaches every process of that group, the sender included when it belongs to the group
/// (multicast loopback); loss, duplication and delay are drawn per receiver from one seeded generator.
/// Every datagram goes through <see cref="FrameCodec"/>. The <see cref="SafetyChecker"/> sees every
/// submission, every value an acceptor accepts, every Decision a proposer sends and every value a learner
/// delivers, as it happens, so a violation is found at the step that causes it.
/// </summary>
public sealed partial class SimulatedCluster : IClock
{
    private const uint ClusterId = 0x51A7C1u;

    // A null datagram is the completion of the receiver's commit identified by the token.
    private readonly PriorityQueue<(SimNode Receiver, byte[]? Datagram, long CommitToken), (TimeSpan At, long Order)> _inFlight = new();
    private readonly List<SimNode> _nodes = [];
    private readonly List<SimNode> _acceptors = [];
    private readonly List<SimNode> _learners = [];
    private readonly List<SimNode> _clients = [];
    private readonly List<SimNode> _proposers = [];
    private readonly Random _random;
    private readonly int _seed;
    private readonly byte[] _encodeBuffer = new byte[FrameHeader.MaxDatagramBytes];
    private long _order;
    private bool _injecting;
    private TimeSpan _nextTick;

    /// <summary>
    /// A cluster of <paramref name="seed"/>. With <paramref name="storage"/>, acceptors and proposers keep their
    /// state in simulated stores that commit at the end of each turn and survive restarts (crash-recovery);
    /// without, everything lives in memory only (crash-stop), exactly as before stores existed.
    /// </summary>
    public SimulatedCluster(int seed, ProtocolSettings? settings = null, NetworkFaults? faults = null, StorageModel? storage = null)
    {
        _seed = seed;
        _random = new Random(seed);
        _storageRandom = new Random(seed ^ 0x57_0A_6E);
        Settings = settings ?? DefaultSettings;
        Faults = faults ?? NetworkFaults.None;
        Storage = storage;
    }

    /// <summary>Small batches and a small client window, so that a run spans many instances.</summary>
    public static ProtocolSettings DefaultSettings { get; } = new()
    {
        ClientWindow = 64,
        MaxBatchBytes = 1_024,
    };

    public ProtocolSettings Settings { get; }

    /// <summary>
    /// <paramref name="settings"/> with the timers of the real role processes (<see cref="ProtocolSettings.Processes"/>):
    /// the second of the two timer sets every scenario should pass with.
    /// </summary>
    public static ProtocolSettings WithProcessTimers(ProtocolSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ProtocolSettings processes = ProtocolSettings.Processes;
        return settings with
        {
            ClientRetryMin = processes.ClientRetryMin,
            AcceptRetry = processes.AcceptRetry,
            AcceptRetryMin = processes.AcceptRetryMin,
            AcceptRetryMax = processes.AcceptRetryMax,
            CatchUpRetry = processes.CatchUpRetry,
            IdleProbe = processes.IdleProbe,
            ClientTailProbeMin = processes.ClientTailProbeMin,
        };
    }

    public NetworkFaults Faults { get; set; }

    /// <summary>Returns true to drop a datagram from the first node to the second (a partition).</summary>
    public Func<SimNode, SimNode, bool>? Blocks { get; set; }

    /// <summary>
    /// Rewrites a decoded message just before its receiver handles it. Only the broken-variant tests set
    /// this (a Byzantine network): the protocol assumes messages arrive unaltered or not at all.
    /// </summary>
    public Func<SimNode, Message, Message>? Tamper { get; set; }

    /// <summary>Observes every datagram sent (sender, destination, message), e.g. to trace a failing seed.</summary>
    public Action<SimNode, RoleGroup, Message>? OnSend { get; set; }

    /// <summary>Observes every datagram delivered (receiver, sender id, message), before the receiver handles it.</summary>
    public Action<SimNode, int, Message>? OnDeliver { get; set; }

    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Whether <see cref="RunUntil"/> stops at the first safety violation (the default, to keep the failing state).</summary>
    public bool StopOnViolation { get; set; } = true;

    public TimeSpan Now { get; private set; }

    public SafetyChecker Checker { get; } = new();

    /// <summary>The last events of the run, to show what led to a failure.</summary>
    public EventTrace Trace { get; } = new(40);

    public long DatagramsSent { get; private set; }

    public long DatagramsDelivered { get; private set; }

    /// <summary>Messages handled plus ticks: the number of steps after which the invariants were checked.</summary>
    public long Steps { get; private set; }

    public IEnumerable<SimNode> Nodes => _nodes;

    public IEnumerable<Proposer> Proposers => _proposers.Select(n => (Proposer)n.Role);

    public IReadOnlyList<SimNode> ProposerNodes => _proposers;

    public IReadOnlyList<SimNode> AcceptorNodes => _acceptors;

    public IReadOnlyList<SimNode> Learners => _learners;

    public IReadOnlyList<SimNode> Clients => _clients;

    public SimNode Node(RoleGroup group, int id) => _nodes.First(n => n.Group == group && n.Id == id);

    public Proposer Proposer(int id) => (Proposer)Node(RoleGroup.Proposers, id).Role;

    public Learner Learner(int id) => (Learner)Node(RoleGroup.Learners, id).Role;

    /// <summary>Clients the scenario will start (some start late).</summary>
    public int ExpectedClients { get; set; }

    /// <summary>The acceptor count proposers are configured with (ids 1..count).</summary>
    public int AcceptorCount { get; set; }

    // ----- building the cluster ----------------------------------------------------------------

    public SimulatedCluster WithAcceptors(int count)
    {
        AcceptorCount = count;
        for (int id = 1; id <= count; id++)
        {
            AddAcceptor(id);
        }

        return this;
    }

    /// <summary>Adds an acceptor process started with <paramref name="id"/> (ids may repeat, as a misconfiguration).</summary>
    public SimNode AddAcceptor(int id)
    {
        SimulatedAcceptorDisk? disk = Storage is null ? null : new SimulatedAcceptorDisk();
        SimulatedAcceptorStore? store = disk?.Open();
        var node = new SimNode(RoleGroup.Acceptors, id, new Acceptor(id, Settings, store)) { Index = _acceptors.Count, AcceptorDisk = disk, Store = store };
        node.Loop = CreateLoop(node);
        _acceptors.Add(node);
        _nodes.Add(node);
        Checker.AcceptorProcesses = _acceptors.Count;
        return node;
    }

    /// <summary>Adds proposers 1..count (call after <see cref="WithAcceptors"/>).</summary>
    public SimulatedCluster WithProposers(int count)
    {
        for (int id = 1; id <= count; id++)
        {
            AddProposer(id);
        }

        return this;
    }

    /// <summary>
    /// Adds a proposer process told there are <paramref name="acceptorCount"/> acceptors (default <see cref="AcceptorCount"/>).
    /// Each process draws from its own generator, seeded by its position (1, 2...), as real processes do;
    /// <paramref name="sameRandomnessAs"/> gives it the generator of an earlier process instead (a broken variant).
    /// </summary>
    public SimNode AddProposer(int id, int? acceptorCount = null, int? sameRandomnessAs = null)
    {
        int process = sameRandomnessAs ?? (_proposers.Count + 1);
        SimulatedProposerDisk? disk = Storage is null ? null : new SimulatedProposerDisk();
        SimulatedProposerStore? store = disk?.Open();
        var proposer = new Proposer(id, acceptorCount ?? AcceptorCount, Settings, new Random((_seed * 1_000) + process), Now, store);
        var node = new SimNode(RoleGroup.Proposers, id, proposer) { Index = _proposers.Count, ProposerDisk = disk, Store = store, RandomnessProcess = process, ConfiguredAcceptors = acceptorCount ?? AcceptorCount };
        node.Loop = CreateLoop(node);
        _proposers.Add(node);
        _nodes.Add(node);
        return node;
    }

    public SimulatedCluster WithLearners(int count)
    {
        for (int id = 1; id <= count; id++)
        {
            AddLearner(id);
        }

        return this;
    }

    /// <summary>Adds a learner now: it receives only what is sent from now on, like a process started late.</summary>
    public SimNode AddLearner(int id)
    {
        var node = new SimNode(RoleGroup.Learners, id, new Learner(Settings)) { LearnerIndex = _learners.Count, Index = _learners.Count };
        node.Loop = CreateLoop(node);
        _learners.Add(node);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Adds a client that submits <paramref name="values"/> as fast as its window allows.</summary>
    public SimNode AddClient(int id, IEnumerable<byte[]> values)
    {
        ulong session = ((ulong)(uint)_seed << 32) | (uint)_random.Next();
        var node = new SimNode(RoleGroup.Clients, id, new Client((uint)id, session, Settings)) { Session = session, Index = _clients.Count };
        node.Loop = CreateLoop(node);
        foreach (byte[] value in values)
        {
            node.ToSubmit.Enqueue(value);
        }

        _clients.Add(node);
        _nodes.Add(node);
        return node;
    }

    /// <summary>
    /// Values like a course run's input: mostly distinct lines with tabs, UTF-8, raw bytes and empty ones,
    /// plus repeated values (the course feeds <c>$RANDOM</c> numbers), which must be delivered once per submission.
    /// </summary>
    public static IEnumerable<byte[]> Values(int clientId, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (i % 9 == 4)
            {
                yield return System.Text.Encoding.ASCII.GetBytes($"{i % 5 * 7919}");
            }
            else if (i % 50 == 17)
            {
                yield return [];
            }
            else
            {
                byte[] text = System.Text.Encoding.UTF8.GetBytes($"client {clientId}\tvalue {i} ü");
                yield return i % 11 == 0 ? [.. text, 0, 0xFF, 13] : text;
            }
        }
    }

    public void Crash(RoleGroup group, int id) => Crash(Node(group, id));

    /// <summary>Crash-stop: the process handles nothing from now on (its state stays readable for the checks).</summary>
    public void Crash(SimNode node)
    {
        Kill(node);
        node.CrashedForGood = true;
        Trace.Note(Now, $"{node} crashes");
    }

    // ----- running -----------------------------------------------------------------------------

    /// <summary>
    /// Advances the simulation until <paramref name="condition"/> holds (checked after every tick), a
    /// safety violation is found, or <paramref name="limit"/> of simulated time has passed from now.
    /// Returns whether the condition was met.
    /// </summary>
    public bool RunUntil(Func<bool> condition, TimeSpan limit)
    {
        TimeSpan end = Now + limit;
        while (Now < end)
        {
            if (StopOnViolation && Checker.Violations.Count > 0)
            {
                return false;
            }

            bool delivering = _inFlight.TryPeek(out var delivery, out var next) && next.At <= _nextTick;
            if (_timers.TryPeek(out Action? timer, out var timerAt) && timerAt.At <= _nextTick && (!delivering || timerAt.At <= next.At))
            {
                _timers.Dequeue();
                Now = timerAt.At;
                timer();
                continue;
            }

            if (delivering)
            {
                _inFlight.Dequeue();
                (SimNode receiver, byte[]? datagram, long commitToken) = delivery;
                Now = next.At;
                if (datagram is null)
                {
                    CompleteCommit(receiver, commitToken);
                }
                else
                {
                    Deliver(receiver, datagram);
                }

                continue;
            }

            Now = _nextTick;
            _nextTick += TickInterval;
            TickAll();
            if (condition())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs for <paramref name="duration"/> of simulated time.</summary>
    public void RunFor(TimeSpan duration) => RunUntil(() => false, duration);

    /// <summary>Every live learner delivered every submission, and every client submitted all its values.</summary>
    public bool AllDelivered()
    {
        foreach (SimNode client in _clients)
        {
            if (client.ToSubmit.Count > 0)
            {
                return false;
            }
        }

        foreach (SimNode learner in _learners)
        {
            if (learner.Alive && ((Learner)learner.Role).DeliveredCount != Checker.SubmittedCount)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Sends <paramref name="message"/> as if <paramref name="sender"/> had (used to inject faults into a run).</summary>
    public void Inject(SimNode sender, RoleGroup destination, Message message, Func<SimNode, bool>? onlyTo = null)
    {
        _injecting = true;
        try
        {
            Observe(sender, destination, message);
            int length = FrameCodec.Encode(message, ClusterId, sender.Id, _encodeBuffer);
            Fanout(sender, destination, _encodeBuffer.AsSpan(0, length).ToArray(), onlyTo);
        }
        finally
        {
            _injecting = false;
        }
    }

    private void TickAll()
    {
        // Indexed loop: a condition callback may add nodes between ticks, never during one.
        for (int i = 0; i < _nodes.Count; i++)
        {
            SimNode node = _nodes[i];
            if (!node.Alive)
            {
                continue;
            }

            if (node.Committing)
            {
                // Blocked in its sync: the tick runs in the turn after the commit returns.
                node.TickDeferred = true;
                continue;
            }

            node.Loop.TakeInput();
            Steps++;
            node.Loop.Tick();
            node.Loop.EndTurn();
        }
    }

    private void Deliver(SimNode receiver, byte[] datagram)
    {
        if (!receiver.Alive)
        {
            return;
        }

        if (receiver.Committing)
        {
            // The datagram waits in the socket's buffer while the process is blocked in its sync.
            receiver.Waiting.Enqueue(datagram);
            return;
        }

        Handle(receiver, datagram);
        receiver.Loop.EndTurn();
    }

    /// <summary>Decodes a datagram and hands it to the receiver's loop (the turn's end is up to the caller).</summary>
    private void Handle(SimNode receiver, byte[] datagram)
    {
        DatagramsDelivered++;
        Steps++;
        if (!FrameCodec.TryDecode(datagram, ClusterId, out Frame frame, out DropReason reason))
        {
            throw new InvalidOperationException($"the codec dropped its own frame ({reason})");
        }

        Message message = Tamper is null ? frame.Message : Tamper(receiver, frame.Message);
        Trace.Delivered(Now, receiver, frame.SenderId, message);
        OnDeliver?.Invoke(receiver, frame.SenderId, message);
        receiver.Loop.Handle(frame.SenderId, message);
    }

    /// <summary>What the checker and the trace see of a message about to be sent (before it is encoded).</summary>
    private void Observe(SimNode sender, RoleGroup destination, Message message)
    {
        if (sender.Group == RoleGroup.Proposers && message is Decision decision)
        {
            Checker.OnDecisionSent(sender.Id, decision, Now);
        }
        else if (sender.Group == RoleGroup.Acceptors && !_injecting)
        {
            // Injected frames are forgeries, not the acceptor's word.
            if (message is Promise promise)
            {
                Checker.OnAcceptorAnswered(sender.Index, promise.Ballot, Now);
            }
            else if (message is Accepted accepted)
            {
                Checker.OnAcceptorAnswered(sender.Index, accepted.Ballot, Now);
            }
        }

        OnSend?.Invoke(sender, destination, message);
    }

    /// <summary>Multicasts one datagram to every live process of <paramref name="destination"/>, with the network's faults.</summary>
    private void Fanout(SimNode sender, RoleGroup destination, byte[] datagram, Func<SimNode, bool>? onlyTo)
    {
        DatagramsSent++;
        List<SimNode> group = destination switch
        {
            RoleGroup.Acceptors => _acceptors,
            RoleGroup.Learners => _learners,
            RoleGroup.Clients => _clients,
            _ => _proposers,
        };
        NetworkFaults faults = Faults;
        foreach (SimNode receiver in group)
        {
            if (!receiver.Alive || (onlyTo is not null && !onlyTo(receiver)) || Blocks?.Invoke(sender, receiver) == true)
            {
                continue;
            }

            if (faults.Loss > 0 && _random.NextDouble() < faults.Loss)
            {
                continue;
            }

            int copies = faults.Duplication > 0 && _random.NextDouble() < faults.Duplication ? 2 : 1;
            for (int copy = 0; copy < copies; copy++)
            {
                double spread = (faults.MaxDelay - faults.MinDelay).TotalMilliseconds;
                TimeSpan delay = faults.MinDelay + TimeSpan.FromMilliseconds(_random.NextDouble() * spread);
                if (faults.Stragglers > 0 && _random.NextDouble() < faults.Stragglers)
                {
                    delay += faults.StragglerDelay * _random.NextDouble();
                }

                _inFlight.Enqueue((receiver, datagram, 0), (Now + delay, _order++));
            }
        }
    }
}
