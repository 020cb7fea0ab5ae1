using Paxos.Core.Protocol;
using Serilog;

namespace Paxos.Core.Hosting;

/// <summary>
/// Reads a client's input on its own thread and splits it into values: the bytes of each line without
/// its '\n' (a '\r' or any other byte stays). A last line without a newline is a value too. A line longer
/// than <see cref="WireLimits.MaxValueBytes"/> is reported with its line number and skipped; memory stays
/// bounded however long it is. The queue is bounded in values and in bytes, so a huge input is read only
/// as fast as it is sent, and the memory it holds does not grow with the size of the values.
/// Lines cross from the reading thread to the node loop in chunks (what one read of the input held, at most
/// <see cref="MaxChunkValues"/> lines): one lock per chunk, not per value. Taken one by one, small values
/// spent a quarter of a client's CPU in the lock, the blocking collection and the wake-ups of each line.
/// </summary>
public sealed class InputLineReader : IDisposable
{
    /// <summary>At most this many lines travel together.</summary>
    public const int MaxChunkValues = 256;

    /// <summary>The default bound on the bytes of the values waiting (8,192 lines of 8 KB would hold 64 MB).</summary>
    public const long DefaultMaxQueuedBytes = 4 << 20;

    // Twice the client's default window: enough to refill it at once, and few enough values waiting
    // that they do not pile up in the older GC generations (a 65,536 bound cost ~40 MB of peak
    // memory at 1,000,000 values).
    private const int MaxQueuedValues = 8_192;

    private readonly Stream _input;
    private readonly ILogger _log;
    private readonly Thread _thread;
    private readonly long _maxQueuedBytes;
    private readonly int _chunkBytes;

    // Shared between the reading thread and the taker, under _lock. The values of the chunk being taken
    // count as waiting until its last one is taken.
    private readonly object _lock = new(); // Monitor.Wait needs a plain object, not a Lock
    private readonly Queue<Chunk> _chunks = new();
    private long _queuedBytes;
    private int _queuedValues;
    private int _chunksWaiting;
    private bool _ended;
    private bool _disposed;
    private long _rejectedLines;

    // The taker's own: the chunk it takes from, and where it is in it.
    private Chunk? _taking;
    private int _takenInChunk;

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

        // A quarter of the bound, so that a few chunks wait at once, and at most one read's worth.
        _chunkBytes = (int)Math.Clamp(maxQueuedBytes / 4, 1, 1 << 16);
        _thread = new Thread(ReadAll) { IsBackground = true, Name = "input" };
        _thread.Start();
    }

    /// <summary>Lines skipped because they were too long.</summary>
    public long RejectedLines => Interlocked.Read(ref _rejectedLines);

    /// <summary>True once the input ended and every value was taken.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_lock)
            {
                return _ended && _chunksWaiting == 0 && _taking is null;
            }
        }
    }

    /// <summary>True when a value is waiting to be taken.</summary>
    public bool HasValueReady => _taking is not null || Volatile.Read(ref _chunksWaiting) > 0;

    /// <summary>Bytes of the values waiting to be taken.</summary>
    public long QueuedBytes
    {
        get
        {
            lock (_lock)
            {
                return _queuedBytes;
            }
        }
    }

    /// <summary>Takes the next value if one is ready. Called by one thread only (the node loop).</summary>
    public bool TryTake(out byte[] value)
    {
        if (_taking is null)
        {
            if (Volatile.Read(ref _chunksWaiting) == 0)
            {
                value = [];
                return false;
            }

            lock (_lock)
            {
                _taking = _chunks.Dequeue();
                _chunksWaiting--;
            }

            _takenInChunk = 0;
        }

        value = _taking.Values[_takenInChunk++];
        if (_takenInChunk == _taking.Values.Count)
        {
            lock (_lock)
            {
                _queuedBytes -= _taking.Bytes;
                _queuedValues -= _taking.Values.Count;
                _taking = null;
                Monitor.PulseAll(_lock);
            }
        }

        return true;
    }

    /// <summary>Releases the queue. The reader thread is a background thread and ends with the process.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            Monitor.PulseAll(_lock);
        }
    }

    private void ReadAll()
    {
        var buffer = new byte[1 << 16];
        var line = new byte[WireLimits.MaxValueBytes];
        var chunk = new Chunk();
        int lineLength = 0;
        long lineNumber = 1;
        long overflowLength = 0;
        bool lineStarted = false;
        try
        {
            int read;
            while ((read = _input.Read(buffer, 0, buffer.Length)) > 0)
            {
                ReadOnlySpan<byte> bytes = buffer.AsSpan(0, read);
                while (!bytes.IsEmpty)
                {
                    int newline = bytes.IndexOf((byte)'\n');
                    ReadOnlySpan<byte> piece = newline < 0 ? bytes : bytes[..newline];
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

                    EndLine(line, ref lineLength, ref overflowLength, lineNumber++, ref chunk);
                    lineStarted = false;
                    bytes = bytes[(newline + 1)..];
                }

                // What this read held goes now: an interactive input must not wait for a chunk to fill.
                Publish(ref chunk);
            }

            if (lineStarted)
            {
                EndLine(line, ref lineLength, ref overflowLength, lineNumber, ref chunk);
            }

            Publish(ref chunk);
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

        lock (_lock)
        {
            _ended = true;
        }
    }

    private void EndLine(byte[] line, ref int lineLength, ref long overflowLength, long lineNumber, ref Chunk chunk)
    {
        if (overflowLength > 0)
        {
            Interlocked.Increment(ref _rejectedLines);
            _log.Error("line {Line}: value of {Length} bytes exceeds the limit of {Limit} bytes; skipped",
                lineNumber, overflowLength, WireLimits.MaxValueBytes);
        }
        else
        {
            if (chunk.Values.Count == MaxChunkValues || (chunk.Values.Count > 0 && chunk.Bytes + lineLength > _chunkBytes))
            {
                Publish(ref chunk);
            }

            chunk.Values.Add(line.AsSpan(0, lineLength).ToArray());
            chunk.Bytes += lineLength;
        }

        lineLength = 0;
        overflowLength = 0;
    }

    /// <summary>Hands <paramref name="chunk"/> to the taker once the bounds have room for it (always, when nothing waits), and starts a new one.</summary>
    private void Publish(ref Chunk chunk)
    {
        if (chunk.Values.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            while (!_disposed && _queuedValues > 0
                && (_queuedBytes + chunk.Bytes > _maxQueuedBytes || _queuedValues + chunk.Values.Count > MaxQueuedValues))
            {
                Monitor.Wait(_lock);
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            _chunks.Enqueue(chunk);
            _queuedBytes += chunk.Bytes;
            _queuedValues += chunk.Values.Count;
            Volatile.Write(ref _chunksWaiting, _chunksWaiting + 1);
        }

        chunk = new Chunk();
    }

    /// <summary>Lines that travel together, and their bytes.</summary>
    private sealed class Chunk
    {
        public List<byte[]> Values { get; } = new(8);

        public long Bytes { get; set; }
    }
}
