using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Learners;

namespace Paxos.Core.Hosting;

/// <summary>
/// Runs a learner and prints each delivered value as raw bytes plus a newline on standard output.
/// Output is buffered for speed but flushed whenever the socket has no more datagrams waiting, and on
/// stop, so nothing delivered is ever lost when SIGTERM arrives. Every write hands the kernel whole lines
/// only, so a SIGKILL between two writes never leaves half a value on standard output (one that lands
/// inside a single large write can still cut it: the kernel may stop a write part-way for a fatal signal).
/// </summary>
public sealed class LearnerHost : RoleHost
{
    private readonly Learner _learner;
    private readonly WholeLineWriter _output;
    private bool _outputClosed;
    private bool _unflushed;
    private long _firstPrintedUs;
    private long _lastPrintedUs;

    /// <summary>Creates the host; <paramref name="output"/> is usually standard output.</summary>
    public LearnerHost(Learner learner, RoleContext context, Stream output)
        : base(learner, context, RoleGroup.Learners)
    {
        _learner = learner;
        _output = new WholeLineWriter(output, 1 << 18);
    }

    /// <inheritdoc />
    protected override bool Finished => _outputClosed;

    /// <inheritdoc />
    protected override int ExitCode => _outputClosed ? 1 : 0;

    /// <inheritdoc />
    protected override void AfterHandle()
    {
        List<ReadOnlyMemory<byte>> deliveries = _learner.Ready.Deliveries;
        if (deliveries.Count == 0 || _outputClosed)
        {
            deliveries.Clear();
            return;
        }

        try
        {
            foreach (ReadOnlyMemory<byte> value in deliveries)
            {
                _output.WriteLine(value.Span);
            }

            _unflushed = true;
        }
        catch (IOException exception)
        {
            OutputFailed(exception);
        }

        deliveries.Clear();
    }

    /// <inheritdoc />
    protected override void AfterReceiving() => Flush();

    /// <inheritdoc />
    protected override void OnStopping()
    {
        Flush();
        Log.Information("delivered {Delivered} values from {Instances} instances ({Duplicates} duplicate submissions skipped, {Requests} catch-up requests)",
            _learner.DeliveredCount, _learner.NextInstance, _learner.DuplicatesSkipped, _learner.CatchUpRequests);
    }

    /// <inheritdoc />
    protected override void Describe(RoleStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        stats.Add("values", _learner.DeliveredCount);
        stats.Add("instances", _learner.NextInstance);
        stats.Add("duplicatesSkipped", _learner.DuplicatesSkipped);
        stats.Add("retransmissions", _learner.CatchUpRequests);
        stats.Add("bufferedDecisionsDropped", _learner.BufferedDecisionsDropped);
        stats.Add("firstPrintedUs", _firstPrintedUs);
        stats.Add("lastPrintedUs", _lastPrintedUs);
    }

    private void Flush()
    {
        if (_outputClosed)
        {
            return;
        }

        try
        {
            _output.Flush();
            if (_unflushed)
            {
                // When values reached standard output: the benchmark's end-to-end clock stops here.
                _unflushed = false;
                _lastPrintedUs = RoleStats.UnixMicroseconds();
                if (_firstPrintedUs == 0)
                {
                    _firstPrintedUs = _lastPrintedUs;
                }
            }
        }
        catch (IOException exception)
        {
            OutputFailed(exception);
        }
    }

    private void OutputFailed(IOException exception)
    {
        // A closed pipe will not reopen: stop instead of learning into the void.
        _outputClosed = true;
        Log.Error("standard output failed ({Message}); stopping", exception.Message);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_outputClosed)
        {
            try
            {
                _output.Dispose();
            }
            catch (IOException)
            {
                // Already reported by Flush.
            }
        }

        base.Dispose(disposing);
    }
}
