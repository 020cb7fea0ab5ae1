using System.Buffers.Binary;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;

namespace Paxos.Core.Wire;

/// <summary>
/// Encodes messages into datagrams and decodes untrusted datagrams back. Decoding never throws: a
/// datagram that is not exactly one well-formed frame of our cluster yields a <see cref="DropReason"/>.
/// Decoded batches are copied out of the input, so the caller may reuse its receive buffer.
/// </summary>
public static class FrameCodec
{
    /// <summary>
    /// Writes <paramref name="message"/> as a frame into <paramref name="destination"/> (which must hold
    /// <see cref="FrameHeader.MaxDatagramBytes"/>) and returns its length. With an
    /// <paramref name="authenticator"/>, the frame is flagged and ends with its tag.
    /// </summary>
    public static int Encode(Message message, uint clusterId, int senderId, Span<byte> destination, FrameAuthenticator? authenticator = null)
    {
        int length = EncodeFrame(message, clusterId, senderId, destination);
        return authenticator is null ? length : authenticator.Seal(destination, length);
    }

    private static int EncodeFrame(Message message, uint clusterId, int senderId, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        var writer = new SpanWriter(destination);
        writer.WriteUInt16(FrameHeader.Magic);
        writer.WriteByte(FrameHeader.Version);
        writer.WriteByte((byte)message.Type);
        writer.WriteUInt32(clusterId);
        writer.WriteUInt32((uint)senderId);
        switch (message)
        {
            case ClientRequest m:
                WriteBatch(ref writer, m.Batch);
                break;
            case ClientAck m:
                WriteRanges(ref writer, m.Ranges);
                break;
            case ClientReceipt m:
                WriteRanges(ref writer, m.Ranges);
                break;
            case Prepare m:
                WriteBallot(ref writer, m.Ballot);
                writer.WriteInt64(m.FromInstance);
                writer.WriteUInt32((uint)m.TargetAcceptor);
                break;
            case Promise m:
                WriteBallot(ref writer, m.Ballot);
                writer.WriteInt64(m.FromInstance);
                writer.WriteInt64(m.NextInstance);
                writer.WriteByte(m.Complete ? (byte)1 : (byte)0);
                writer.WriteUInt16(checked((ushort)m.Entries.Count));
                foreach (AcceptedEntry entry in m.Entries)
                {
                    writer.WriteInt64(entry.Instance);
                    WriteBallot(ref writer, entry.Ballot);
                    WriteBatch(ref writer, entry.Batch);
                }

                break;
            case Accept m:
                WriteBallot(ref writer, m.Ballot);
                writer.WriteInt64(m.Instance);
                writer.WriteUInt32(m.Attempt);
                WriteBatch(ref writer, m.Batch);
                break;
            case Accepted m:
                WriteBallot(ref writer, m.Ballot);
                writer.WriteInt64(m.Instance);
                writer.WriteUInt32(m.Attempt);
                break;
            case Nack m:
                WriteBallot(ref writer, m.Rejected);
                WriteBallot(ref writer, m.Promised);
                writer.WriteInt64(m.Instance);
                break;
            case Decision m:
                writer.WriteInt64(m.Instance);
                writer.WriteInt64(m.DecidedPrefix);
                WriteBatch(ref writer, m.Batch);
                break;
            case CatchUpRequest m:
                writer.WriteInt64(m.FromInstance);
                writer.WriteByte((byte)m.ReplyTo);
                break;
            case Heartbeat m:
                WriteBallot(ref writer, m.HighestBallot);
                writer.WriteInt64(m.DecidedPrefix);
                break;
            default:
                throw new ArgumentException($"no encoding for {message.GetType().Name}", nameof(message));
        }

        return writer.Position;
    }

    /// <summary>Decodes one datagram. Returns false, with the reason, for anything that is not a valid frame of <paramref name="clusterId"/>.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> datagram, uint clusterId, out Frame frame, out DropReason reason) =>
        TryDecode(datagram, clusterId, authenticator: null, out frame, out reason);

    /// <summary>
    /// Decodes one datagram of a cluster whose frames are authenticated with <paramref name="authenticator"/>
    /// (or not authenticated, when it is null). Returns false, with the reason, for anything else.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> datagram, uint clusterId, FrameAuthenticator? authenticator, out Frame frame, out DropReason reason) =>
        TryDecode(datagram, lentDatagram: default, clusterId, authenticator, out frame, out reason);

