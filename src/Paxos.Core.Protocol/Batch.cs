using System.Buffers.Binary;

namespace Paxos.Core.Protocol;

/// <summary>
/// An ordered list of client submissions, kept in its encoded form so that acceptors and proposers
/// store and forward it without copying values. Layout: run count (u16), then runs; a run is
/// client id (u32), session (u64), first sequence (u64), count (u32), then count × (LEB128 length, bytes).
/// An empty batch (no runs) is the no-op a new leader proposes for an instance it must fill.
/// </summary>
public sealed class Batch
{
    internal const int RunHeaderBytes = 4 + 8 + 8 + 4;

    private Batch(ReadOnlyMemory<byte> encoded, int runCount, int valueCount, bool borrowed = false)
    {
        Encoded = encoded;
        RunCount = runCount;
        ValueCount = valueCount;
        IsBorrowed = borrowed;
    }

    /// <summary>The no-op batch.</summary>
    public static Batch Empty { get; } = new(new byte[2], 0, 0);

    /// <summary>The encoded bytes, exactly as carried in frames.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>Number of runs (consecutive submissions of one session).</summary>
    public int RunCount { get; }

    /// <summary>Number of submissions.</summary>
    public int ValueCount { get; }

    /// <summary>
    /// True for a batch over memory its creator reuses once the message is handled (a receive buffer):
    /// whoever keeps it past that keeps <see cref="Owned"/> instead.
    /// </summary>
    public bool IsBorrowed { get; }

    /// <summary>This batch, or a copy of it over memory of its own if it <see cref="IsBorrowed"/>.</summary>
    public Batch Owned() => IsBorrowed ? new Batch(CopyUninitialized(Encoded.Span), RunCount, ValueCount) : this;

    /// <summary>
    /// Validates untrusted bytes as a batch: every length and count must fit the bytes present, nothing may
    /// trail, and no value may exceed <see cref="WireLimits.MaxValueBytes"/>. Keeps a reference to
    /// <paramref name="encoded"/> (no copy), so the caller must not reuse that memory.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> encoded, out Batch batch) => TryParse(encoded, borrowed: false, out batch);

