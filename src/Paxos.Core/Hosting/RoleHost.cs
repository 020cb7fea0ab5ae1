using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Paxos.Core.Configuration;
using Paxos.Core.Hosting.Reports;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Storage;
using Paxos.Core.Wire;
using Serilog;

namespace Paxos.Core.Hosting;

/// <summary>
/// Runs one role state machine on the network: a single thread that waits for datagrams or the next
/// tick, decodes, hands messages to the role, and sends what the role put in its outbox. Subclasses add
/// the role's own edge: a learner's output, a client's input.
/// </summary>
public class RoleHost : IDisposable
{
    /// <summary>
    /// How often the role gets a <see cref="IRole.Tick"/>: the resolution of every timeout. 1 ms for proposers
    /// (the leader resends an overtaken Accept at the next tick, see <see cref="ProtocolSettings.AcceptRetryMin"/>)
    /// and clients (a request found lost is resent at the next tick); 5 ms for acceptors (no timers) and
    /// learners (catch-up timers of tens of ms), whose extra wake-ups cost CPU on a busy machine.
    /// </summary>
    private readonly TimeSpan _tickInterval;

    /// <summary>Datagrams handled before the loop ticks again, so a flood cannot starve the timers.</summary>
    private const int MaxDatagramsPerTurn = 512;

    private readonly IRole _role;
    private readonly IDurableStore? _store;
    private readonly StatisticsSignal _statisticsSignal = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    /// <summary>
    /// Larger than any IPv4 UDP payload (65,507 bytes), so no datagram is ever cut short; one longer than
    /// a frame of ours can be is still seen whole, and dropped as oversized.
    /// </summary>
    private readonly byte[] _receiveBuffer = new byte[1 << 16];
    private readonly byte[] _sendBuffer = new byte[FrameHeader.MaxDatagramBytes];
    private SocketError _lastSendError = SocketError.Success;
    private SocketError _lastReceiveError = SocketError.Success;

    /// <summary>A proposer hears its own Decisions (up to 64 KB each) and Heartbeats: dropped before decoding.</summary>
    private readonly bool _dropsOwnEchoes;

    /// <summary>Set when the last receive turn failed without a datagram, so the next wait sleeps instead of polling.</summary>
    private bool _receiveFailing;

    /// <summary>
    /// Opens the transport on <paramref name="listenOn"/>; throws <see cref="MulticastSetupException"/> if it cannot.
    /// With a durable <paramref name="store"/> (the role's, on disk), what the role sends while handling a turn's
    /// datagrams is held until the store has committed that turn's writes (group commit).
    /// </summary>
    public RoleHost(IRole role, RoleContext context, RoleGroup listenOn, IDurableStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _role = role;
        _store = store;
        Context = context;
        Transport = new MulticastTransport(context.Options, listenOn);
        _dropsOwnEchoes = listenOn == RoleGroup.Proposers;
        _tickInterval = TimeSpan.FromMilliseconds(listenOn is RoleGroup.Proposers or RoleGroup.Clients ? 1 : 5);
    }

    /// <summary>The process's identity, options and logger.</summary>
    protected RoleContext Context { get; }

    /// <summary>The sockets.</summary>
    protected MulticastTransport Transport { get; }

    /// <summary>Frames and drops, reported when the process stops.</summary>
    protected TrafficCounters Counters { get; } = new();

    /// <summary>The logger.</summary>
    protected ILogger Log => Context.Log;

    /// <summary>Time since the process started: the clock every role reading comes from.</summary>
    protected TimeSpan Now => _clock.Elapsed;

    /// <summary>Role-specific counters for the stop report (<see cref="RoleStats"/>), e.g. a proposer's retransmissions.</summary>
    public Action<RoleStats>? DescribeRole { get; init; }

