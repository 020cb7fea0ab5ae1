using System.Buffers.Binary;
using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Wire;

namespace Paxos.Core.Tests.Wire;

/// <summary>Sample messages of every type, and helpers to build batches and compare decoded messages.</summary>
internal static class WireSamples
{
    public const uint ClusterId = 0xC0FFEE01;

    /// <summary>A batch of the given submissions, in order (the builder decides the runs).</summary>
    public static Batch BatchOf(params (uint Client, ulong Session, ulong Sequence, byte[] Value)[] submissions)
    {
        var builder = new BatchBuilder();
        foreach ((uint client, ulong session, ulong sequence, byte[] value) in submissions)
        {
            Assert.True(builder.TryAdd(client, session, sequence, value));
        }

        return builder.Build();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A batch with empty values, binary bytes, UTF-8, and several runs.</summary>
    public static Batch MixedBatch() => BatchOf(
        (1, 77, 0, Utf8("hello world")),
        (1, 77, 1, []),
        (1, 77, 2, [0, 255, 10, 13, 9, 0x80, 0x7F]),
        (2, 5, 9, Utf8("ünïcödé\ttab")),
        (1, 77, 3, Utf8("not merged: the previous run is another session")));

    /// <summary>One message of every type, with non-trivial field values.</summary>
    public static IEnumerable<Message> OneOfEachType()
    {
        Batch batch = MixedBatch();
        yield return new ClientRequest(batch);
        yield return new ClientAck([new SubmissionRange(1, 77, 0, 4), new SubmissionRange(uint.MaxValue, ulong.MaxValue, ulong.MaxValue - 5, uint.MaxValue)]);
        yield return new ClientReceipt([new SubmissionRange(2, 78, 5, 60), new SubmissionRange(uint.MaxValue, ulong.MaxValue, 0, 1)]);
        yield return new Prepare(new Ballot(7, 2, 0xCAFEF00D), 1234, Prepare.AllAcceptors);
        yield return new Prepare(new Ballot(7, 2), 0, 3);
        yield return new Promise(new Ballot(9, 1), 10, 20, false, [
            new AcceptedEntry(10, new Ballot(3, 2, 0x01020304), batch),
            new AcceptedEntry(12, new Ballot(8, 1), Batch.Empty),
            new AcceptedEntry(19, new Ballot(1, 3), BatchOf((4, 4, 4, Utf8("x")))),
        ]);
        yield return new Promise(new Ballot(9, 1), 5, 5, true, []);
        yield return new Accept(new Ballot(uint.MaxValue, uint.MaxValue, uint.MaxValue), long.MaxValue, batch, uint.MaxValue);
        yield return new Accept(new Ballot(1, 1), 0, Batch.Empty);
        yield return new Accepted(new Ballot(4, 3, 0x80000001), 99);
        yield return new Accepted(new Ballot(4, 3, 0x80000001), 99, 7);
        yield return new Nack(new Ballot(2, 1, 7), new Ballot(5, 2, 9), 17);
        yield return new Decision(42, 40, batch);
        yield return new Decision(0, 0, Batch.Empty);
        yield return new CatchUpRequest(123, RoleGroup.Learners);
        yield return new CatchUpRequest(0, RoleGroup.Proposers);
        yield return new Heartbeat(new Ballot(6, 2, 0xFFFFFFFF), 1000);
    }

    /// <summary>
    /// Random bytes, mostly behind our header with a random type, so that the body parsers see random
    /// bodies too (a foreign magic alone would stop every datagram at the first check).
    /// </summary>
    public static byte[] RandomDatagram(Random random)
    {
        byte[] datagram = new byte[random.Next(0, 160)];
        random.NextBytes(datagram);
        if (datagram.Length >= FrameHeader.Size && random.Next(4) != 0)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(datagram, FrameHeader.Magic);
            datagram[2] = FrameHeader.Version;
            datagram[3] = (byte)random.Next(0, 12);
            BinaryPrimitives.WriteUInt32LittleEndian(datagram.AsSpan(4), ClusterId);
            datagram[11] &= 0x7F;
        }

        return datagram;
    }

    public static byte[] Encode(Message message, int senderId = 3, uint clusterId = ClusterId)
    {
        byte[] buffer = new byte[FrameHeader.MaxDatagramBytes];
        int length = FrameCodec.Encode(message, clusterId, senderId, buffer);
        return buffer.AsSpan(0, length).ToArray();
    }

