using System.Collections.Concurrent;
using Paxos.Core.Protocol;
using Serilog;

namespace Paxos.Core.Hosting;

/// <summary>
/// Reads a client's input on its own thread and splits it into values: the bytes of each line without
/// its '\n' (a '\r' or any other byte stays). A last line without a newline is a value too. A line longer
/// than <see cref="WireLimits.MaxValueBytes"/> is reported with its line number and skipped; memory stays
/// bounded however long it is. The queue is bounded in values and in bytes, so a huge input is read only
/// as fast as it is sent, and the memory it holds does not grow with the size of the values.
/// </summary>
public sealed class InputLineReader : IDisposable
{
    private readonly Stream _input;
    private readonly ILogger _log;
    // Twice the client's default window: enough to refill it at once, and few enough values waiting
    // that they do not pile up in the older GC generations (a 65,536 bound cost ~40 MB of peak
    // memory at 1,000,000 values).
    private readonly BlockingCollection<byte[]> _values = new(boundedCapacity: 8_192);
    private readonly Thread _thread;
    private readonly long _maxQueuedBytes;
    private readonly object _room = new(); // Monitor.Wait needs a plain object, not a Lock
    private long _queuedBytes;
    private bool _disposed;
    private long _rejectedLines;

    /// <summary>The default bound on the bytes of the values waiting (8,192 lines of 8 KB would hold 64 MB).</summary>
    public const long DefaultMaxQueuedBytes = 4 << 20;

    /// <summary>
    /// Starts reading <paramref name="input"/> in the background; at most <paramref name="maxQueuedBytes"/> of
    /// values wait to be taken (one value always may, however long).
    /// </summary>
    public InputLineReader(Stream input, ILogger log, long maxQueuedBytes = DefaultMaxQueuedBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueuedBytes, 1);
        _input = input;
        _log = log;
        _maxQueuedBytes = maxQueuedBytes;
        _thread = new Thread(ReadAll) { IsBackground = true, Name = "input" };
        _thread.Start();
    }

    /// <summary>Lines skipped because they were too long.</summary>
    public long RejectedLines => Interlocked.Read(ref _rejectedLines);

    /// <summary>True once the input ended and every value was taken.</summary>
    public bool IsCompleted => _values.IsCompleted;

    /// <summary>True when a value is waiting to be taken.</summary>
    public bool HasValueReady => _values.Count > 0;

    /// <summary>Bytes of the values waiting to be taken.</summary>
    public long QueuedBytes
    {
        get
        {
            lock (_room)
            {
                return _queuedBytes;
            }
        }
    }

    /// <summary>Takes the next value if one is ready.</summary>
    public bool TryTake(out byte[] value)
    {
        if (!_values.TryTake(out value!))
        {
            return false;
        }

        lock (_room)
        {
            _queuedBytes -= value.Length;
            Monitor.PulseAll(_room);
        }

        return true;
    }

    /// <summary>Releases the queue. The reader thread is a background thread and ends with the process.</summary>
    public void Dispose()
    {
        lock (_room)
        {
            _disposed = true;
            Monitor.PulseAll(_room);
        }

        _values.Dispose();
    }

    private void ReadAll()
    {
        var buffer = new byte[1 << 16];
        var line = new byte[WireLimits.MaxValueBytes];
        int lineLength = 0;
        long lineNumber = 1;
        long overflowLength = 0;
        bool lineStarted = false;
        try
        {
            int read;
            while ((read = _input.Read(buffer, 0, buffer.Length)) > 0)
            {
                ReadOnlySpan<byte> chunk = buffer.AsSpan(0, read);
                while (!chunk.IsEmpty)
                {
                    int newline = chunk.IndexOf((byte)'\n');
                    ReadOnlySpan<byte> piece = newline < 0 ? chunk : chunk[..newline];
                    lineStarted = true;
                    if (overflowLength == 0 && lineLength + piece.Length <= line.Length)
                    {
                        piece.CopyTo(line.AsSpan(lineLength));
                        lineLength += piece.Length;
                    }
                    else
                    {
                        overflowLength = (overflowLength == 0 ? lineLength : overflowLength) + piece.Length;
                    }

                    if (newline < 0)
                    {
                        break;
                    }

                    EndLine(line, ref lineLength, ref overflowLength, lineNumber++);
                    lineStarted = false;
                    chunk = chunk[(newline + 1)..];
                }
            }

            if (lineStarted)
            {
                EndLine(line, ref lineLength, ref overflowLength, lineNumber);
            }
        }
        catch (IOException exception)
        {
            _log.Error("reading standard input failed: {Message}", exception.Message);
        }
        catch (ObjectDisposedException)
        {
            // The client stopped (SIGTERM) while this thread waited for room in the queue.
            return;
        }

        try
        {
            _values.CompleteAdding();
        }
        catch (ObjectDisposedException)
        {
            // Stopped at the same moment the input ended.
        }
    }

    /// <summary>Waits until <paramref name="bytes"/> more fit the byte bound (always, when nothing waits), and counts them.</summary>
    private void WaitForRoom(int bytes)
    {
        lock (_room)
        {
            while (!_disposed && _queuedBytes > 0 && _queuedBytes + bytes > _maxQueuedBytes)
            {
                Monitor.Wait(_room);
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            _queuedBytes += bytes;
        }
    }

    private void EndLine(byte[] line, ref int lineLength, ref long overflowLength, long lineNumber)
    {
        if (overflowLength > 0)
        {
            Interlocked.Increment(ref _rejectedLines);
            _log.Error("line {Line}: value of {Length} bytes exceeds the limit of {Limit} bytes; skipped",
                lineNumber, overflowLength, WireLimits.MaxValueBytes);
        }
        else
        {
            byte[] value = line.AsSpan(0, lineLength).ToArray();
            WaitForRoom(value.Length);
            _values.Add(value);
        }

        lineLength = 0;
        overflowLength = 0;
    }
}
