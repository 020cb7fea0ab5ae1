using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Wire;

namespace Paxos.Core.Tests.Wire;

public sealed class FrameAuthenticationTests
{
    private static readonly FrameAuthenticator Key = new(Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef"));
    private static readonly FrameAuthenticator OtherKey = new(Encoding.ASCII.GetBytes("fedcba9876543210fedcba9876543210"));

    private static byte[] Sealed(Message message, FrameAuthenticator? authenticator)
    {
        var buffer = new byte[FrameHeader.MaxDatagramBytes];
        int length = FrameCodec.Encode(message, WireSamples.ClusterId, 3, buffer, authenticator);
        return buffer[..length];
    }

    private static DropReason Drop(byte[] datagram, FrameAuthenticator? authenticator)
    {
        Assert.False(FrameCodec.TryDecode(datagram, WireSamples.ClusterId, authenticator, out _, out DropReason reason));
        return reason;
    }

    [Fact]
    public void Every_message_type_round_trips_with_a_key()
    {
        foreach (Message message in WireSamples.OneOfEachType())
        {
            byte[] datagram = Sealed(message, Key);

            Assert.True(FrameCodec.TryDecode(datagram, WireSamples.ClusterId, Key, out Frame frame, out _), message.Type.ToString());
            WireSamples.AssertSameMessage(message, frame.Message);
            Assert.Equal(3, frame.SenderId);
        }
    }

    [Fact]
    public void Sealed_frame_is_the_plain_frame_plus_a_flag_and_a_tag()
    {
        var message = new Accepted(new Ballot(4, 1), 9);
        byte[] plain = Sealed(message, null);
        byte[] sealedFrame = Sealed(message, Key);

        Assert.Equal(plain.Length + FrameAuthenticator.TagBytes, sealedFrame.Length);
        Assert.Equal(plain[3] | FrameAuthenticator.AuthenticatedFlag, sealedFrame[3]);
    }

    [Fact]
    public void Frame_without_a_tag_is_dropped_by_a_keyed_receiver()
    {
        Assert.Equal(DropReason.Unauthenticated, Drop(Sealed(new Accepted(new Ballot(4, 1), 9), null), Key));
    }

    [Fact]
    public void Frame_tagged_with_another_key_is_dropped()
    {
        Assert.Equal(DropReason.Unauthenticated, Drop(Sealed(new Accepted(new Ballot(4, 1), 9), OtherKey), Key));
    }

    [Fact]
    public void Tagged_frame_is_dropped_by_a_receiver_without_the_key()
    {
        Assert.Equal(DropReason.Unauthenticated, Drop(Sealed(new Accepted(new Ballot(4, 1), 9), Key), null));
    }

    [Fact]
    public void Any_flipped_bit_of_a_tagged_frame_is_detected()
    {
        byte[] datagram = Sealed(new Decision(5, 6, WireSamples.MixedBatch()), Key);
        for (int bit = 0; bit < datagram.Length * 8; bit++)
        {
            byte[] flipped = (byte[])datagram.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.False(FrameCodec.TryDecode(flipped, WireSamples.ClusterId, Key, out _, out _), $"bit {bit}");
        }
    }

    [Fact]
    public void Stripping_the_flag_and_tag_does_not_get_a_frame_through()
    {
        byte[] datagram = Sealed(new Accepted(new Ballot(4, 1), 9), Key);
        byte[] stripped = datagram[..^FrameAuthenticator.TagBytes];
        stripped[3] &= unchecked((byte)~FrameAuthenticator.AuthenticatedFlag);

        Assert.Equal(DropReason.Unauthenticated, Drop(stripped, Key));
    }

    [Fact]
    public void Largest_frames_still_fit_one_datagram_with_a_tag()
    {
        var builder = new BatchBuilder();
        Assert.True(builder.TryAdd(1, 2, 3, new byte[WireLimits.MaxValueBytes]));
        ulong sequence = 4;
        while (builder.TryAdd(1, 2, sequence++, new byte[1]))
        {
        }

        Batch largest = builder.Build();
        Assert.True(largest.Encoded.Length >= WireLimits.MaxBatchBytes - 1);
        var promise = new Promise(new Ballot(1, 1), 0, 1, true, [new AcceptedEntry(0, new Ballot(1, 1), largest)]);

        Assert.True(Sealed(promise, Key).Length <= FrameHeader.MaxDatagramBytes);
    }
}
