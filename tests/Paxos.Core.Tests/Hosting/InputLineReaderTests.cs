using Paxos.Core.Hosting;
using Serilog.Core;

namespace Paxos.Core.Tests.Hosting;

public sealed class InputLineReaderTests
{
    private static async Task<long> SettledQueuedBytes(InputLineReader reader)
    {
        // The reader thread fills the queue until a bound stops it; wait until the figure stops moving.
        long last = -1;
        for (int i = 0; i < 200; i++)
        {
            await Task.Delay(20);
            long now = reader.QueuedBytes;
            if (now == last && now > 0)
            {
                return now;
            }

            last = now;
        }

        return reader.QueuedBytes;
    }

    [Fact]
    public async Task Values_waiting_are_bounded_in_bytes_whatever_their_size_and_arrive_whole()
    {
        // 200 lines of 60,000 bytes (12 MB): far below the 8,192-value bound, far above the byte bound.
        const int Lines = 200;
        const int ValueBytes = 60_000;
        var input = new MemoryStream();
        for (int i = 0; i < Lines; i++)
        {
            input.Write(Enumerable.Repeat((byte)('a' + (i % 26)), ValueBytes).ToArray());
            input.WriteByte((byte)'\n');
        }

        input.Position = 0;
        using var reader = new InputLineReader(input, Logger.None, maxQueuedBytes: 1_000_000);

        long waiting = await SettledQueuedBytes(reader);
        Assert.InRange(waiting, ValueBytes, 1_000_000);

        var taken = new List<byte[]>();
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!reader.IsCompleted && DateTime.UtcNow < giveUp)
        {
            if (reader.TryTake(out ReadOnlyMemory<byte> value))
            {
                taken.Add(value.ToArray());
                Assert.True(reader.QueuedBytes <= 1_000_000, $"{reader.QueuedBytes} bytes waiting");
            }
            else
            {
                await Task.Delay(1);
            }
        }

