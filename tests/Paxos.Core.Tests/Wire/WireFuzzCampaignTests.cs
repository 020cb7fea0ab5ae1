using System.Buffers.Binary;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Acceptors;
using Paxos.Core.Protocol.Clients;
using Paxos.Core.Protocol.Learners;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;
using Paxos.Core.Wire;

namespace Paxos.Core.Tests.Wire;

/// <summary>
/// A million hostile datagrams per run (fixed seed): random bytes, truncations, bit flips and field
/// mutations of valid frames of every type, with and without authentication. Nothing may throw, and
/// every frame that decodes is handed to a live instance of each role, which must not throw either.
/// </summary>
public sealed class WireFuzzCampaignTests
{
    private const int Inputs = 1_000_000;
    private static readonly FrameAuthenticator Key = new(new byte[32]);
    private static readonly int[] FieldWidths = [1, 2, 4, 8];

    [Fact]
    public void A_million_hostile_datagrams_never_throw_in_the_decoder_or_in_any_role()
    {
        var random = new Random(5_000_001);
        byte[][] valid = [.. WireSamples.OneOfEachType().Select(m => WireSamples.Encode(m))];
        var settings = new ProtocolSettings();
        IRole[] roles =
        [
            new Acceptor(1, settings),
            LeadingProposer(settings),
            new Learner(settings),
            new Client(1, 77, settings),
        ];
        var counts = new int[5];
        for (int i = 0; i < Inputs; i++)
        {
            int kind = i % 5;
            byte[] datagram = kind switch
            {
                0 => WireSamples.RandomDatagram(random),
                1 => Truncated(random, valid),
                2 => BitFlipped(random, valid),
                3 => FieldMutated(random, valid),
                _ => Authenticated(random, valid),
            };
            FrameAuthenticator? authenticator = kind == 4 ? Key : null;
            if (!FrameCodec.TryDecode(datagram, WireSamples.ClusterId, authenticator, out Frame frame, out DropReason reason))
            {
                Assert.NotEqual(DropReason.None, reason);
                continue;
            }

            counts[kind]++;
            TimeSpan now = TimeSpan.FromMilliseconds(i / 100.0);
            foreach (IRole role in roles)
            {
                role.Handle(frame.SenderId, frame.Message, now);
                role.Ready.ClearMessages();
                if (i % 1000 == 0)
                {
                    role.Tick(now);
                    role.Ready.ClearMessages();
                }
            }

            ((Learner)roles[2]).Ready.Deliveries.Clear();
        }

        // Each kind of input must produce frames that decode, or it exercised the decoder only.
        Assert.All(counts, count => Assert.True(count > 100, $"decoded per kind: {string.Join(", ", counts)}"));
    }

    [Theory]
    [InlineData(MessageType.ClientRequest)]
    [InlineData(MessageType.Accept)]
    [InlineData(MessageType.Decision)]
    public void A_huge_batch_length_field_costs_no_allocation_beyond_the_datagram(MessageType type)
    {
        // Header, then fields up to the batch length, which claims 4 GB; the datagram holds 64 bytes.
        byte[] datagram = new byte[FrameHeader.Size + 16 + 4 + 64];
        BinaryPrimitives.WriteUInt16LittleEndian(datagram, FrameHeader.Magic);
        datagram[2] = FrameHeader.Version;
        datagram[3] = (byte)type;
        BinaryPrimitives.WriteUInt32LittleEndian(datagram.AsSpan(4), WireSamples.ClusterId);
        int lengthAt = type == MessageType.ClientRequest ? FrameHeader.Size : FrameHeader.Size + 16;
        BinaryPrimitives.WriteUInt32LittleEndian(datagram.AsSpan(lengthAt), 0xFFFF_FFF0);

        AssertDecodeAllocatesLittle(datagram);
    }

