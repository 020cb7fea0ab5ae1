using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Wire;

namespace Paxos.Core.Tests.Wire;

public sealed class FrameCodecRoundTripTests
{
    public static TheoryData<int> SampleIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < WireSamples.OneOfEachType().Count(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Fact]
    public void Samples_cover_every_message_type()
    {
        var covered = WireSamples.OneOfEachType().Select(m => m.Type).ToHashSet();

        Assert.Equal(Enum.GetValues<MessageType>().ToHashSet(), covered);
    }

    [Theory]
    [MemberData(nameof(SampleIndexes))]
    public void Every_message_type_round_trips_with_all_fields_equal(int index)
    {
        Message original = WireSamples.OneOfEachType().ElementAt(index);

        byte[] datagram = WireSamples.Encode(original, senderId: 3);
        Message decoded = WireSamples.Decode(datagram, expectedSender: 3);

        WireSamples.AssertSameMessage(original, decoded);
    }

    [Theory]
    [MemberData(nameof(SampleIndexes))]
    public void Decoded_message_encodes_to_the_same_bytes(int index)
    {
        byte[] datagram = WireSamples.Encode(WireSamples.OneOfEachType().ElementAt(index));

        byte[] again = WireSamples.Encode(WireSamples.Decode(datagram));

        Assert.Equal(datagram, again);
    }

    [Fact]
    public void Header_carries_magic_version_type_cluster_and_sender()
    {
        byte[] datagram = WireSamples.Encode(new Accepted(new Ballot(1, 1), 5), senderId: 0x01020304, clusterId: 0xA1B2C3D4);

        Assert.Equal(new byte[] { 0x50, 0x58, FrameHeader.Version, (byte)MessageType.Accepted, 0xD4, 0xC3, 0xB2, 0xA1, 0x04, 0x03, 0x02, 0x01 }, datagram[..FrameHeader.Size]);
    }

    [Fact]
    public void Largest_sender_id_round_trips()
    {
        byte[] datagram = WireSamples.Encode(new Heartbeat(Ballot.Zero, 0), senderId: int.MaxValue);

        Assert.True(FrameCodec.TryDecode(datagram, WireSamples.ClusterId, out Frame frame, out _));
        Assert.Equal(int.MaxValue, frame.SenderId);
    }

    [Fact]
    public void Empty_values_survive_byte_exact()
    {
        Batch batch = WireSamples.BatchOf((1, 1, 0, []), (1, 1, 1, []), (1, 1, 2, []));

        var decoded = (ClientRequest)WireSamples.Decode(WireSamples.Encode(new ClientRequest(batch)));

        Assert.Equal(3, decoded.Batch.ValueCount);
        Assert.All(WireSamples.Values(decoded.Batch), v => Assert.Empty(v.Value));
        Assert.Equal(new ulong[] { 0, 1, 2 }, WireSamples.Values(decoded.Batch).Select(v => v.Sequence));
    }

    [Fact]
    public void Every_byte_value_survives_byte_exact()
    {
        byte[] allBytes = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        Batch batch = WireSamples.BatchOf((9, 3, 100, allBytes), (9, 3, 101, [10]), (9, 3, 102, [13, 10]));

        var decoded = (Decision)WireSamples.Decode(WireSamples.Encode(new Decision(1, 1, batch)));

        var values = WireSamples.Values(decoded.Batch);
        Assert.Equal(allBytes, values[0].Value);
        Assert.Equal(new byte[] { 10 }, values[1].Value);
        Assert.Equal(new byte[] { 13, 10 }, values[2].Value);
    }

    [Fact]
    public void Largest_value_round_trips_in_every_frame_that_carries_a_batch()
    {
        byte[] value = new byte[WireLimits.MaxValueBytes];
        new Random(7).NextBytes(value);
        Batch batch = WireSamples.BatchOf((1, 2, 3, value));
        Message[] carriers =
        [
            new ClientRequest(batch),
            new Accept(new Ballot(2, 1), 10, batch),
            new Decision(10, 11, batch),
            new Promise(new Ballot(2, 1), 10, 11, true, [new AcceptedEntry(10, new Ballot(1, 2), batch)]),
        ];

        foreach (Message message in carriers)
        {
            byte[] datagram = WireSamples.Encode(message);
            Assert.True(datagram.Length <= FrameHeader.MaxDatagramBytes);
            Message decoded = WireSamples.Decode(datagram);
            WireSamples.AssertSameMessage(message, decoded);
        }
    }

    [Fact]
    public void Largest_batch_fits_a_datagram_even_in_a_promise()
    {
        // A batch filled up to the limit with many values.
        var builder = new BatchBuilder();
        ulong sequence = 0;
        while (builder.TryAdd(1, 1, sequence, new byte[100]))
        {
            sequence++;
        }

        Batch full = builder.Build();
        Assert.True(full.Encoded.Length > WireLimits.MaxBatchBytes - 200);

        var promise = new Promise(new Ballot(3, 1), 0, 1, true, [new AcceptedEntry(0, new Ballot(2, 2), full)]);
        byte[] datagram = WireSamples.Encode(promise);

        Assert.True(datagram.Length <= FrameHeader.MaxDatagramBytes);
        WireSamples.AssertSameMessage(promise, WireSamples.Decode(datagram));
    }

    [Fact]
    public void Decoded_batch_does_not_alias_the_receive_buffer()
    {
        Batch batch = WireSamples.BatchOf((1, 1, 0, WireSamples.Utf8("abc")));
        byte[] datagram = WireSamples.Encode(new ClientRequest(batch));
        var decoded = (ClientRequest)WireSamples.Decode(datagram);

        Array.Fill(datagram, (byte)0xEE);

        Assert.Equal(WireSamples.Utf8("abc"), WireSamples.Values(decoded.Batch)[0].Value);
    }

    [Theory]
    [InlineData(RoleGroup.Clients)]
    [InlineData(RoleGroup.Proposers)]
    [InlineData(RoleGroup.Acceptors)]
    [InlineData(RoleGroup.Learners)]
    public void Catch_up_request_round_trips_every_reply_group(RoleGroup replyTo)
    {
        var request = new CatchUpRequest(77, replyTo);

        Assert.Equal(request, WireSamples.Decode(WireSamples.Encode(request)));
    }

    [Fact]
    public void Client_ack_without_ranges_round_trips()
    {
        var ack = new ClientAck([]);

        Assert.Empty(((ClientAck)WireSamples.Decode(WireSamples.Encode(ack))).Ranges);
    }

    [Fact]
    public void Client_ack_with_most_ranges_a_proposer_sends_fits_a_datagram()
    {
        var ranges = Enumerable.Range(0, 2_700).Select(i => new SubmissionRange((uint)i, 1, (ulong)i, 1)).ToArray();

        byte[] datagram = WireSamples.Encode(new ClientAck(ranges));

        Assert.True(datagram.Length <= FrameHeader.MaxDatagramBytes);
        Assert.Equal(ranges, ((ClientAck)WireSamples.Decode(datagram)).Ranges);
    }
}
