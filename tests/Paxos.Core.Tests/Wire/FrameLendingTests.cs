using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Wire;

namespace Paxos.Core.Tests.Wire;

/// <summary>Decoding with batches lent over the datagram (an acceptor's Accepts) against the default copy.</summary>
public sealed class FrameLendingTests
{
    private static byte[] AcceptDatagram() =>
        WireSamples.Encode(new Accept(new Ballot(2, 1), 7, WireSamples.MixedBatch(), Attempt: 3));

    [Fact]
    public void A_lent_batch_is_over_the_datagram_and_says_it_is_borrowed()
    {
        byte[] datagram = AcceptDatagram();

        Assert.True(FrameCodec.TryDecodeLendingBatches(datagram, WireSamples.ClusterId, null, out Frame frame, out DropReason reason), reason.ToString());
        var accept = Assert.IsType<Accept>(frame.Message);
        Assert.True(accept.Batch.IsBorrowed);
        WireSamples.AssertSameBatch(WireSamples.MixedBatch(), accept.Batch);

        // The buffer reused for the next datagram: the lent batch changes with it, an owned copy does not.
        Batch owned = accept.Batch.Owned();
        Array.Fill(datagram, (byte)0);
        Assert.Equal(0, accept.Batch.Encoded.Span[0]);
        Assert.False(owned.IsBorrowed);
        WireSamples.AssertSameBatch(WireSamples.MixedBatch(), owned);
    }

    [Fact]
    public void The_default_decode_copies_the_batch()
    {
        byte[] datagram = AcceptDatagram();

        var accept = Assert.IsType<Accept>(WireSamples.Decode(datagram));
        Array.Fill(datagram, (byte)0);

        Assert.False(accept.Batch.IsBorrowed);
        Assert.Same(accept.Batch, accept.Batch.Owned());
        WireSamples.AssertSameBatch(WireSamples.MixedBatch(), accept.Batch);
    }

    [Theory]
    [MemberData(nameof(FrameCodecRoundTripTests.SampleIndexes), MemberType = typeof(FrameCodecRoundTripTests))]
    public void Every_message_type_decodes_the_same_lent_or_copied(int index)
    {
        Message original = WireSamples.OneOfEachType().ElementAt(index);
        byte[] datagram = WireSamples.Encode(original);

        Assert.True(FrameCodec.TryDecodeLendingBatches(datagram, WireSamples.ClusterId, null, out Frame frame, out DropReason reason), reason.ToString());

        WireSamples.AssertSameMessage(original, frame.Message);
    }

    [Fact]
    public void With_a_key_a_lent_batch_ends_before_the_tag_and_a_forged_frame_is_refused_alike()
    {
        var key = new FrameAuthenticator(Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef"));
        var buffer = new byte[FrameHeader.MaxDatagramBytes];
        var original = new Accept(new Ballot(2, 1), 7, WireSamples.MixedBatch(), Attempt: 3);
        byte[] datagram = buffer[..FrameCodec.Encode(original, WireSamples.ClusterId, 3, buffer, key)];

        Assert.True(FrameCodec.TryDecodeLendingBatches(datagram, WireSamples.ClusterId, key, out Frame frame, out DropReason reason), reason.ToString());
        WireSamples.AssertSameMessage(original, frame.Message);
        Assert.True(((Accept)frame.Message).Batch.IsBorrowed);

        datagram[FrameHeader.Size + 20] ^= 1;
        Assert.False(FrameCodec.TryDecodeLendingBatches(datagram, WireSamples.ClusterId, key, out _, out reason));
        Assert.Equal(DropReason.Unauthenticated, reason);
    }

    [Fact]
    public void A_lent_decode_rejects_what_the_copying_one_rejects()
    {
        var random = new Random(41);
        byte[][] samples = [.. WireSamples.OneOfEachType().Select(m => WireSamples.Encode(m))];
        for (int i = 0; i < 5000; i++)
        {
            // A valid frame with a few bytes changed and perhaps cut short: mostly past the header checks.
            byte[] datagram = (byte[])samples[random.Next(samples.Length)].Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                datagram[random.Next(FrameHeader.Size, datagram.Length)] = (byte)random.Next(256);
            }

            datagram = datagram[..random.Next(FrameHeader.Size, datagram.Length + 1)];
            bool copied = FrameCodec.TryDecode(datagram, WireSamples.ClusterId, out _, out DropReason copiedReason);
            bool lent = FrameCodec.TryDecodeLendingBatches(datagram, WireSamples.ClusterId, null, out _, out DropReason lentReason);

            Assert.Equal(copied, lent);
            Assert.Equal(copiedReason, lentReason);
        }
    }
}
