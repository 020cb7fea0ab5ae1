using Paxos.Core.Protocol;

namespace Paxos.Core.Tests.Wire;

public sealed class BatchBuilderTests
{
    [Fact]
    public void Consecutive_sequences_of_one_session_share_a_run()
    {
        var builder = new BatchBuilder();
        builder.TryAdd(1, 7, 10, [1]);
        builder.TryAdd(1, 7, 11, [2]);
        builder.TryAdd(1, 7, 12, [3]);

        Batch batch = builder.Build();

        Assert.Equal(1, batch.RunCount);
        Assert.Equal(3, batch.ValueCount);
        Assert.Equal([new SubmissionRange(1, 7, 10, 3)], WireSamples.Runs(batch));
        Assert.Equal(new ulong[] { 10, 11, 12 }, WireSamples.Values(batch).Select(v => v.Sequence));
    }

    [Theory]
    [InlineData(2u, 7ul, 11ul)] // other client
    [InlineData(1u, 8ul, 11ul)] // other session
    [InlineData(1u, 7ul, 12ul)] // sequence gap
    [InlineData(1u, 7ul, 10ul)] // same sequence again
    [InlineData(1u, 7ul, 9ul)]  // sequence going back
    public void A_submission_that_does_not_continue_the_run_opens_a_new_run(uint client, ulong session, ulong sequence)
    {
        var builder = new BatchBuilder();
        builder.TryAdd(1, 7, 10, [1]);
        builder.TryAdd(client, session, sequence, [2]);

        Batch batch = builder.Build();

        Assert.Equal(2, batch.RunCount);
        Assert.Equal([new SubmissionRange(1, 7, 10, 1), new SubmissionRange(client, session, sequence, 1)], WireSamples.Runs(batch));
        Assert.Equal(new byte[] { 2 }, WireSamples.Values(batch)[1].Value);
    }

    [Fact]
    public void Only_the_last_run_can_be_continued()
    {
        var builder = new BatchBuilder();
        builder.TryAdd(1, 7, 0, [1]);
        builder.TryAdd(2, 7, 0, [2]);
        builder.TryAdd(1, 7, 1, [3]);

        Assert.Equal(3, builder.Build().RunCount);
    }

    [Fact]
    public void Batch_size_is_the_sum_of_run_headers_and_length_prefixed_values()
    {
        var builder = new BatchBuilder();
        builder.TryAdd(1, 1, 0, new byte[5]);
        builder.TryAdd(1, 1, 1, new byte[200]);
        builder.TryAdd(2, 1, 0, []);

        int expected = 2 + (2 * 24) + (1 + 5) + (2 + 200) + (1 + 0);
        Assert.Equal(expected, builder.Length);
        Assert.Equal(expected, builder.Build().Encoded.Length);
    }

    [Fact]
    public void Full_builder_refuses_and_stays_unchanged()
    {
        const int limit = 200;
        var builder = new BatchBuilder(limit);
        ulong sequence = 0;
        while (builder.TryAdd(1, 1, sequence, new byte[10]))
        {
            sequence++;
            Assert.True(builder.Length <= limit);
        }

        int length = builder.Length;
        int count = builder.ValueCount;

        Assert.True(length + 1 + 10 > limit, "the refused value would indeed have overflowed");
        Assert.False(builder.TryAdd(1, 1, sequence, new byte[10]));
        Assert.False(builder.TryAdd(5, 5, 5, []));
        Assert.Equal(length, builder.Length);
        Assert.Equal(count, builder.ValueCount);

        Batch batch = builder.Build();
        Assert.True(batch.Encoded.Length <= limit);
        Assert.Equal(count, batch.ValueCount);
        Assert.True(Batch.TryParse(batch.Encoded, out _));
    }

