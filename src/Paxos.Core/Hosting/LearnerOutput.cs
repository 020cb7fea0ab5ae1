using Paxos.Core.Node;
using Serilog;

namespace Paxos.Core.Hosting;

/// <summary>
/// A learner's output: each delivered value as raw bytes plus a newline on standard output. Output is
/// buffered for speed but flushed whenever the socket has no more datagrams waiting, and on stop, so nothing
/// delivered is ever lost when SIGTERM arrives. Every write hands the kernel whole lines only, so a SIGKILL
/// between two writes never leaves half a value on standard output (one that lands inside a single large
/// write can still cut it: the kernel may stop a write part-way for a fatal signal). A failed output (a
/// closed pipe) stops the learner.
/// </summary>
public sealed class LearnerOutput(Stream output, ILogger log) : IOutputSink, IDisposable
{
    private readonly WholeLineWriter _output = new(output, 1 << 18);
    private bool _unflushed;

    /// <inheritdoc />
    public bool Failed { get; private set; }

    /// <summary>When values first reached standard output (Unix microseconds; 0: never).</summary>
    public long FirstPrintedUs { get; private set; }

    /// <summary>When values last reached standard output (Unix microseconds; 0: never).</summary>
    public long LastPrintedUs { get; private set; }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> value)
    {
        if (Failed)
        {
            return;
        }

        try
        {
            _output.WriteLine(value);
            _unflushed = true;
        }
        catch (IOException exception)
        {
            OutputFailed(exception);
        }
    }

    /// <inheritdoc />
    public void Flush()
    {
        if (Failed)
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
                LastPrintedUs = RoleStats.UnixMicroseconds();
                if (FirstPrintedUs == 0)
                {
                    FirstPrintedUs = LastPrintedUs;
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
        Failed = true;
        log.Error("standard output failed ({Message}); stopping", exception.Message);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Failed)
        {
            return;
        }

        try
        {
            _output.Dispose();
        }
        catch (IOException)
        {
            // Already reported by Flush.
        }
    }
}
