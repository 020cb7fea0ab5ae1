using System.Buffers.Binary;
using Paxos.Core.Protocol;

namespace Paxos.Core.Tests.Wire;

public sealed class BatchParseTests
{
    /// <summary>Writes a batch by hand: run count, then each run's header and the raw bytes of its values.</summary>
    private static byte[] RawBatch(ushort runCount, params (uint Count, byte[] Values)[] runs)
    {
        var bytes = new List<byte>();
        byte[] u16 = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(u16, runCount);
        bytes.AddRange(u16);
        foreach ((uint count, byte[] values) in runs)
        {
            byte[] header = new byte[24];
            BinaryPrimitives.WriteUInt32LittleEndian(header, 1);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(4), 2);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(12), 3);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), count);
            bytes.AddRange(header);
            bytes.AddRange(values);
        }

        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    [Fact]
    public void Well_formed_hand_written_batch_parses()
    {
        byte[] raw = RawBatch(2, (2, [1, (byte)'a', 0]), (1, [2, (byte)'b', (byte)'c']));

        Assert.True(Batch.TryParse(raw, out Batch batch));

        Assert.Equal(2, batch.RunCount);
        Assert.Equal(3, batch.ValueCount);
        Assert.Equal(new[] { "61", "", "6263" }, WireSamples.Described(batch).Select(v => v.Hex));
    }

    [Fact]
    public void Empty_batch_parses_as_the_no_op()
    {
        Assert.True(Batch.TryParse(new byte[2], out Batch batch));
        Assert.Equal(0, batch.ValueCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Fewer_than_two_bytes_are_rejected(int length) =>
        Assert.False(Batch.TryParse(new byte[length], out _));

    [Fact]
    public void Batch_longer_than_the_wire_limit_is_rejected()
    {
        // Two values, each within the value limit, that together make the batch one byte too long.
        byte[] first = Concat([0xE8, 0xFB, 0x03], new byte[WireLimits.MaxValueBytes]); // varint 65,000
        int secondLength = WireLimits.MaxBatchBytes + 1 - 2 - 24 - first.Length - 2;
        byte[] prefix = new byte[3];
        Assert.Equal(2, WriteVarInt(prefix, (uint)secondLength));
        byte[] raw = RawBatch(1, (2, Concat(first, prefix[..2], new byte[secondLength])));
        Assert.Equal(WireLimits.MaxBatchBytes + 1, raw.Length);

        Assert.False(Batch.TryParse(raw, out _));

        // The same shape one byte shorter is fine: only the total length was wrong.
        byte[] fits = RawBatch(1, (2, Concat(first, prefix[..2], new byte[secondLength - 1])));
        fits[2 + 24 + first.Length] = (byte)(((secondLength - 1) & 0x7F) | 0x80);
        Assert.True(Batch.TryParse(fits, out _));
    }

    [Fact]
    public void Every_truncation_of_a_valid_batch_is_rejected()
    {
        byte[] valid = WireSamples.MixedBatch().Encoded.ToArray();
        Assert.True(Batch.TryParse(valid, out _));

        for (int length = 0; length < valid.Length; length++)
        {
            Assert.False(Batch.TryParse(valid.AsMemory(0, length), out _), $"truncated to {length} bytes");
        }
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        byte[] valid = WireSamples.MixedBatch().Encoded.ToArray();

        Assert.False(Batch.TryParse(Concat(valid, [0]), out _));
        Assert.False(Batch.TryParse(new byte[] { 0, 0, 0 }, out _));
    }

    [Fact]
    public void Run_count_larger_than_the_runs_present_is_rejected()
    {
        byte[] raw = RawBatch(2, (1, [1, 7]));

        Assert.False(Batch.TryParse(raw, out _));
    }

    [Fact]
    public void Value_count_larger_than_the_bytes_left_is_rejected()
    {
        // Four bytes follow the header: at most four values could fit, so a count of five is a lie.
        Assert.False(Batch.TryParse(RawBatch(1, (5, [0, 0, 0, 0])), out _));
        Assert.False(Batch.TryParse(RawBatch(1, (uint.MaxValue, [0, 0, 0, 0])), out _));
        Assert.True(Batch.TryParse(RawBatch(1, (4, [0, 0, 0, 0])), out _));
    }

    [Fact]
    public void Run_without_values_is_rejected()
    {
        Assert.False(Batch.TryParse(RawBatch(1, (0, [])), out _));
    }

    [Fact]
    public void Value_length_beyond_the_bytes_present_is_rejected()
    {
        Assert.False(Batch.TryParse(RawBatch(1, (1, [5, 1, 2, 3, 4])), out _));
        Assert.True(Batch.TryParse(RawBatch(1, (1, [4, 1, 2, 3, 4])), out _));
    }

    [Fact]
    public void Value_longer_than_the_value_limit_is_rejected_even_when_its_bytes_are_present()
    {
        byte[] RunOfOneValue(int length)
        {
            byte[] prefix = new byte[3];
            int prefixLength = WriteVarInt(prefix, (uint)length);
            return RawBatch(1, (1, Concat(prefix[..prefixLength], new byte[length])));
        }

        Assert.True(Batch.TryParse(RunOfOneValue(WireLimits.MaxValueBytes), out Batch largest));
        Assert.Equal(WireLimits.MaxValueBytes, WireSamples.Values(largest)[0].Value.Length);

        byte[] tooLong = RunOfOneValue(WireLimits.MaxValueBytes + 1);
        Assert.True(tooLong.Length <= WireLimits.MaxBatchBytes, "only the value limit is exceeded");
        Assert.False(Batch.TryParse(tooLong, out _));
    }

    [Fact]
    public void Varint_longer_than_five_bytes_is_rejected()
    {
        // Six bytes all with the continuation bit, then plenty of payload.
        byte[] raw = RawBatch(1, (1, Concat([0x80, 0x80, 0x80, 0x80, 0x80, 0x00], new byte[64])));

        Assert.False(Batch.TryParse(raw, out _));
    }

    [Fact]
    public void Varint_whose_fifth_byte_overflows_32_bits_is_rejected()
    {
        byte[] raw = RawBatch(1, (1, Concat([0x81, 0x80, 0x80, 0x80, 0x10], new byte[64])));

        Assert.False(Batch.TryParse(raw, out _));
    }

    [Fact]
    public void Padded_varint_is_rejected_so_every_frame_has_one_encoding()
    {
        // 0x81 0x00 would also read as 1; only the minimal form 0x01 is accepted.
        Assert.False(Batch.TryParse(RawBatch(1, (1, [0x81, 0x00, 7])), out _));
        Assert.True(Batch.TryParse(RawBatch(1, (1, [0x01, 7])), out _));
    }

    [Fact]
    public void Varint_cut_off_by_the_end_of_the_batch_is_rejected()
    {
        Assert.False(Batch.TryParse(RawBatch(1, (1, [0x80])), out _));
        Assert.False(Batch.TryParse(RawBatch(1, (1, [0xFF, 0xFF])), out _));
    }

    [Fact]
    public void Rejected_parse_returns_the_empty_batch()
    {
        Assert.False(Batch.TryParse(new byte[] { 1, 0 }, out Batch batch));

        Assert.Same(Batch.Empty, batch);
    }

    private static int WriteVarInt(byte[] destination, uint value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }
}
