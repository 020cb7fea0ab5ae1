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
/// <para>
/// A value's bytes live in a block of <see cref="BlockBytes"/> shared with the lines read before and after it,
/// not in an array of its own: blocks are reused once the taker has released every line in them
/// (<see cref="Release"/>: the client's acknowledged prefix), and at most <c>maxPooledBytes</c> of them exist.
/// An array per line had to be allocated, zeroed, promoted through the collector's generations while the
/// client waited for its acknowledgement, and compacted: at 1 KB values that was about half of a client's CPU,
/// mostly in page faults on the memory the heap kept taking afresh.
/// </para>
/// </summary>
public sealed class InputLineReader : IDisposable
{
    /// <summary>At most this many lines travel together.</summary>
    public const int MaxChunkValues = 256;

    /// <summary>The default bound on the bytes of the values waiting (8,192 lines of 8 KB would hold 64 MB).</summary>
    public const long DefaultMaxQueuedBytes = 4 << 20;

    /// <summary>
    /// The default bound on the blocks' bytes: the values waiting, those the client holds until they are
    /// acknowledged (its byte window, 2 MiB by default), and the lines after a value acknowledged late, whose
    /// blocks wait for it.
    /// </summary>
    public const long DefaultMaxPooledBytes = 16 << 20;

    /// <summary>The size of a block of values: room for a few of the longest (<see cref="WireLimits.MaxValueBytes"/>).</summary>
    public const int BlockBytes = 256 << 10;

    // Twice the client's default window: enough to refill it at once, and few enough values waiting
    // that they do not pile up in the older GC generations (a 65,536 bound cost ~40 MB of peak
    // memory at 1,000,000 values).
    private const int MaxQueuedValues = 8_192;

    private readonly Stream _input;
    private readonly ILogger _log;
    private readonly Thread _thread;
    private readonly long _maxQueuedBytes;
    private readonly int _maxBlocks;
    private readonly int _chunkBytes;

    // Shared between the reading thread and the taker, under _lock. The values of the chunk being taken
    // count as waiting until its last one is taken.
    private readonly object _lock = new(); // Monitor.Wait needs a plain object, not a Lock
    private readonly Queue<Chunk> _chunks = new();
    private readonly Stack<Chunk> _spareChunks = new(); // taken to the end, to be filled again
    private long _queuedBytes;
    private int _queuedValues;
    private int _chunksWaiting;
    private bool _ended;
    private bool _disposed;
    private long _rejectedLines;

    // The blocks, under _lock: those filled, oldest first, until every line in them is released; those free to
    // fill again; how many exist. The end (line number after the last line) of the oldest filled block is also
    // read without the lock, so that a release with nothing to free costs no lock.
    private readonly Queue<ValueBlock> _filled = new();
    private readonly Stack<ValueBlock> _free = new();
    private int _blocks;
    private long _oldestFilledEnd = long.MaxValue;

    // The reading thread's own: the block being filled, where, and the number of the next line (lines too long
    // to be values are not counted: the numbers are the order in which the taker takes them).
    private ValueBlock? _filling;
    private int _fillingAt;
    private long _nextLine;

    // The taker's own: the chunk it takes from, and where it is in it.
    private Chunk? _taking;
    private int _takenInChunk;

    /// <summary>
    /// Starts reading <paramref name="input"/> in the background; at most <paramref name="maxQueuedBytes"/> of
    /// values wait to be taken (one value always may, however long), and the blocks holding the values read and
    /// not yet released take at most <paramref name="maxPooledBytes"/> (two blocks at least).
    /// </summary>
    public InputLineReader(Stream input, ILogger log, long maxQueuedBytes = DefaultMaxQueuedBytes, long maxPooledBytes = DefaultMaxPooledBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueuedBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPooledBytes, 1);
        _input = input;
        _log = log;
        _maxQueuedBytes = maxQueuedBytes;
        _maxBlocks = (int)Math.Clamp(maxPooledBytes / BlockBytes, 2, int.MaxValue);

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

    /// <summary>Blocks of values that exist now (filled, being filled, or free to fill again).</summary>
    public int Blocks
    {
        get
        {
            lock (_lock)
            {
                return _blocks;
            }
        }
    }

    /// <summary>
    /// Takes the next value if one is ready. Called by one thread only (the node loop). The value's bytes stay
    /// as they are until <see cref="Release"/> is called with a count above its line's number: the lines taken
    /// so far count from 0, in order.
    /// </summary>
    public bool TryTake(out ReadOnlyMemory<byte> value)
    {
        if (_taking is null)
        {
            if (Volatile.Read(ref _chunksWaiting) == 0)
            {
                value = default;
                return false;
            }

            lock (_lock)
            {
                _taking = _chunks.Dequeue();
                _chunksWaiting--;
            }

            _takenInChunk = 0;
        }

        value = _taking.Value(_takenInChunk++);
        if (_takenInChunk == _taking.Count)
        {
            lock (_lock)
            {
                _queuedBytes -= _taking.Bytes;
                _queuedValues -= _taking.Count;
                _taking.Clear();
                _spareChunks.Push(_taking);
                _taking = null;
                Monitor.PulseAll(_lock);
            }
        }

        return true;
    }