    public static Message Decode(byte[] datagram, int expectedSender = 3)
    {
        Assert.True(FrameCodec.TryDecode(datagram, ClusterId, out Frame frame, out DropReason reason), $"dropped: {reason}");
        Assert.Equal(DropReason.None, reason);
        Assert.Equal(expectedSender, frame.SenderId);
        return frame.Message;
    }

    /// <summary>Asserts two batches carry the same bytes and the same submissions.</summary>
    public static void AssertSameBatch(Batch expected, Batch actual)
    {
        Assert.Equal(expected.Encoded.ToArray(), actual.Encoded.ToArray());
        Assert.Equal(expected.RunCount, actual.RunCount);
        Assert.Equal(expected.ValueCount, actual.ValueCount);
        Assert.Equal(Described(expected), Described(actual));
        Assert.Equal(Runs(expected), Runs(actual));
    }

    public static List<(uint Client, ulong Session, ulong Sequence, byte[] Value)> Values(Batch batch)
    {
        var values = new List<(uint, ulong, ulong, byte[])>();
        foreach (BatchValue value in batch)
        {
            values.Add((value.ClientId, value.Session, value.Sequence, value.Value.ToArray()));
        }

        return values;
    }

    /// <summary>The submissions with their values as hex, so that lists compare by content.</summary>
    public static List<(uint Client, ulong Session, ulong Sequence, string Hex)> Described(Batch batch) =>
        Values(batch).Select(v => (v.Client, v.Session, v.Sequence, Convert.ToHexString(v.Value))).ToList();

    public static List<SubmissionRange> Runs(Batch batch)
    {
        var runs = new List<SubmissionRange>();
        foreach (SubmissionRange run in batch.Runs)
        {
            runs.Add(run);
        }

        return runs;
    }

    /// <summary>Field-by-field equality (records compare batches and lists by reference, so not usable here).</summary>
    public static void AssertSameMessage(Message expected, Message actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Type, actual.Type);
        switch (expected)
        {
            case ClientRequest e:
                AssertSameBatch(e.Batch, ((ClientRequest)actual).Batch);
                break;
            case ClientAck e:
                Assert.Equal(e.Ranges, ((ClientAck)actual).Ranges);
                break;
            case ClientReceipt e:
                Assert.Equal(e.Ranges, ((ClientReceipt)actual).Ranges);
                break;
            case Prepare e:
                Assert.Equal(e, (Prepare)actual);
                break;
            case Promise e:
                {
                    var a = (Promise)actual;
                    Assert.Equal(e.Ballot, a.Ballot);
                    Assert.Equal(e.FromInstance, a.FromInstance);
                    Assert.Equal(e.NextInstance, a.NextInstance);
                    Assert.Equal(e.Complete, a.Complete);
                    Assert.Equal(e.Entries.Count, a.Entries.Count);
                    for (int i = 0; i < e.Entries.Count; i++)
                    {
                        Assert.Equal(e.Entries[i].Instance, a.Entries[i].Instance);
                        Assert.Equal(e.Entries[i].Ballot, a.Entries[i].Ballot);
                        AssertSameBatch(e.Entries[i].Batch, a.Entries[i].Batch);
                    }

                    break;
                }

            case Accept e:
                {
                    var a = (Accept)actual;
                    Assert.Equal(e.Ballot, a.Ballot);
                    Assert.Equal(e.Instance, a.Instance);
                    AssertSameBatch(e.Batch, a.Batch);
                    break;
                }

            case Accepted e:
                Assert.Equal(e, (Accepted)actual);
                break;
            case Nack e:
                Assert.Equal(e, (Nack)actual);
                break;
            case Decision e:
                {
                    var a = (Decision)actual;
                    Assert.Equal(e.Instance, a.Instance);
                    Assert.Equal(e.DecidedPrefix, a.DecidedPrefix);
                    AssertSameBatch(e.Batch, a.Batch);
                    break;
                }

            case CatchUpRequest e:
                Assert.Equal(e, (CatchUpRequest)actual);
                break;
            case Heartbeat e:
                Assert.Equal(e, (Heartbeat)actual);
                break;
            default:
                Assert.Fail($"no comparison for {expected.GetType().Name}");
                break;
        }
    }
}