    /// <summary>
    /// Decodes one datagram as <see cref="TryDecode(ReadOnlySpan{byte}, uint, FrameAuthenticator?, out Frame, out DropReason)"/>
    /// does, except that a batch in it is not copied: it stays over <paramref name="datagram"/>, which the caller
    /// reuses once the message is handled, and says so (<see cref="Batch.IsBorrowed"/>). Only for a receiver that
    /// keeps no batch past handling it (<see cref="IRole.MayBorrowBatchOf"/>).
    /// </summary>
    public static bool TryDecodeLendingBatches(ReadOnlyMemory<byte> datagram, uint clusterId, FrameAuthenticator? authenticator, out Frame frame, out DropReason reason) =>
        TryDecode(datagram.Span, datagram, clusterId, authenticator, out frame, out reason);

    /// <summary>The decoder; batches are copied when <paramref name="lentDatagram"/> is empty, else kept over it.</summary>
    private static bool TryDecode(ReadOnlySpan<byte> datagram, ReadOnlyMemory<byte> lentDatagram, uint clusterId, FrameAuthenticator? authenticator, out Frame frame, out DropReason reason)
    {
        frame = default;
        if (datagram.Length < FrameHeader.Size || BinaryPrimitives.ReadUInt16LittleEndian(datagram) != FrameHeader.Magic)
        {
            reason = DropReason.Foreign;
            return false;
        }

        if (datagram[2] != FrameHeader.Version)
        {
            reason = DropReason.WrongVersion;
            return false;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(datagram[4..]) != clusterId)
        {
            reason = DropReason.OtherCluster;
            return false;
        }

        bool flagged = (datagram[3] & FrameAuthenticator.AuthenticatedFlag) != 0;
        int frameLength = datagram.Length;
        if (authenticator is null ? flagged : !authenticator.TryOpen(datagram, out frameLength))
        {
            reason = DropReason.Unauthenticated;
            return false;
        }

        uint sender = BinaryPrimitives.ReadUInt32LittleEndian(datagram[8..]);
        var reader = new SpanReader(datagram[FrameHeader.Size..frameLength]);
        ReadOnlyMemory<byte> lentBody = lentDatagram.IsEmpty ? default : lentDatagram[FrameHeader.Size..frameLength];
        var type = (MessageType)(datagram[3] & ~FrameAuthenticator.AuthenticatedFlag);
        Message? message = sender <= int.MaxValue ? TryReadBody(type, ref reader, lentBody) : null;
        if (message is null || reader.Remaining != 0)
        {
            reason = DropReason.Malformed;
            return false;
        }

        frame = new Frame((int)sender, message);
        reason = DropReason.None;
        return true;
    }

    /// <summary>Submission ranges of a ClientAck or ClientReceipt: a count, then fixed 24-byte ranges.</summary>
    private static void WriteRanges(ref SpanWriter writer, IReadOnlyList<SubmissionRange> ranges)
    {
        writer.WriteUInt16(checked((ushort)ranges.Count));
        foreach (SubmissionRange range in ranges)
        {
            writer.WriteUInt32(range.ClientId);
            writer.WriteUInt64(range.Session);
            writer.WriteUInt64(range.FirstSequence);
            writer.WriteUInt32(range.Count);
        }
    }

    private static bool TryReadRanges(ref SpanReader reader, out SubmissionRange[] ranges)
    {
        const int rangeBytes = 4 + 8 + 8 + 4;
        if (!reader.TryReadUInt16(out ushort count) || count * rangeBytes != reader.Remaining)
        {
            ranges = [];
            return false;
        }

        ranges = new SubmissionRange[count];
        for (int i = 0; i < count; i++)
        {
            reader.TryReadUInt32(out uint client);
            reader.TryReadUInt64(out ulong session);
            reader.TryReadUInt64(out ulong first);
            reader.TryReadUInt32(out uint rangeCount);
            ranges[i] = new SubmissionRange(client, session, first, rangeCount);
        }

        return true;
    }