    /// <summary>Runs until <paramref name="stop"/> is cancelled or <see cref="Finished"/>; returns the exit code.</summary>
    public int Run(CancellationToken stop)
    {
        Log.Information("multicast on {Interface}: receiving on {Group}, sending to clients {Clients}, proposers {Proposers}, acceptors {Acceptors}, learners {Learners}",
            Transport.InterfaceDescription, Transport.Listening, Context.Options.Clients, Context.Options.Proposers, Context.Options.Acceptors, Context.Options.Learners);
        Log.Information("receiving on {Group} (receive buffer {Buffer} bytes)", Transport.Listening, Transport.ReceiveBufferBytes);
        long readyAt = RoleStats.UnixMicroseconds();
        WriteReport(RoleReportKind.Ready, new Dictionary<string, double>
        {
            ["launchedUs"] = Context.Process.LaunchedUnixMicroseconds,
            ["readyUs"] = readyAt,
            ["receiveBufferBytes"] = Transport.ReceiveBufferBytes,
        });
        if (Context.Options.KeyFile is { } keyFile)
        {
            Log.Information("frames authenticated with HMAC-SHA256, key from {KeyFile}", keyFile);
        }

        TimeSpan nextTick = TimeSpan.Zero;
        while (!stop.IsCancellationRequested && !Finished)
        {
            TimeSpan now = Now;
            if (now >= nextTick)
            {
                _role.Tick(now);
                SendOutbox();
                nextTick = now + _tickInterval;
            }

            if (_statisticsSignal.TakeRequest())
            {
                Log.Information("statistics at {Moment}: {Statistics}", "SIGUSR1", CollectStats(readyAt).Values);
            }

            BeforeWait(now);
            SendOutbox();
            TimeSpan wakeAt = NextWake(now);
            TimeSpan wait = (wakeAt < nextTick ? wakeAt : nextTick) - now;
            if (_receiveFailing)
            {
                // poll(2) reports a socket that keeps failing as readable at once: sleep instead, so a
                // broken socket costs at most a receive per millisecond, not a spinning core.
                _receiveFailing = false;
                Thread.Sleep(TimeSpan.FromMilliseconds(1));
                ReceiveWaiting();
            }
            else if (Transport.WaitForData(wait))
            {
                ReceiveWaiting();
            }
        }

        OnStopping();
        RoleStats stats = CollectStats(readyAt);
        Log.Information("statistics at {Moment}: {Statistics}", "stop", stats.Values);
        WriteStats(stats);
        return ExitCode;
    }

    /// <summary>When the loop must wake up at the latest, before the next tick (e.g. a client's next paced send).</summary>
    protected virtual TimeSpan NextWake(TimeSpan now) => TimeSpan.MaxValue;

    /// <summary>Adds the subclass's own measures to the stop report.</summary>
    protected virtual void Describe(RoleStats stats)
    {
    }

    private RoleStats CollectStats(long readyAt)
    {
        var stats = new RoleStats();
        stats.Add("launchedUs", Context.Process.LaunchedUnixMicroseconds);
        stats.Add("readyUs", readyAt);
        stats.Add("stopUs", RoleStats.UnixMicroseconds());
        stats.AddProcessResources();
        stats.Add("datagramsSent", Counters.DatagramsSent);
        stats.Add("bytesSent", Counters.BytesSent);
        stats.Add("datagramsReceived", Counters.DatagramsReceived);
        stats.Add("bytesReceived", Counters.BytesReceived);
        stats.Add("sendFailures", Counters.SendFailures);
        foreach ((string name, long value) in Counters.Snapshot())
        {
            if (!stats.Values.ContainsKey(name))
            {
                stats.Add(name, value);
            }
        }

        Describe(stats);
        DescribeRole?.Invoke(stats);
        return stats;
    }

