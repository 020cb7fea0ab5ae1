using System.Buffers.Binary;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Wire;

namespace Paxos.Core.Tests.Wire;

public sealed class FrameDecodeRejectionTests
{
    private static DropReason Drop(ReadOnlySpan<byte> datagram)
    {
        bool decoded = FrameCodec.TryDecode(datagram, WireSamples.ClusterId, out Frame frame, out DropReason reason);
        Assert.False(decoded, $"decoded as {frame.Message?.Type}");
        Assert.NotEqual(DropReason.None, reason);
        return reason;
    }

    private static byte[] ValidHeartbeat() => WireSamples.Encode(new Heartbeat(new Ballot(1, 2), 3));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(11)]
    public void Datagram_shorter_than_a_header_is_foreign(int length) =>
        Assert.Equal(DropReason.Foreign, Drop(ValidHeartbeat().AsSpan(0, length)));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Wrong_magic_is_foreign(int byteIndex)
    {
        byte[] datagram = ValidHeartbeat();
        datagram[byteIndex] ^= 0x01;

        Assert.Equal(DropReason.Foreign, Drop(datagram));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)] // before ballots carried the proposer's incarnation
    [InlineData(2)] // before Accept and Accepted carried the copy number
    [InlineData(4)]
    [InlineData(255)]
    public void Other_version_is_dropped_as_wrong_version(byte version)
    {
        byte[] datagram = ValidHeartbeat();
        datagram[2] = version;

        Assert.Equal(DropReason.WrongVersion, Drop(datagram));
    }

    [Fact]
    public void Other_cluster_id_is_dropped_as_other_cluster()
    {
        byte[] datagram = WireSamples.Encode(new Heartbeat(new Ballot(1, 2), 3), clusterId: WireSamples.ClusterId + 1);

        Assert.Equal(DropReason.OtherCluster, Drop(datagram));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(127)]
    public void Unknown_message_type_is_malformed(byte type)
    {
        byte[] datagram = ValidHeartbeat();
        datagram[3] = type;

        Assert.Equal(DropReason.Malformed, Drop(datagram));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(255)]
    public void Type_byte_with_the_authenticated_flag_is_unauthenticated_without_a_key(byte type)
    {
        byte[] datagram = ValidHeartbeat();
        datagram[3] = type;

        Assert.Equal(DropReason.Unauthenticated, Drop(datagram));
    }

    [Fact]
    public void Sender_id_above_int_max_is_malformed()
    {
        byte[] datagram = ValidHeartbeat();
        BinaryPrimitives.WriteUInt32LittleEndian(datagram.AsSpan(8), 0x8000_0000);

        Assert.Equal(DropReason.Malformed, Drop(datagram));
    }

    public static TheoryData<int> SampleIndexes() => FrameCodecRoundTripTests.SampleIndexes();

    [Theory]
    [MemberData(nameof(SampleIndexes))]
    public void Every_truncation_of_a_valid_frame_is_dropped_without_throwing(int index)
    {
        byte[] valid = WireSamples.Encode(WireSamples.OneOfEachType().ElementAt(index));

        for (int length = 0; length < valid.Length; length++)
        {
            DropReason expected = length < FrameHeader.Size ? DropReason.Foreign : DropReason.Malformed;
            Assert.True(expected == Drop(valid.AsSpan(0, length)), $"truncated to {length} of {valid.Length} bytes");
        }
    }

    [Theory]
    [MemberData(nameof(SampleIndexes))]
    public void A_trailing_byte_makes_any_frame_malformed(int index)
    {
        byte[] valid = WireSamples.Encode(WireSamples.OneOfEachType().ElementAt(index));

        Assert.Equal(DropReason.Malformed, Drop([.. valid, 0]));
    }

    [Fact]
    public void Instance_above_the_signed_range_is_malformed()
    {
        byte[] datagram = WireSamples.Encode(new Accepted(new Ballot(1, 1), 5));
        BinaryPrimitives.WriteUInt64LittleEndian(datagram.AsSpan(FrameHeader.Size + Ballot.EncodedBytes), 1UL << 63);

        Assert.Equal(DropReason.Malformed, Drop(datagram));
    }

    [Fact]
    public void Prepare_target_that_is_neither_an_id_nor_all_acceptors_is_malformed()
    {
        byte[] datagram = WireSamples.Encode(new Prepare(new Ballot(1, 1), 0, 2));
        BinaryPrimitives.WriteUInt32LittleEndian(datagram.AsSpan(FrameHeader.Size + Ballot.EncodedBytes + 8), 0xFFFF_FFFE);

        Assert.Equal(DropReason.Malformed, Drop(datagram));
    }

    [Fact]
    public void Catch_up_request_for_an_unknown_group_is_malformed()
    {
        byte[] datagram = WireSamples.Encode(new CatchUpRequest(0, Paxos.Core.Protocol.RoleGroup.Learners));
        datagram[FrameHeader.Size + 8] = 4;

        Assert.Equal(DropReason.Malformed, Drop(datagram));
    }

    private const int PromiseCompleteOffset = FrameHeader.Size + Ballot.EncodedBytes + 8 + 8;

    [Fact]
    public void Promise_complete_flag_other_than_zero_or_one_is_malformed()
    {
        byte[] datagram = WireSamples.Encode(new Promise(new Ballot(2, 1), 0, 0, true, []));
        datagram[PromiseCompleteOffset] = 2;

        Assert.Equal(DropReason.Malformed, Drop(datagram));
    }

    [Fact]
    public void Promise_ending_before_it_starts_is_malformed()
    {
        byte[] datagram = WireSamples.Encode(new Promise(new Ballot(2, 1), 10, 10, true, []));
        BinaryPrimitives.WriteInt64LittleEndian(datagram.AsSpan(FrameHeader.Size + Ballot.EncodedBytes + 8), 9);

        Assert.Equal(DropReason.Malformed, Drop(datagram));
    }

    [Theory]
    [InlineData(9)]   // before FromInstance
    [InlineData(20)]  // at NextInstance, which the chunk does not cover
    public void Promise_entry_outside_the_chunk_range_is_malformed(long instance)
    {
        var entry = new AcceptedEntry(instance, new Ballot(1, 1), Batch.Empty);
        byte[] datagram = WireSamples.Encode(new Promise(new Ballot(2, 1), 10, 20, false, [entry]));

        Assert.Equal(DropReason.Malformed, Drop(datagram));
    }

    [Fact]
    public void Promise_entry_count_larger_than_the_bytes_present_is_malformed()
    {
        byte[] datagram = WireSamples.Encode(new Promise(new Ballot(2, 1), 0, 0, true, []));
        BinaryPrimitives.WriteUInt16LittleEndian(datagram.AsSpan(PromiseCompleteOffset + 1), ushort.MaxValue);

        Assert.Equal(DropReason.Malformed, Drop(datagram));
    }

    [Fact]
    public void Client_ack_range_count_that_disagrees_with_the_bytes_is_malformed()
    {
        byte[] datagram = WireSamples.Encode(new ClientAck([new SubmissionRange(1, 1, 1, 1)]));
        BinaryPrimitives.WriteUInt16LittleEndian(datagram.AsSpan(FrameHeader.Size), 2);

        Assert.Equal(DropReason.Malformed, Drop(datagram));
    }

    [Fact]
    public void Batch_length_beyond_the_wire_limit_is_malformed()
    {
        byte[] datagram = WireSamples.Encode(new ClientRequest(Batch.Empty));
        BinaryPrimitives.WriteUInt32LittleEndian(datagram.AsSpan(FrameHeader.Size), uint.MaxValue);

        Assert.Equal(DropReason.Malformed, Drop(datagram));
    }

    [Fact]
    public void Frame_whose_batch_is_invalid_is_malformed()
    {
        // A ClientRequest whose batch claims one run but carries none.
        byte[] datagram = WireSamples.Encode(new ClientRequest(Batch.Empty));
        datagram[FrameHeader.Size + 4] = 1;

        Assert.Equal(DropReason.Malformed, Drop(datagram));
    }

    [Fact]
    public void Rejected_decode_leaves_no_frame()
    {
        Assert.False(FrameCodec.TryDecode(new byte[3], WireSamples.ClusterId, out Frame frame, out _));

        Assert.Null(frame.Message);
    }
}
