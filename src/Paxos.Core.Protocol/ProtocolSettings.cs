namespace Paxos.Core.Protocol;

/// <summary>
/// Timeouts, windows and batch sizes of the role state machines. The defaults suit one machine or a LAN;
/// the simulator varies them. Every retry interval here exists because a message it covers can be lost.
/// </summary>
public sealed record ProtocolSettings
{
    /// <summary>
    /// The settings of the real role processes: the defaults, with faster recovery from loss, measured with
    /// ./bench.sh at 10% loss (2 x 100,000 values: 81,000 values/s with the defaults, ~640,000 with these):
    /// adaptive client resends from 50 ms, Accept resends after the measured Accept time (10-400 ms, 40 ms
    /// before the first measurement; at once when a later instance was decided first), learner gaps asked for after 40 ms
    /// and a lost tail after 100 ms of silence. The fixed simulation scenarios keep the defaults, which
    /// their seed-fixed expectations were tuned with; the random campaign runs half its seeds with these.
    /// </summary>
    public static ProtocolSettings Processes { get; } = new()
    {
        ClientRetryMin = TimeSpan.FromMilliseconds(50),
        AcceptRetry = TimeSpan.FromMilliseconds(40),
        AcceptRetryMin = TimeSpan.FromMilliseconds(10),
        AcceptRetryMax = TimeSpan.FromMilliseconds(400),
        CatchUpRetry = TimeSpan.FromMilliseconds(40),
        IdleProbe = TimeSpan.FromMilliseconds(100),
        ClientInitialWindow = 2_048,
        ClientTailProbeMin = TimeSpan.FromMilliseconds(5),
    };

