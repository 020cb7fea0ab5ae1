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
            if (reader.TryTake(out byte[] value))
            {
                taken.Add(value);
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
            if (reader.TryTake(out byte[] value))
            {
                taken.Add(value);
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
            if (reader.TryTake(out byte[] value))
            {
                taken.Add(System.Text.Encoding.ASCII.GetString(value));
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
            if (!reader.TryTake(out byte[] taken))
            {
                await Task.Delay(5);
                continue;
            }

            value = taken;
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
}
