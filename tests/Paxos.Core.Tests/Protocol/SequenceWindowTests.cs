using Paxos.Core.Protocol.Clients;

namespace Paxos.Core.Tests.Protocol;

public sealed class SequenceWindowTests
{
    [Fact]
    public void Holds_sequences_added_in_order_and_removed_in_any_order()
    {
        var window = new SequenceWindow<string>(first: 100, initialCapacity: 4);
        Assert.Equal(100UL, window.Oldest);
        for (ulong sequence = 100; sequence < 104; sequence++)
        {
            window.Add(sequence, $"v{sequence}");
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => window.Add(110, "gap"));
        Assert.Equal(4, window.Count);
        Assert.False(window.TryGetValue(99, out _));
        Assert.False(window.TryGetValue(104, out _));
        Assert.Equal("v102", window[102]);

        // A removal in the middle leaves the oldest; removing the oldest passes over every gap behind it.
        Assert.True(window.Remove(102, out string? removed));
        Assert.Equal("v102", removed);
        Assert.False(window.Remove(102, out _));
        Assert.False(window.ContainsKey(102));
        Assert.Equal(100UL, window.Oldest);
        Assert.True(window.Remove(101, out _));
        Assert.True(window.Remove(100, out _));
        Assert.Equal(103UL, window.Oldest);
        Assert.True(window.Remove(103, out _));
        Assert.Equal(104UL, window.Oldest); // empty: the next to be added
        Assert.Equal(0, window.Count);
    }

    [Fact]
    public void Grows_when_one_old_sequence_stays_while_many_after_it_come_and_go()
    {
        var window = new SequenceWindow<string>(first: 0, initialCapacity: 4);
        window.Add(0, "stays");
        for (ulong sequence = 1; sequence < 1_000; sequence++)
        {
            window.Add(sequence, "passes");
            Assert.True(window.Remove(sequence, out _));
        }

        // The ring wrapped many times over without the old entry, or the new ones, being overwritten.
        Assert.Equal("stays", window[0]);
        Assert.Equal(1, window.Count);
        Assert.Equal(1_024, window.Capacity);
        window.Add(1_000, "last");
        Assert.True(window.Remove(0, out _));
        Assert.Equal(1_000UL, window.Oldest);
        Assert.Equal("last", window[1_000]);
    }
}