        Assert.Equal(Lines, taken.Count);
        Assert.All(taken.Select((value, i) => (value, i)), pair =>
            Assert.True(pair.value.Length == ValueBytes && pair.value.All(b => b == (byte)('a' + (pair.i % 26)))));
        Assert.Equal(0, reader.QueuedBytes);
    }

    [Fact]
    public async Task A_value_larger_than_the_byte_bound_still_goes_through()
    {
        var input = new MemoryStream([.. Enumerable.Repeat((byte)'x', 5_000), (byte)'\n', (byte)'y', (byte)'\n']);
        using var reader = new InputLineReader(input, Logger.None, maxQueuedBytes: 100);

        var taken = new List<byte[]>();
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!reader.IsCompleted && DateTime.UtcNow < giveUp)
        {
            if (reader.TryTake(out ReadOnlyMemory<byte> value))
            {
                taken.Add(value.ToArray());
            }
            else
            {
                await Task.Delay(1);
            }
        }

        Assert.Equal([5_000, 1], taken.Select(value => value.Length));
    }

    [Fact]
    public async Task Many_small_lines_cross_in_chunks_in_order()
    {
        const int Lines = 20_000; // more than the 8,192 values that may wait, in chunks of up to 256
        var input = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, Lines).Select(i => $"{i}\n"))));
        using var reader = new InputLineReader(input, Logger.None);

        var taken = new List<string>();
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!reader.IsCompleted && DateTime.UtcNow < giveUp)
        {
            if (reader.TryTake(out ReadOnlyMemory<byte> value))
            {
                taken.Add(System.Text.Encoding.ASCII.GetString(value.Span));
            }
            else
            {
                await Task.Delay(1);
            }
        }

        Assert.Equal(Enumerable.Range(0, Lines).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), taken);
        Assert.Equal(0, reader.QueuedBytes);
    }

    [Fact]
    public async Task A_line_is_handed_over_as_soon_as_it_is_read_even_while_the_input_stays_open()
    {
        var server = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        using var client = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, server.ClientSafePipeHandle);
        using var reader = new InputLineReader(client, Logger.None);

        server.Write("first\n"u8);
        server.Flush();

        byte[]? value = null;
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (value is null && DateTime.UtcNow < giveUp)
        {
            if (!reader.TryTake(out ReadOnlyMemory<byte> taken))
            {
                await Task.Delay(5);
                continue;
            }

            value = taken.ToArray();
        }

        Assert.Equal("first"u8.ToArray(), value);
        Assert.False(reader.IsCompleted);

        // Closing the writing end ends the input (and the reading thread, before the reading end is disposed).
        server.Dispose();
        giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!reader.IsCompleted && DateTime.UtcNow < giveUp)
        {
            await Task.Delay(5);
        }

        Assert.True(reader.IsCompleted);
    }

    /// <summary>Line <paramref name="number"/> of the inputs below: its number, then letters that depend on it, <paramref name="length"/> bytes in all.</summary>
    private static byte[] NumberedLine(int number, int length)
    {
        byte[] line = new byte[length];
        System.Text.Encoding.ASCII.GetBytes(number.ToString("D8", System.Globalization.CultureInfo.InvariantCulture)).CopyTo(line, 0);
        for (int i = 8; i < length; i++)
        {
            line[i] = (byte)('a' + ((number + i) % 26));
        }

        return line;
    }

    /// <summary>Hands every value taken to <paramref name="onValue"/> until the input is completed, or <paramref name="limit"/> passed.</summary>
    private static async Task TakeUntilCompleted(InputLineReader reader, TimeSpan limit, Action<ReadOnlyMemory<byte>> onValue)
    {
        var giveUp = DateTime.UtcNow + limit;
        while (!reader.IsCompleted && DateTime.UtcNow < giveUp)
        {
            if (reader.TryTake(out ReadOnlyMemory<byte> value))
            {
                onValue(value);
            }
            else
            {
                await Task.Delay(1);
            }
        }
    }

    private static MemoryStream NumberedInput(int lines, int length)
    {
        var input = new MemoryStream();
        for (int i = 0; i < lines; i++)
        {
            input.Write(NumberedLine(i, length));
            input.WriteByte((byte)'\n');
        }

        input.Position = 0;
        return input;
    }

    [Fact]
    public async Task Blocks_are_reused_once_their_lines_are_released_so_a_long_input_needs_no_more_than_the_pool()
    {
        // 40,000 lines of 1,000 bytes (40 MB) through a pool of four blocks (1 MiB), released 500 lines behind, as
        // a client releases its acknowledged prefix behind its window. Every line is checked as it is taken.
        const int Lines = 40_000;
        const int Length = 1_000;
        using var reader = new InputLineReader(NumberedInput(Lines, Length), Logger.None, maxQueuedBytes: 200_000, maxPooledBytes: 4 * InputLineReader.BlockBytes);

        int taken = 0;
        int released = 0;
        var window = new Queue<ReadOnlyMemory<byte>>();
        await TakeUntilCompleted(reader, TimeSpan.FromSeconds(60), value =>
        {
            Assert.True(value.Span.SequenceEqual(NumberedLine(taken, Length)), $"line {taken} arrived changed");
            taken++;
            window.Enqueue(value);
            if (window.Count > 500)
            {
                // Still intact when released, after 500 later lines were read into the blocks.
                Assert.True(window.Dequeue().Span.SequenceEqual(NumberedLine(released, Length)), $"line {released} was overwritten before its release");
                reader.Release(++released);
            }
        });

        Assert.Equal(Lines, taken);
        Assert.InRange(reader.Blocks, 1, 4);
    }

    [Fact]
    public async Task Without_releases_the_reader_stops_at_the_pool_bound_and_the_values_held_keep_their_bytes()
    {
        // 8 MB of input through a pool of four blocks, none released: the reader must stop once the blocks are
        // full, without overwriting a value the taker still holds; releasing them lets it finish.
        const int Lines = 8_000;
        const int Length = 1_000;
        using var reader = new InputLineReader(NumberedInput(Lines, Length), Logger.None, maxPooledBytes: 4 * InputLineReader.BlockBytes);

        // Until all four blocks exist and nothing more came for 300 ms (a slow machine may starve the reader a
        // while). Quiet is judged only after a take that found nothing: a starved test thread that wakes late
        // must look before it concludes that nothing came.
        var held = new List<ReadOnlyMemory<byte>>();
        DateTime lastTaken = DateTime.UtcNow;
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < limit)
        {
            if (reader.TryTake(out ReadOnlyMemory<byte> value))
            {
                held.Add(value);
                lastTaken = DateTime.UtcNow;
            }
            else if (reader.Blocks == 4 && held.Count > 0 && DateTime.UtcNow - lastTaken >= TimeSpan.FromMilliseconds(300))
            {
                break;
            }
            else
            {
                await Task.Delay(1);
            }
        }

        Assert.InRange(held.Count, 1, 4 * InputLineReader.BlockBytes / Length);
        Assert.False(reader.IsCompleted);
        Assert.Equal(4, reader.Blocks);
        for (int i = 0; i < held.Count; i++)
        {
            Assert.True(held[i].Span.SequenceEqual(NumberedLine(i, Length)), $"held line {i} was overwritten");
        }

        int taken = held.Count;
        reader.Release(taken);
        await TakeUntilCompleted(reader, TimeSpan.FromSeconds(30), value =>
        {
            Assert.True(value.Span.SequenceEqual(NumberedLine(taken, Length)), $"line {taken} arrived changed");
            taken++;
            reader.Release(taken);
        });

        Assert.Equal(Lines, taken);
    }
}
