using Paxos.Core.Configuration;
using Paxos.Core.Hosting.Reports;
using Paxos.Core.Node;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Storage;
using Paxos.Core.Storage;
using Serilog;

namespace Paxos.Core.Hosting;

/// <summary>
/// A role process around its <see cref="NodeLoop"/>: opens the multicast sockets, runs the loop in real time
/// over them (with the role's input, output and observer, when it has them), answers SIGUSR1 with statistics,
/// and writes the ready and stop reports. Everything role-specific comes in as one of the loop's edges; this
/// class has no hooks to override.
/// </summary>
public sealed class RoleHost : IDisposable
{
    private readonly IRole _role;
    private readonly RoleContext _context;
    private readonly IClock _clock;
    private readonly IStoreCommit? _commit;

    /// <summary>The store's commit counts and time for the stop report (null: in memory).</summary>
    private readonly ICommitStatistics? _commitStatistics;

    private readonly bool _dropsOwnEchoes;
    private readonly StatisticsSignal _statisticsSignal = new();

    /// <summary>
    /// How often the role gets a <see cref="IRole.Tick"/>: the resolution of every timeout. 1 ms for proposers
    /// (the leader resends an overtaken Accept at the next tick, see <see cref="ProtocolSettings.AcceptRetryMin"/>)
    /// and clients (a request found lost is resent at the next tick); 5 ms for acceptors (no timers) and
    /// learners (catch-up timers of tens of ms), whose extra wake-ups cost CPU on a busy machine.
    /// </summary>
    private readonly TimeSpan _tickInterval;

    private NodeLoop _loop = null!;

    /// <summary>
    /// Opens the transport on <paramref name="listenOn"/>; throws <see cref="MulticastSetupException"/> if it cannot.
    /// With a durable <paramref name="store"/> (the role's, on disk), what the role sends while handling a turn's
    /// datagrams is held until the store has committed that turn's writes (group commit).
    /// </summary>
    public RoleHost(IRole role, RoleContext context, RoleGroup listenOn, IDurableStore? store = null, IClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(context);
        _role = role;
        _context = context;
        _clock = clock ?? new ProcessClock();
        _commit = store is null ? null : new DurableStoreCommit(store);
        _commitStatistics = store as ICommitStatistics;
        Transport = new MulticastTransport(context.Options, listenOn);
        _dropsOwnEchoes = listenOn == RoleGroup.Proposers;
        _tickInterval = TimeSpan.FromMilliseconds(listenOn is RoleGroup.Proposers or RoleGroup.Clients ? 1 : 5);
    }

    /// <summary>The sockets.</summary>
    public MulticastTransport Transport { get; }

    /// <summary>A client's values (null: the role takes no input).</summary>
    public IInputSource? Input { get; init; }

    /// <summary>Where a learner's values go (null: none).</summary>
    public IOutputSink? Output { get; init; }

    /// <summary>Watches the loop (e.g. a client's latency measures; null: nobody).</summary>
    public INodeObserver? Observer { get; init; }

    /// <summary>Role-specific counters for the stop report (<see cref="RoleStats"/>), e.g. a proposer's retransmissions.</summary>
    public Action<RoleStats>? DescribeRole { get; init; }

    /// <summary>Runs when the loop ended, before the stop report (e.g. flushing the output, saving progress).</summary>
    public Action? Stopping { get; init; }

    /// <summary>The process exit code once the loop ended (null: 0).</summary>
    public Func<int>? ExitCode { get; init; }

    /// <summary>Disposed with the host (e.g. the standard input reader).</summary>
    public IDisposable? Owned { get; init; }

    private ILogger Log => _context.Log;

