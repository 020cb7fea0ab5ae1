using Paxos.Core.Hosting;

namespace Paxos.Core.Tests.Hosting;

public sealed class WholeLineWriterTests
{
    /// <summary>Records each write separately, as a process killed between two writes would leave them.</summary>
    private sealed class WriteRecorder : MemoryStream
    {
        public List<byte[]> Writes { get; } = [];

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes.Add(buffer.AsSpan(offset, count).ToArray());
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes.Add(buffer.ToArray());
            base.Write(buffer);
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(4096)]
    [InlineData(1 << 18)]
    public void Every_write_ends_at_a_line_end_and_the_bytes_are_exact(int capacity)
    {
        var random = new Random(7);
        var recorder = new WriteRecorder();
        var expected = new MemoryStream();
        using (var writer = new WholeLineWriter(recorder, capacity))
        {
            for (int i = 0; i < 2000; i++)
            {
                // Mostly short values, some longer than the buffer, some empty.
                int length = random.Next(10) == 0 ? random.Next(0, 70_000) : random.Next(0, 40);
                byte[] value = new byte[length];
                random.NextBytes(value);
                value.AsSpan().Replace((byte)'\n', (byte)'x');
                writer.WriteLine(value);
                expected.Write(value);
                expected.WriteByte((byte)'\n');
                if (i % 97 == 0)
                {
                    writer.Flush();
                }
            }
        }

        Assert.Equal(expected.ToArray(), recorder.ToArray());
        Assert.All(recorder.Writes, write => Assert.Equal((byte)'\n', write[^1]));
    }

    [Fact]
    public void Nothing_is_written_until_a_flush_or_a_full_buffer()
    {
        var recorder = new WriteRecorder();
        var writer = new WholeLineWriter(recorder, 10);

        writer.WriteLine("abc"u8);
        writer.WriteLine("def"u8);
        Assert.Empty(recorder.Writes);
        Assert.Equal(8, writer.Buffered);

        // "ghi\n" does not fit beside the 8 buffered bytes: the two whole lines go out first.
        writer.WriteLine("ghi"u8);
        Assert.Equal("abc\ndef\n"u8.ToArray(), Assert.Single(recorder.Writes));

        writer.Flush();
        Assert.Equal("ghi\n"u8.ToArray(), recorder.Writes[1]);
    }
}
