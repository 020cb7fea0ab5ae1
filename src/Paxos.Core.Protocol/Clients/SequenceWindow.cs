using System.Diagnostics.CodeAnalysis;

namespace Paxos.Core.Protocol.Clients;

/// <summary>
/// A client's pending submissions by sequence number, in a ring indexed by sequence instead of a hash table:
/// a lookup is a bounds check and an array read. Sequences are added in order, one after another (a client
/// numbers its submissions densely), and removed in any order; the oldest one still held is tracked as removals
/// pass it. The ring doubles when the span from the oldest held to the newest outgrows it, so its size follows
/// that span (about the window, unless one submission stays pending while many after it are acknowledged).
/// </summary>
/// <typeparam name="T">What is held per sequence.</typeparam>
internal sealed class SequenceWindow<T>
    where T : class
{
    private T?[] _slots;
    private ulong _oldest;
    private ulong _end;

    /// <summary>An empty window whose first sequence will be <paramref name="first"/>.</summary>
    public SequenceWindow(ulong first, int initialCapacity = 1_024)
    {
        _slots = new T?[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(initialCapacity, 2))];
        _oldest = first;
        _end = first;
    }

    /// <summary>Sequences held.</summary>
    public int Count { get; private set; }

    /// <summary>The lowest sequence held, or the next to be added when none is.</summary>
    public ulong Oldest => _oldest;

    /// <summary>Slots in the ring (for tests: it grows with the span held).</summary>
    public int Capacity => _slots.Length;

    private ulong Mask => (ulong)_slots.Length - 1;

    /// <summary>Adds <paramref name="item"/> under <paramref name="sequence"/>, which must follow the last one added.</summary>
    public void Add(ulong sequence, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (sequence != _end)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), $"sequences are added in order: expected {_end}");
        }

        if (_end - _oldest >= (ulong)_slots.Length)
        {
            Grow();
        }

        _slots[sequence & Mask] = item;
        _end++;
        Count++;
    }

    /// <summary>Finds what is held under <paramref name="sequence"/>.</summary>
    public bool TryGetValue(ulong sequence, [NotNullWhen(true)] out T? item)
    {
        item = sequence >= _oldest && sequence < _end ? _slots[sequence & Mask] : null;
        return item is not null;
    }

    /// <summary>Whether <paramref name="sequence"/> is held.</summary>
    public bool ContainsKey(ulong sequence) => TryGetValue(sequence, out _);

    /// <summary>What is held under <paramref name="sequence"/>; it must be held.</summary>
    public T this[ulong sequence] => TryGetValue(sequence, out T? item) ? item : throw new KeyNotFoundException($"sequence {sequence} is not held");

    /// <summary>Removes what is held under <paramref name="sequence"/>, if anything.</summary>
    public bool Remove(ulong sequence, [NotNullWhen(true)] out T? item)
    {
        if (!TryGetValue(sequence, out item))
        {
            return false;
        }

        _slots[sequence & Mask] = null;
        Count--;
        while (_oldest < _end && _slots[_oldest & Mask] is null)
        {
            _oldest++;
        }

        return true;
    }

    private void Grow()
    {
        var bigger = new T?[_slots.Length * 2];
        ulong biggerMask = (ulong)bigger.Length - 1;
        for (ulong sequence = _oldest; sequence < _end; sequence++)
        {
            bigger[sequence & biggerMask] = _slots[sequence & Mask];
        }

        _slots = bigger;
    }
}