    /// <summary>Runs until <paramref name="stop"/> is cancelled or the node is finished; returns the exit code.</summary>
    public int Run(CancellationToken stop)
    {
        _loop = new NodeLoop(_role, new TransportNetwork(Transport, Log), _clock, new NodeSettings
        {
            Id = _context.Id,
            ClusterId = _context.Options.ClusterId,
            Authenticator = _context.Authenticator,
            TickInterval = _tickInterval,
            DropsOwnEchoes = _dropsOwnEchoes,
        })
        {
            Input = Input,
            Output = Output,
            Observer = Observer,
            Commit = _commit,
            Log = Log,
        };
        Log.Information("multicast on {Interface}: receiving on {Group}, sending to clients {Clients}, proposers {Proposers}, acceptors {Acceptors}, learners {Learners}",
            Transport.InterfaceDescription, Transport.Listening, _context.Options.Clients, _context.Options.Proposers, _context.Options.Acceptors, _context.Options.Learners);
        Log.Information("receiving on {Group} (receive buffer {Buffer} bytes)", Transport.Listening, Transport.ReceiveBufferBytes);
        TimeSpan warmUp = HeapWarmUp.Run();
        long readyAt = RoleStats.UnixMicroseconds();
        WriteReport(RoleReportKind.Ready, new Dictionary<string, double>
        {
            ["launchedUs"] = _context.Process.LaunchedUnixMicroseconds,
            ["readyUs"] = readyAt,
            ["receiveBufferBytes"] = Transport.ReceiveBufferBytes,
            ["heapWarmUpUs"] = (long)warmUp.TotalMicroseconds,
        });
        if (_context.Options.KeyFile is { } keyFile)
        {
            Log.Information("frames authenticated with HMAC-SHA256, key from {KeyFile}", keyFile);
        }

        _loop.Run(stop, () =>
        {
            if (_statisticsSignal.TakeRequest())
            {
                Log.Information("statistics at {Moment}: {Statistics}", "SIGUSR1", CollectStats(readyAt).Values);
            }
        });

        Stopping?.Invoke();
        RoleStats stats = CollectStats(readyAt);
        Log.Information("statistics at {Moment}: {Statistics}", "stop", stats.Values);
        WriteStats(stats);
        return ExitCode?.Invoke() ?? 0;
    }

    private RoleStats CollectStats(long readyAt)
    {
        var stats = new RoleStats();
        stats.Add("launchedUs", _context.Process.LaunchedUnixMicroseconds);
        stats.Add("readyUs", readyAt);
        stats.Add("stopUs", RoleStats.UnixMicroseconds());
        stats.AddProcessResources();
        stats.Add("datagramsSent", _loop.Counters.DatagramsSent);
        stats.Add("bytesSent", _loop.Counters.BytesSent);
        stats.Add("datagramsReceived", _loop.Counters.DatagramsReceived);
        stats.Add("bytesReceived", _loop.Counters.BytesReceived);
        stats.Add("sendFailures", _loop.Counters.SendFailures);
        foreach ((string name, long value) in _loop.Counters.Snapshot())
        {
            if (!stats.Values.ContainsKey(name))
            {
                stats.Add(name, value);
            }
        }

        if (_commitStatistics is { } storage)
        {
            stats.Add("storageCommits", storage.Commits);
            stats.Add("storageCommitSeconds", storage.CommitTime.TotalSeconds);
        }

        DescribeRole?.Invoke(stats);
        return stats;
    }

    private void WriteStats(RoleStats stats) => WriteReport(RoleReportKind.Stats, stats.ToMeasures());

    /// <summary>Writes a typed <see cref="RoleReport"/> for the launcher when <see cref="ProcessOptions.StatsDirectory"/> names a folder.</summary>
    private void WriteReport(RoleReportKind kind, IReadOnlyDictionary<string, double> measures)
    {
        if (_context.Process.StatsDirectory is not { } folder)
        {
            return;
        }

        try
        {
            RoleReportFile.Write(folder, new RoleReport(_context.RoleName, _context.Id, Environment.ProcessId, kind, RoleStats.UnixMicroseconds(), measures));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.Warning("could not write the {Kind} report to {Folder}: {Message}", kind, folder, exception.Message);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _statisticsSignal.Dispose();
        Transport.Dispose();
        Owned?.Dispose();
    }
}