    private void WriteStats(RoleStats stats)
    {
        if (Context.Process.StatsDirectory is not { } folder)
        {
            return;
        }

        try
        {
            stats.WriteTo(Path.Combine(folder, $"{Context.RoleName}{Context.Id}.stats"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.Warning("could not write the stats report to {Folder}: {Message}", folder, exception.Message);
        }

        WriteReport(RoleReportKind.Stats, stats.Values.ToDictionary(pair => pair.Key, pair => Convert.ToDouble(pair.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal));
    }

    /// <summary>Writes a typed <see cref="RoleReport"/> for the launcher when <see cref="ProcessOptions.StatsDirectory"/> names a folder.</summary>
    private void WriteReport(RoleReportKind kind, IReadOnlyDictionary<string, double> measures)
    {
        if (Context.Process.StatsDirectory is not { } folder)
        {
            return;
        }

        try
        {
            RoleReportFile.Write(folder, new RoleReport(Context.RoleName, Context.Id, Environment.ProcessId, kind, RoleStats.UnixMicroseconds(), measures));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.Warning("could not write the {Kind} report to {Folder}: {Message}", kind, folder, exception.Message);
        }
    }

    /// <summary>Called once per loop turn before waiting: e.g. a client submitting its input.</summary>
    protected virtual void BeforeWait(TimeSpan now)
    {
    }

    /// <summary>Called after a run of received datagrams was handled: e.g. a learner flushing its output.</summary>
    protected virtual void AfterReceiving()
    {
    }

    /// <summary>Called when the loop ends, before the stop report.</summary>
    protected virtual void OnStopping()
    {
    }

    /// <summary>True when the role has nothing left to do (a client whose input is all decided).</summary>
    protected virtual bool Finished => false;

    /// <summary>The process exit code once the loop ended.</summary>
    protected virtual int ExitCode => 0;

    /// <summary>
    /// Commits the role's pending writes, then encodes and sends what the role queued, then clears its outbox:
    /// no answer leaves before what it promises is durable.
    /// </summary>
    protected void SendOutbox()
    {
        if (_store is { HasPendingWrites: true })
        {
            _store.Commit();
        }

        Ready outbox = _role.Ready;
        foreach (OutgoingMessage outgoing in outbox.Messages)
        {
            int length = FrameCodec.Encode(outgoing.Message, Context.Options.ClusterId, Context.Id, _sendBuffer, Context.Authenticator);
            if (Transport.TrySend(outgoing.Destination, _sendBuffer.AsSpan(0, length), out SocketError error))
            {
                Counters.OnSent(outgoing.Message.Type, length);
                continue;
            }

            Counters.OnSendFailed();
            if (error != _lastSendError)
            {
                // Once per kind of failure, not once per datagram: a missing route fails every send.
                _lastSendError = error;
                Log.Warning("sending to {Group} failed: {Error}", outgoing.Destination, error);
            }
        }

        outbox.ClearMessages();
    }

    /// <summary>
    /// Receives until the socket has nothing more waiting (or a turn's worth), handing each valid frame to
    /// the role. Whatever arrives is consumed and either handled or counted: an empty, oversized or
    /// undecodable datagram, or a socket error, never stops the loop.
    /// </summary>
    private void ReceiveWaiting()
    {
        for (int handled = 0; handled < MaxDatagramsPerTurn; handled++)
        {
            ReceiveOutcome outcome = Transport.Receive(_receiveBuffer, out int length, out SocketError error);
            if (outcome == ReceiveOutcome.NothingWaiting)
            {
                break;
            }

            if (outcome == ReceiveOutcome.Failed)
            {
                OnReceiveFailed(error, handled);
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

            HandleDatagram(_receiveBuffer.AsSpan(0, length));
        }

        SendOutbox();
        AfterReceiving();
    }

    private void HandleDatagram(ReadOnlySpan<byte> datagram)
    {
        if (_dropsOwnEchoes && FrameHeader.IsEchoOf(datagram, Context.Id))
        {
            Counters.OnDropped(DropReason.OwnEcho, datagram.Length);
            return;
        }

        if (!FrameCodec.TryDecode(datagram, Context.Options.ClusterId, Context.Authenticator, out Frame frame, out DropReason reason))
        {
            Counters.OnDropped(reason, datagram.Length);
            Log.Debug("dropped a {Length}-byte datagram: {Reason}", datagram.Length, reason);
            return;
        }

        Counters.OnReceived(frame.Message.Type, datagram.Length);
        TimeSpan now = Now;
        BeforeHandle(frame.Message, now);
        _role.Handle(frame.SenderId, frame.Message, now);
        if (_store is null)
        {
            // In memory there is nothing to wait for: answer at once. A durable role answers the whole turn
            // after one commit (ReceiveWaiting).
            SendOutbox();
        }

        AfterHandle();
    }

    private void OnReceiveFailed(SocketError error, int receivedThisTurn)
    {
        Counters.OnReceiveFailed();
        _receiveFailing = receivedThisTurn == 0;
        if (error != _lastReceiveError)
        {
            // Once per kind of error, not once per receive.
            _lastReceiveError = error;
            Log.Warning("receiving on {Group} failed: {Error}", Transport.Listening, error);
        }
    }

    /// <summary>Called before each received message goes to the role: e.g. a client timing its acknowledgements.</summary>
    protected virtual void BeforeHandle(Message message, TimeSpan now)
    {
    }

    /// <summary>Called after each handled message: e.g. a learner writing its deliveries.</summary>
    protected virtual void AfterHandle()
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the sockets.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _statisticsSignal.Dispose();
            Transport.Dispose();
        }
    }
}
