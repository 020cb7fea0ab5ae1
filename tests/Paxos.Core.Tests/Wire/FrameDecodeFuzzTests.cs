using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Wire;

namespace Paxos.Core.Tests.Wire;

/// <summary>
/// Random and mutated datagrams, with fixed seeds: the decoder must never throw, and whatever it accepts
/// must be a frame it would itself produce (re-encoding gives the same bytes) with batches that enumerate.
/// </summary>
public sealed class FrameDecodeFuzzTests
{
    private const int Iterations = 100_000;

    /// <summary>Decodes and, if accepted, checks the frame is canonical. Returns whether it was accepted.</summary>
    private static bool DecodeChecked(byte[] datagram)
    {
        bool decoded;
        Frame frame;
        DropReason reason;
        try
        {
            decoded = FrameCodec.TryDecode(datagram, WireSamples.ClusterId, out frame, out reason);
        }
        catch (Exception error)
        {
            Assert.Fail($"TryDecode threw {error.GetType().Name} on {Convert.ToHexString(datagram)}: {error.Message}");
            throw;
        }

        if (!decoded)
        {
            Assert.NotEqual(DropReason.None, reason);
            return false;
        }

        Assert.Equal(DropReason.None, reason);
        byte[] again = WireSamples.Encode(frame.Message, frame.SenderId);
        Assert.True(datagram.AsSpan().SequenceEqual(again), $"accepted a non-canonical frame {Convert.ToHexString(datagram)}");
        foreach (Batch batch in BatchesOf(frame.Message))
        {
            int values = 0;
            long bytes = 0;
            foreach (BatchValue value in batch)
            {
                values++;
                bytes += value.Value.Length;
                Assert.True(value.Value.Length <= WireLimits.MaxValueBytes);
            }

            Assert.Equal(batch.ValueCount, values);
            Assert.Equal(batch.RunCount, WireSamples.Runs(batch).Count);
            Assert.True(bytes <= batch.Encoded.Length);
        }

        return true;
    }

    private static IEnumerable<Batch> BatchesOf(Message message) => message switch
    {
        ClientRequest m => [m.Batch],
        Accept m => [m.Batch],
        Decision m => [m.Batch],
        Promise m => m.Entries.Select(e => e.Batch),
        _ => [],
    };

    [Fact]
    public void Random_bytes_never_make_the_decoder_throw()
    {
        var random = new Random(20240601);
        int accepted = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] datagram = WireSamples.RandomDatagram(random);
            if (DecodeChecked(datagram))
            {
                accepted++;
            }
        }

        // Fixed-size bodies (Accepted, Nack, Heartbeat…) of the right length decode from random bytes.
        Assert.InRange(accepted, 1, Iterations / 2);
    }

    [Fact]
    public void Bit_flips_and_byte_changes_of_valid_frames_never_make_the_decoder_throw()
    {
        var random = new Random(77);
        byte[][] valid = WireSamples.OneOfEachType().Select(m => WireSamples.Encode(m)).ToArray();
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] datagram = (byte[])valid[random.Next(valid.Length)].Clone();
            int mutations = random.Next(1, 5);
            for (int m = 0; m < mutations; m++)
            {
                int position = random.Next(datagram.Length);
                if (random.Next(3) == 0)
                {
                    datagram[position] = (byte)random.Next(256);
                }
                else
                {
                    datagram[position] ^= (byte)(1 << random.Next(8));
                }
            }

            if (random.Next(10) == 0)
            {
                datagram = datagram[..random.Next(datagram.Length + 1)];
            }

            if (DecodeChecked(datagram))
            {
                accepted++;
            }
            else
            {
                rejected++;
            }
        }

        // Both outcomes must occur, or the mutations are not exercising the decoder.
        Assert.True(accepted > 1_000, $"only {accepted} mutated frames decoded");
        Assert.True(rejected > 1_000, $"only {rejected} mutated frames were dropped");
    }
}