    [Fact]
    public void Huge_entry_and_range_counts_cost_no_allocation_beyond_the_datagram()
    {
        byte[] ack = WireSamples.Encode(new ClientAck([new SubmissionRange(1, 2, 3, 4)]));
        BinaryPrimitives.WriteUInt16LittleEndian(ack.AsSpan(FrameHeader.Size), ushort.MaxValue);
        AssertDecodeAllocatesLittle(ack);

        byte[] promise = WireSamples.Encode(new Promise(new Ballot(1, 1), 0, 10, false, []));
        BinaryPrimitives.WriteUInt16LittleEndian(promise.AsSpan(promise.Length - 2), ushort.MaxValue);
        AssertDecodeAllocatesLittle(promise);
    }

    private static void AssertDecodeAllocatesLittle(byte[] datagram)
    {
        FrameCodec.TryDecode(datagram, WireSamples.ClusterId, out _, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool decoded = FrameCodec.TryDecode(datagram, WireSamples.ClusterId, out _, out _);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(decoded);
        Assert.True(allocated <= (2 * datagram.Length) + 1024, $"decoding a {datagram.Length}-byte datagram allocated {allocated} bytes");
    }

    private static Proposer LeadingProposer(ProtocolSettings settings)
    {
        var proposer = new Proposer(1, 3, settings, new Random(1), TimeSpan.Zero);
        TimeSpan start = settings.HeartbeatInterval * 3;
        proposer.Tick(start);
        Ballot ballot = proposer.Ready.Messages.Select(m => m.Message).OfType<Prepare>().Single().Ballot;
        proposer.Ready.ClearMessages();
        proposer.Handle(1, new Promise(ballot, 0, 0, true, []), start);
        proposer.Handle(2, new Promise(ballot, 0, 0, true, []), start);
        proposer.Ready.ClearMessages();
        Assert.Equal(ProposerMode.Leading, proposer.Mode);
        return proposer;
    }

    private static byte[] Truncated(Random random, byte[][] valid)
    {
        byte[] frame = valid[random.Next(valid.Length)];
        return frame[..random.Next(frame.Length + 1)];
    }

    private static byte[] BitFlipped(Random random, byte[][] valid)
    {
        byte[] datagram = (byte[])valid[random.Next(valid.Length)].Clone();
        for (int flips = random.Next(1, 4); flips > 0; flips--)
        {
            int bit = random.Next(datagram.Length * 8);
            datagram[bit / 8] ^= (byte)(1 << (bit % 8));
        }

        return datagram;
    }

    /// <summary>Overwrites one aligned field after the header with a boundary or random value, as a forger would.</summary>
    private static byte[] FieldMutated(Random random, byte[][] valid)
    {
        byte[] datagram = (byte[])valid[random.Next(valid.Length)].Clone();
        int width = FieldWidths[random.Next(FieldWidths.Length)];
        if (datagram.Length - FrameHeader.Size < width)
        {
            return datagram;
        }

        int at = FrameHeader.Size + random.Next(datagram.Length - FrameHeader.Size - width + 1);
        ulong value = random.Next(5) switch
        {
            0 => 0,
            1 => ulong.MaxValue,
            2 => 1UL << ((8 * width) - 1),
            3 => (ulong)random.Next(0, 300),
            _ => (ulong)random.NextInt64(),
        };
        Span<byte> field = datagram.AsSpan(at, width);
        for (int i = 0; i < width; i++)
        {
            field[i] = (byte)(value >> (8 * i));
        }

        return datagram;
    }

    /// <summary>A valid frame tagged with the key, then (mostly) damaged: only intact ones may decode.</summary>
    private static byte[] Authenticated(Random random, byte[][] valid)
    {
        byte[] plain = valid[random.Next(valid.Length)];
        byte[] buffer = new byte[plain.Length + FrameAuthenticator.TagBytes];
        plain.CopyTo(buffer, 0);
        Key.Seal(buffer, plain.Length);
        return random.Next(3) == 0 ? buffer : BitFlipped(random, [buffer]);
    }
}