    [Fact]
    public void A_value_that_exactly_fills_the_limit_fits_and_one_more_byte_does_not()
    {
        int limit = BatchBuilder.EncodedSizeOfSingle(300);

        var builder = new BatchBuilder(limit);
        Assert.False(builder.TryAdd(1, 1, 0, new byte[301]));
        Assert.True(builder.TryAdd(1, 1, 0, new byte[300]));
        Assert.Equal(limit, builder.Length);
        Assert.Equal(limit, builder.Build().Encoded.Length);
    }

    [Fact]
    public void Value_longer_than_the_wire_limit_is_refused()
    {
        var builder = new BatchBuilder();

        Assert.False(builder.TryAdd(1, 1, 0, new byte[WireLimits.MaxValueBytes + 1]));
        Assert.True(builder.TryAdd(1, 1, 0, new byte[WireLimits.MaxValueBytes]));
    }

    [Fact]
    public void Build_resets_the_builder_and_hands_out_an_independent_copy()
    {
        var builder = new BatchBuilder();
        builder.TryAdd(1, 1, 0, [0xAA]);
        Batch first = builder.Build();
        byte[] firstBytes = first.Encoded.ToArray();

        Assert.Equal(0, builder.ValueCount);
        Assert.Equal(2, builder.Length);

        builder.TryAdd(1, 1, 1, [0xBB]);
        Batch second = builder.Build();

        Assert.Equal(firstBytes, first.Encoded.ToArray());
        Assert.Equal(1, second.RunCount);
        Assert.Equal([new SubmissionRange(1, 1, 1, 1)], WireSamples.Runs(second));
    }

    [Fact]
    public void A_run_after_build_does_not_continue_the_previous_batch()
    {
        var builder = new BatchBuilder();
        builder.TryAdd(1, 1, 0, [1]);
        builder.Build();

        builder.TryAdd(1, 1, 1, [2]);
        Batch batch = builder.Build();

        Assert.Equal([new SubmissionRange(1, 1, 1, 1)], WireSamples.Runs(batch));
        Assert.True(Batch.TryParse(batch.Encoded, out _));
    }

    [Fact]
    public void Empty_build_is_the_no_op_batch()
    {
        Batch batch = new BatchBuilder().Build();

        Assert.Equal(Batch.Empty.Encoded.ToArray(), batch.Encoded.ToArray());
        Assert.Equal(0, batch.RunCount);
        Assert.Equal(0, batch.ValueCount);
        Assert.Empty(WireSamples.Values(batch));
    }

    [Fact]
    public void Limit_must_hold_one_empty_value_and_stay_under_the_wire_limit()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchBuilder(BatchBuilder.EncodedSizeOfSingle(0) - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchBuilder(WireLimits.MaxBatchBytes + 1));

        var smallest = new BatchBuilder(BatchBuilder.EncodedSizeOfSingle(0));
        Assert.True(smallest.TryAdd(1, 1, 0, []));
        Assert.False(smallest.TryAdd(1, 1, 1, []));
    }

    [Fact]
    public void Built_batches_parse_back_to_the_same_submissions()
    {
        var random = new Random(11);
        var builder = new BatchBuilder(4_000);
        var added = new List<(uint, ulong, ulong, byte[])>();
        ulong sequence = 0;
        for (int i = 0; i < 200; i++)
        {
            uint client = (uint)random.Next(1, 3);
            sequence = random.Next(4) == 0 ? sequence + 2 : sequence + 1;
            byte[] value = new byte[random.Next(0, 300)];
            random.NextBytes(value);
            if (!builder.TryAdd(client, 9, sequence, value))
            {
                break;
            }

            added.Add((client, 9, sequence, value));
        }

        Batch built = builder.Build();
        Assert.True(Batch.TryParse(built.Encoded.ToArray(), out Batch parsed));

        Assert.Equal(added.Count, parsed.ValueCount);
        Assert.Equal(added.Select(a => (a.Item1, a.Item2, a.Item3, Convert.ToHexString(a.Item4))), WireSamples.Described(parsed));
        Assert.Equal(built.RunCount, parsed.RunCount);
    }
}