    /// <summary>How often proposers announce themselves to each other.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A proposer not heard from for this long is considered crashed by the election.</summary>
    public TimeSpan LeaderTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often a leader repeats its Prepare to the acceptors, busy or idle, so that a leader whose ballot
    /// was overtaken while it heard nothing (a partition) learns it from a Nack and steps down.
    /// </summary>
    public TimeSpan LeaderKeepalive { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Resend Prepare to acceptors that have not answered (fully) after this long.</summary>
    public TimeSpan PrepareRetry { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Resend Accept for an instance not decided after this long, until the leader has measured how long
    /// its instances take (Accept to a quorum of Accepted); from then on the smoothed time plus four
    /// deviations, between <see cref="AcceptRetryMin"/> and <see cref="AcceptRetryMax"/>.
    /// </summary>
    public TimeSpan AcceptRetry { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Floor of the measured Accept timeout: a lost Accept or Accepted of the last instances in flight costs
    /// about this much when the cluster is quick, instead of a fixed <see cref="AcceptRetry"/> (one overtaken
    /// by a later instance is resent at once). Null (the default): equal to it, no adaptation.
    /// </summary>
    public TimeSpan? AcceptRetryMin { get; init; }

    /// <summary>
    /// Cap of the measured Accept timeout: when instances queue behind each other for long, a resend
    /// waits up to this long rather than repeating Accepts the acceptors already hold. Null (the default):
    /// equal to <see cref="AcceptRetry"/>.
    /// </summary>
    public TimeSpan? AcceptRetryMax { get; init; }

    /// <summary>Shortest randomised wait before a preempted proposer tries Phase 1 again.</summary>
    public TimeSpan BackoffMin { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Longest such wait, reached after repeated preemptions.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Instances a leader keeps in Phase 2 at once (pipelining), bounding its memory and the acceptors' load.</summary>
    public int MaxInstancesInFlight { get; init; } = 32;

    /// <summary>Upper bound of a leader's batch (one instance) in bytes.</summary>
    public int MaxBatchBytes { get; init; } = WireLimits.MaxBatchBytes;

    /// <summary>
    /// Submissions a client keeps unacknowledged at most (flow control). 8,192: with two clients at full speed on
    /// two cores, 16,384 only lengthened the leader's queue (side by side at 2 x 1,000,000: median latency 8-11 ms
    /// against 5-6, p99 51-58 ms against 22-23, for the same throughput within the machine's noise).
    /// </summary>
    public int ClientWindow { get; init; } = 8_192;

    /// <summary>
    /// Slow start: the window a client starts with, in values (its byte window is scaled alike); it grows by one
    /// value per value acknowledged, so it doubles every round trip, up to <see cref="ClientWindow"/>. A cold
    /// leader then is not handed both clients' whole windows at once: at 10% loss those first values waited
    /// 17-57 ms (median) against 12 ms later on. Null (the default): the whole window from the start.
    /// </summary>
    public int? ClientInitialWindow { get; init; }

    /// <summary>
    /// Bytes of values a client keeps unacknowledged at most (flow control in bytes, beside
    /// <see cref="ClientWindow"/>): a client's memory and its share of the leader's queue then do not grow
    /// with the value size. 2 MiB keeps the pipeline full: at 1 KB and 8 KB values, 8 MiB gave 127-129 MB/s with
    /// a median latency of 115 ms (the values queued at the leader), 2 MiB 140-144 MB/s at 21-24 ms, 1 MiB
    /// 120-126 MB/s at 11-12 ms. The last value admitted may exceed it by its own size (one value always fits).
    /// </summary>
    public long ClientWindowBytes { get; init; } = 2 << 20;

    /// <summary>
    /// Bytes a client sends first time while no receipt (<see cref="Messages.ClientReceipt"/>) or
    /// acknowledgement confirmed them: what may wait in the leader's socket buffer at once. More than that
    /// buffer holds (8 MB shared by every sender) is dropped by the kernel and must be resent, so without
    /// this bound fast clients with large values lose requests on a loss-free network. One value always goes.
    /// </summary>
    public long ClientUnconfirmedBytes { get; init; } = 1 << 20;

    /// <summary>
    /// First resend of an unacknowledged submission; doubled on every further resend that goes unanswered
    /// while none of the client's submissions is being decided. Once the client has measured how long
    /// acknowledgements take, its first resend comes sooner (see <see cref="ClientRetryMin"/>).
    /// </summary>
    public TimeSpan ClientRetry { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Floor of the client's adaptive first resend: smoothed acknowledgement time plus four deviations
    /// (as TCP's retransmission timeout), between this and <see cref="ClientRetry"/>. A lost request or
    /// acknowledgement then stalls the client's window for tens of milliseconds, not 300. Equal to
    /// <see cref="ClientRetry"/> by default (no adaptation); <see cref="Processes"/> lowers it.
    /// </summary>
    public TimeSpan ClientRetryMin { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Tail probes: a client whose newest request went unanswered for twice the smoothed round trip, and at least
    /// this long, sends one of its values again alone, so a lost newest request shows at the probe's answer instead
    /// of at the first-resend timer (see <see cref="Clients.Client.TailProbes"/>). The floor keeps a quick, lightly
    /// loaded cluster's ordinary jitter from probing (at 1,000 values/s answers take 0.3-4 ms). Null (the default):
    /// no probes; <see cref="Processes"/> sets 5 ms.
    /// </summary>
    public TimeSpan? ClientTailProbeMin { get; init; }

    /// <summary>Cap of the client's resend interval while the cluster cannot decide.</summary>
    public TimeSpan ClientRetryMax { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A gap in the decided sequence older than this is asked for again.</summary>
    public TimeSpan CatchUpRetry { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>With nothing received for this long, ask whether decisions were missed (lost tail, late start).</summary>
    public TimeSpan IdleProbe { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Most bytes of decisions sent in answer to one catch-up request, so no receive buffer overflows.</summary>
    public int CatchUpBudgetBytes { get; init; } = 1 << 20;

    /// <summary>Bytes of accepted values in one Promise chunk (below the datagram limit).</summary>
    public int PromiseChunkBytes { get; init; } = 60_000;

    /// <summary>
    /// Bytes of decisions a learner keeps waiting behind a gap. Past it, the waiting decisions are dropped
    /// (catch-up fetches them again once the gap is filled), so a flood of decisions within the lookahead,
    /// each up to a 64 KB batch, cannot grow a learner's memory.
    /// </summary>
    public long MaxBufferedDecisionBytes { get; init; } = 64 << 20;

    /// <summary>
    /// How far ahead of its first unknown instance a role stores an instance. Bounds the memory an
    /// (accidentally or deliberately) huge instance number can claim.
    /// </summary>
    public long MaxInstanceLookahead { get; init; } = 1_000_000;
}