    /// <summary>
    /// As <see cref="TryParse(ReadOnlyMemory{byte}, out Batch)"/>; with <paramref name="borrowed"/>, the caller
    /// will reuse <paramref name="encoded"/> once the message is handled, and the batch says so (<see cref="IsBorrowed"/>).
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> encoded, bool borrowed, out Batch batch)
    {
        batch = Empty;
        ReadOnlySpan<byte> span = encoded.Span;
        if (span.Length < 2 || span.Length > WireLimits.MaxBatchBytes)
        {
            return false;
        }

        int runCount = BinaryPrimitives.ReadUInt16LittleEndian(span);
        int position = 2;
        long valueCount = 0;
        for (int run = 0; run < runCount; run++)
        {
            if (span.Length - position < RunHeaderBytes)
            {
                return false;
            }

            uint count = BinaryPrimitives.ReadUInt32LittleEndian(span[(position + 20)..]);
            position += RunHeaderBytes;

            // Each value takes at least one byte, so a count larger than the bytes left is a lie
            // we can reject before looping over it.
            if (count == 0 || count > span.Length - position)
            {
                return false;
            }

            for (uint i = 0; i < count; i++)
            {
                if (!VarInt.TryRead(span[position..], out uint length, out int lengthBytes)
                    || length > WireLimits.MaxValueBytes
                    || length > span.Length - position - lengthBytes)
                {
                    return false;
                }

                position += lengthBytes + (int)length;
            }

            valueCount += count;
        }

        if (position != span.Length)
        {
            return false;
        }

        batch = new Batch(encoded, runCount, (int)valueCount, borrowed);
        return true;
    }

    /// <summary>Wraps bytes a <see cref="BatchBuilder"/> produced; no validation needed.</summary>
    internal static Batch FromTrusted(ReadOnlyMemory<byte> encoded, int runCount, int valueCount) => new(encoded, runCount, valueCount);

    /// <summary>Enumerates the submissions in order, without allocating.</summary>
    public ValueEnumerator GetEnumerator() => new(Encoded);

    /// <summary>Enumerates the runs' headers, e.g. to acknowledge a decided batch.</summary>
    public RunEnumerable Runs => new(Encoded);

    /// <summary>Enumerator over a batch's submissions.</summary>
    public struct ValueEnumerator
    {
        private readonly ReadOnlyMemory<byte> _encoded;
        private int _runsLeft;
        private int _position;
        private uint _client;
        private ulong _session;
        private ulong _nextSequence;
        private uint _valuesLeftInRun;

        internal ValueEnumerator(ReadOnlyMemory<byte> encoded)
        {
            _encoded = encoded;
            _runsLeft = BinaryPrimitives.ReadUInt16LittleEndian(encoded.Span);
            _position = 2;
            Current = default;
        }

        /// <summary>The current submission.</summary>
        public BatchValue Current { get; private set; }

        /// <summary>Advances to the next submission.</summary>
        public bool MoveNext()
        {
            ReadOnlySpan<byte> span = _encoded.Span;
            while (_valuesLeftInRun == 0)
            {
                if (_runsLeft == 0)
                {
                    return false;
                }

                _runsLeft--;
                ReadOnlySpan<byte> header = span[_position..];
                _client = BinaryPrimitives.ReadUInt32LittleEndian(header);
                _session = BinaryPrimitives.ReadUInt64LittleEndian(header[4..]);
                _nextSequence = BinaryPrimitives.ReadUInt64LittleEndian(header[12..]);
                _valuesLeftInRun = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
                _position += RunHeaderBytes;
            }

            VarInt.TryRead(span[_position..], out uint length, out int lengthBytes);
            _position += lengthBytes;
            Current = new BatchValue(_client, _session, _nextSequence, _encoded.Slice(_position, (int)length));
            _position += (int)length;
            _nextSequence++;
            _valuesLeftInRun--;
            return true;
        }
    }

    /// <summary>The runs of a batch, enumerable without allocating.</summary>
    public readonly struct RunEnumerable(ReadOnlyMemory<byte> encoded)
    {
        /// <summary>Starts the enumeration.</summary>
        public RunEnumerator GetEnumerator() => new(encoded);
    }

    /// <summary>Enumerator over a batch's run headers.</summary>
    public struct RunEnumerator
    {
        private readonly ReadOnlyMemory<byte> _encoded;
        private int _runsLeft;
        private int _position;

        internal RunEnumerator(ReadOnlyMemory<byte> encoded)
        {
            _encoded = encoded;
            _runsLeft = BinaryPrimitives.ReadUInt16LittleEndian(encoded.Span);
            _position = 2;
            Current = default;
        }

        /// <summary>The current run.</summary>
        public SubmissionRange Current { get; private set; }

        /// <summary>Advances to the next run, skipping the values of the current one.</summary>
        public bool MoveNext()
        {
            if (_runsLeft == 0)
            {
                return false;
            }

            _runsLeft--;
            ReadOnlySpan<byte> span = _encoded.Span;
            ReadOnlySpan<byte> header = span[_position..];
            var range = new SubmissionRange(
                BinaryPrimitives.ReadUInt32LittleEndian(header),
                BinaryPrimitives.ReadUInt64LittleEndian(header[4..]),
                BinaryPrimitives.ReadUInt64LittleEndian(header[12..]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[20..]));
            _position += RunHeaderBytes;
            for (uint i = 0; i < range.Count; i++)
            {
                VarInt.TryRead(span[_position..], out uint length, out int lengthBytes);
                _position += lengthBytes + (int)length;
            }

            Current = range;
            return true;
        }
    }

    /// <summary>
    /// A copy without zeroing the array first: at large values the zeroing (and the page faults of fresh
    /// memory it causes) was most of a role's CPU time in a profile; every byte is overwritten here anyway.
    /// </summary>
    internal static byte[] CopyUninitialized(ReadOnlySpan<byte> bytes)
    {
        byte[] copy = GC.AllocateUninitializedArray<byte>(bytes.Length);
        bytes.CopyTo(copy);
        return copy;
    }
}
