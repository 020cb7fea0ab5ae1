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
}