    /// <summary>
    /// Says that the first <paramref name="lines"/> lines taken are no longer used: the blocks holding only such
    /// lines are filled again. Called by the taker's thread.
    /// </summary>
    public void Release(long lines)
    {
        if (lines < Volatile.Read(ref _oldestFilledEnd))
        {
            return;
        }

        lock (_lock)
        {
            while (_filled.TryPeek(out ValueBlock? block) && block.EndLine <= lines)
            {
                _free.Push(_filled.Dequeue());
            }

            Volatile.Write(ref _oldestFilledEnd, _filled.TryPeek(out ValueBlock? oldest) ? oldest.EndLine : long.MaxValue);
            Monitor.PulseAll(_lock);
        }
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
            if (chunk.Count == MaxChunkValues || (chunk.Count > 0 && chunk.Bytes + lineLength > _chunkBytes))
            {
                Publish(ref chunk);
            }

            Store(line.AsSpan(0, lineLength), ref chunk);
        }

        lineLength = 0;
        overflowLength = 0;
    }

    /// <summary>
    /// Copies a line into the block being filled and adds it to <paramref name="chunk"/>. When it does not fit,
    /// the chunk is handed over first and the line goes to a new block and a new chunk: a chunk's lines lie one
    /// after another in one block.
    /// </summary>
    private void Store(ReadOnlySpan<byte> line, ref Chunk chunk)
    {
        if (_filling is null || _fillingAt + line.Length > BlockBytes)
        {
            if (_filling is not null)
            {
                lock (_lock)
                {
                    if (_filled.Count == 0)
                    {
                        Volatile.Write(ref _oldestFilledEnd, _filling.EndLine);
                    }

                    _filled.Enqueue(_filling);
                }
            }

            // The lines read so far go first: the taker may need them to acknowledge the lines that hold blocks.
            Publish(ref chunk);
            _filling = TakeFreeBlock();
            _fillingAt = 0;
        }

        line.CopyTo(_filling.Bytes.AsSpan(_fillingAt));
        chunk.Add(_filling, _fillingAt, line.Length);
        _fillingAt += line.Length;
        _filling.EndLine = ++_nextLine;
    }

    /// <summary>A block free to fill: a released one, a new one while fewer than the bound exist, or else the first released.</summary>
    private ValueBlock TakeFreeBlock()
    {
        lock (_lock)
        {
            while (!_disposed && _free.Count == 0 && _blocks >= _maxBlocks)
            {
                Monitor.Wait(_lock);
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_free.TryPop(out ValueBlock? block))
            {
                return block;
            }

            _blocks++;
        }

        return new ValueBlock(GC.AllocateUninitializedArray<byte>(BlockBytes));
    }

    /// <summary>Hands <paramref name="chunk"/> to the taker once the bounds have room for it (always, when nothing waits), and starts a new one.</summary>
    private void Publish(ref Chunk chunk)
    {
        if (chunk.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            while (!_disposed && _queuedValues > 0
                && (_queuedBytes + chunk.Bytes > _maxQueuedBytes || _queuedValues + chunk.Count > MaxQueuedValues))
            {
                Monitor.Wait(_lock);
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            _chunks.Enqueue(chunk);
            _queuedBytes += chunk.Bytes;
            _queuedValues += chunk.Count;
            Volatile.Write(ref _chunksWaiting, _chunksWaiting + 1);
            chunk = _spareChunks.TryPop(out Chunk? spare) ? spare : new Chunk();
        }
    }

    /// <summary>
    /// Lines that travel together, and their bytes: consecutive lines of one block, kept as where the first starts
    /// and where each ends (no object reference per line, so no write barrier, and reused once taken).
    /// </summary>
    private sealed class Chunk
    {
        private readonly int[] _ends = new int[MaxChunkValues];
        private ValueBlock? _block;
        private int _start;

        public int Count { get; private set; }

        public long Bytes => Count == 0 ? 0 : _ends[Count - 1] - _start;

        /// <summary>Adds the line of <paramref name="length"/> bytes at <paramref name="at"/> in <paramref name="block"/>, right after the last one.</summary>
        public void Add(ValueBlock block, int at, int length)
        {
            if (Count == 0)
            {
                _block = block;
                _start = at;
            }

            _ends[Count++] = at + length;
        }

        public ReadOnlyMemory<byte> Value(int index)
        {
            int start = index == 0 ? _start : _ends[index - 1];
            return _block!.Bytes.AsMemory(start, _ends[index] - start);
        }

        public void Clear()
        {
            _block = null;
            Count = 0;
        }
    }

    /// <summary>Bytes holding consecutive lines, and the number after the last line stored in them so far.</summary>
    private sealed class ValueBlock(byte[] bytes)
    {
        public byte[] Bytes { get; } = bytes;

        public long EndLine { get; set; }
    }
}