    private static Message? TryReadBody(MessageType type, ref SpanReader reader, ReadOnlyMemory<byte> lentBody)
    {
        switch (type)
        {
            case MessageType.ClientRequest:
                return TryReadBatch(ref reader, lentBody, out Batch requestBatch) ? new ClientRequest(requestBatch) : null;
            case MessageType.ClientAck:
                return TryReadRanges(ref reader, out SubmissionRange[] acked) ? new ClientAck(acked) : null;
            case MessageType.ClientReceipt:
                return TryReadRanges(ref reader, out SubmissionRange[] received) ? new ClientReceipt(received) : null;

            case MessageType.Prepare:
                return TryReadBallot(ref reader, out Ballot prepareBallot) && reader.TryReadInstance(out long prepareFrom)
                    && reader.TryReadUInt32(out uint target) && (target <= int.MaxValue || target == uint.MaxValue)
                    ? new Prepare(prepareBallot, prepareFrom, (int)target)
                    : null;
            case MessageType.Promise:
                return TryReadPromise(ref reader, lentBody);
            case MessageType.Accept:
                return TryReadBallot(ref reader, out Ballot acceptBallot) && reader.TryReadInstance(out long acceptInstance)
                    && reader.TryReadUInt32(out uint acceptAttempt) && TryReadBatch(ref reader, lentBody, out Batch acceptBatch)
                    ? new Accept(acceptBallot, acceptInstance, acceptBatch, acceptAttempt)
                    : null;
            case MessageType.Accepted:
                return TryReadBallot(ref reader, out Ballot acceptedBallot) && reader.TryReadInstance(out long acceptedInstance)
                    && reader.TryReadUInt32(out uint acceptedAttempt)
                    ? new Accepted(acceptedBallot, acceptedInstance, acceptedAttempt)
                    : null;
            case MessageType.Nack:
                return TryReadBallot(ref reader, out Ballot rejected) && TryReadBallot(ref reader, out Ballot promised)
                    && reader.TryReadInstance(out long nackInstance)
                    ? new Nack(rejected, promised, nackInstance)
                    : null;
            case MessageType.Decision:
                return reader.TryReadInstance(out long decisionInstance) && reader.TryReadInstance(out long prefix)
                    && TryReadBatch(ref reader, lentBody, out Batch decisionBatch)
                    ? new Decision(decisionInstance, prefix, decisionBatch)
                    : null;
            case MessageType.CatchUpRequest:
                return reader.TryReadInstance(out long catchUpFrom) && reader.TryReadByte(out byte replyTo)
                    && replyTo <= (byte)RoleGroup.Learners
                    ? new CatchUpRequest(catchUpFrom, (RoleGroup)replyTo)
                    : null;
            case MessageType.Heartbeat:
                return TryReadBallot(ref reader, out Ballot highest) && reader.TryReadInstance(out long heartbeatPrefix)
                    ? new Heartbeat(highest, heartbeatPrefix)
                    : null;
            default:
                return null;
        }
    }

    private static Promise? TryReadPromise(ref SpanReader reader, ReadOnlyMemory<byte> lentBody)
    {
        if (!TryReadBallot(ref reader, out Ballot ballot) || !reader.TryReadInstance(out long from)
            || !reader.TryReadInstance(out long next) || !reader.TryReadByte(out byte complete)
            || complete > 1 || next < from || !reader.TryReadUInt16(out ushort count)
            || count * WireLimits.PromiseEntryOverheadBytes > reader.Remaining)
        {
            return null;
        }

        var entries = new AcceptedEntry[count];
        for (int i = 0; i < count; i++)
        {
            if (!reader.TryReadInstance(out long instance) || instance < from || instance >= next
                || !TryReadBallot(ref reader, out Ballot accepted) || !TryReadBatch(ref reader, lentBody, out Batch batch))
            {
                return null;
            }

            entries[i] = new AcceptedEntry(instance, accepted, batch);
        }

        return new Promise(ballot, from, next, complete == 1, entries);
    }

    private static void WriteBallot(ref SpanWriter writer, Ballot ballot)
    {
        writer.WriteUInt32(ballot.Round);
        writer.WriteUInt32(ballot.ProposerId);
        writer.WriteUInt32(ballot.Incarnation);
    }

    private static bool TryReadBallot(ref SpanReader reader, out Ballot ballot)
    {
        if (reader.TryReadUInt32(out uint round) && reader.TryReadUInt32(out uint proposer) && reader.TryReadUInt32(out uint incarnation))
        {
            ballot = new Ballot(round, proposer, incarnation);
            return true;
        }

        ballot = Ballot.Zero;
        return false;
    }

    private static void WriteBatch(ref SpanWriter writer, Batch batch)
    {
        writer.WriteUInt32((uint)batch.Encoded.Length);
        writer.WriteBytes(batch.Encoded.Span);
    }

    /// <summary>Reads a batch: a copy of its bytes, or, when the body is lent, the bytes where they are.</summary>
    private static bool TryReadBatch(ref SpanReader reader, ReadOnlyMemory<byte> lentBody, out Batch batch)
    {
        batch = Batch.Empty;
        if (!reader.TryReadUInt32(out uint length) || length > WireLimits.MaxBatchBytes
            || !reader.TryReadBytes((int)length, out ReadOnlySpan<byte> bytes))
        {
            return false;
        }

        return lentBody.IsEmpty
            ? Batch.TryParse(Batch.CopyUninitialized(bytes), out batch)
            : Batch.TryParse(lentBody.Slice(reader.Position - bytes.Length, bytes.Length), borrowed: true, out batch);
    }
}
