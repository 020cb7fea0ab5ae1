using System.Buffers.Binary;

namespace Paxos.Core.Protocol;

/// <summary>
/// Packs submissions into a <see cref="Batch"/> up to a byte limit, opening a new run only when a
/// submission does not continue the previous one (same session, next sequence number).
/// Reusable: <see cref="Build"/> hands out a copy and starts over.
/// </summary>
public sealed class BatchBuilder
{
    private byte[] _buffer;
    private readonly int _limit;
    private int _length = 2;
    private int _runCount;
    private int _valueCount;
    private int _runHeaderAt = -1;
    private uint _runClient;
    private ulong _runSession;
    private ulong _runNextSequence;
    private uint _runCountSoFar;

    /// <summary>Creates a builder whose batches never exceed <paramref name="limitBytes"/>.</summary>
    public BatchBuilder(int limitBytes = WireLimits.MaxBatchBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limitBytes, EncodedSizeOfSingle(0));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limitBytes, WireLimits.MaxBatchBytes);
        _limit = limitBytes;
        _buffer = new byte[limitBytes];
    }

    /// <summary>Submissions added since the last <see cref="Build"/>.</summary>
    public int ValueCount => _valueCount;

    /// <summary>Encoded bytes so far.</summary>
    public int Length => _length;

    /// <summary>The size of a batch holding just one value of this length.</summary>
    public static int EncodedSizeOfSingle(int valueLength) =>
        2 + Batch.RunHeaderBytes + VarInt.SizeOf((uint)valueLength) + valueLength;

    /// <summary>Adds a submission if it fits under the limit; returns false (and changes nothing) if not.</summary>
    public bool TryAdd(uint clientId, ulong session, ulong sequence, ReadOnlySpan<byte> value)
    {
        if (value.Length > WireLimits.MaxValueBytes)
        {
            return false;
        }

        bool continuesRun = _runHeaderAt >= 0 && _runClient == clientId && _runSession == session
            && _runNextSequence == sequence && _runCount > 0;
        int needed = (continuesRun ? 0 : Batch.RunHeaderBytes) + VarInt.SizeOf((uint)value.Length) + value.Length;
        if (_length + needed > _limit || (!continuesRun && _runCount == ushort.MaxValue))
        {
            return false;
        }

        if (!continuesRun)
        {
            _runHeaderAt = _length;
            Span<byte> header = _buffer.AsSpan(_length, Batch.RunHeaderBytes);
            BinaryPrimitives.WriteUInt32LittleEndian(header, clientId);
            BinaryPrimitives.WriteUInt64LittleEndian(header[4..], session);
            BinaryPrimitives.WriteUInt64LittleEndian(header[12..], sequence);
            _length += Batch.RunHeaderBytes;
            _runClient = clientId;
            _runSession = session;
            _runCountSoFar = 0;
            _runCount++;
        }

        _length += VarInt.Write(_buffer.AsSpan(_length), (uint)value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
        _runCountSoFar++;
        _runNextSequence = sequence + 1;
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_runHeaderAt + 20), _runCountSoFar);
        _valueCount++;
        return true;
    }

    /// <summary>Returns the batch built so far and resets the builder.</summary>
    public Batch Build()
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer, (ushort)_runCount);
        byte[] encoded = Batch.CopyUninitialized(_buffer.AsSpan(0, _length));
        Batch batch = Batch.FromTrusted(encoded, _runCount, _valueCount);
        Reset();
        return batch;
    }

    /// <summary>
    /// Returns the batch built so far over the builder's own array, without a copy, and goes on in
    /// <paramref name="next"/>: the caller owns the returned batch's array (<paramref name="used"/>) from now on.
    /// </summary>
    public Batch BuildSwapping(byte[] next, out byte[] used)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentOutOfRangeException.ThrowIfLessThan(next.Length, _limit);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer, (ushort)_runCount);
        used = _buffer;
        Batch batch = Batch.FromTrusted(used.AsMemory(0, _length), _runCount, _valueCount);
        _buffer = next;
        Reset();
        return batch;
    }

    private void Reset()
    {
        _length = 2;
        _runCount = 0;
        _valueCount = 0;
        _runHeaderAt = -1;
    }
}
