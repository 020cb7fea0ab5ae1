using Paxos.Core.Protocol.Messages;
using Paxos.Core.Wire;

namespace Paxos.Core.Hosting;

/// <summary>Counts frames sent and received per message type and datagrams dropped per reason, for the stop report.</summary>
public sealed class TrafficCounters
{
    private readonly long[] _sent = new long[256];
    private readonly long[] _received = new long[256];
    private readonly long[] _dropped = new long[Enum.GetValues<DropReason>().Length];

    /// <summary>Datagrams the kernel refused to send.</summary>
    public long SendFailures { get; private set; }

    /// <summary>Receives the socket answered with an error instead of a datagram (e.g. a pending ICMP-induced one).</summary>
    public long ReceiveErrors { get; private set; }

    /// <summary>Bytes sent in total.</summary>
    public long BytesSent { get; private set; }

    /// <summary>Bytes received in total (dropped datagrams included).</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Datagrams sent in total.</summary>
    public long DatagramsSent { get; private set; }

    /// <summary>Datagrams received in total (dropped ones included).</summary>
    public long DatagramsReceived { get; private set; }

    /// <summary>Counts a sent frame.</summary>
    public void OnSent(MessageType type, int bytes)
    {
        _sent[(byte)type]++;
        DatagramsSent++;
        BytesSent += bytes;
    }

    /// <summary>Counts a frame the kernel refused.</summary>
    public void OnSendFailed() => SendFailures++;

    /// <summary>Counts a receive that failed.</summary>
    public void OnReceiveFailed() => ReceiveErrors++;

    /// <summary>Counts a decoded frame.</summary>
    public void OnReceived(MessageType type, int bytes)
    {
        _received[(byte)type]++;
        DatagramsReceived++;
        BytesReceived += bytes;
    }

    /// <summary>Counts a dropped datagram.</summary>
    public void OnDropped(DropReason reason, int bytes)
    {
        _dropped[(int)reason]++;
        DatagramsReceived++;
        BytesReceived += bytes;
    }

    /// <summary>Frames dropped for <paramref name="reason"/>.</summary>
    public long Dropped(DropReason reason) => _dropped[(int)reason];

    /// <summary>A snapshot for a structured log event: non-zero counters only, by name.</summary>
    public Dictionary<string, long> Snapshot()
    {
        var snapshot = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (MessageType type in Enum.GetValues<MessageType>())
        {
            AddIfNonZero(snapshot, $"sent.{type}", _sent[(byte)type]);
            AddIfNonZero(snapshot, $"received.{type}", _received[(byte)type]);
        }

        foreach (DropReason reason in Enum.GetValues<DropReason>())
        {
            if (reason != DropReason.None)
            {
                AddIfNonZero(snapshot, $"dropped.{reason}", _dropped[(int)reason]);
            }
        }

        AddIfNonZero(snapshot, "sendFailures", SendFailures);
        AddIfNonZero(snapshot, "receiveErrors", ReceiveErrors);
        AddIfNonZero(snapshot, "bytesSent", BytesSent);
        AddIfNonZero(snapshot, "bytesReceived", BytesReceived);
        return snapshot;
    }

    private static void AddIfNonZero(Dictionary<string, long> snapshot, string name, long value)
    {
        if (value != 0)
        {
            snapshot[name] = value;
        }
    }
}
