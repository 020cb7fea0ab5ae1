using System.Globalization;
using Paxos.Core.Protocol.Messages;

namespace Paxos.Simulation;

/// <summary>
/// The last events of a run in a ring buffer (deliveries, crashes, partitions, fault phases), kept as
/// references and formatted only when a seed fails or a full trace is asked for.
/// </summary>
public sealed class EventTrace(int capacity)
{
    private readonly (TimeSpan At, SimNode? Receiver, int SenderId, Message? Message, string? Note)[] _events = new (TimeSpan, SimNode?, int, Message?, string?)[capacity];
    private long _count;

    /// <summary>Receives every event as a formatted line as it happens (the CLI's <c>--trace</c>).</summary>
    public Action<string>? Live { get; set; }

    public void Delivered(TimeSpan at, SimNode receiver, int senderId, Message message)
    {
        _events[_count++ % _events.Length] = (at, receiver, senderId, message, null);
        Live?.Invoke(Format(_events[(_count - 1) % _events.Length]));
    }

    public void Note(TimeSpan at, string note)
    {
        _events[_count++ % _events.Length] = (at, null, 0, null, note);
        Live?.Invoke(Format(_events[(_count - 1) % _events.Length]));
    }

    /// <summary>The last events, oldest first, one line each.</summary>
    public IReadOnlyList<string> Last(int count)
    {
        long first = Math.Max(0, Math.Max(_count - _events.Length, _count - count));
        var lines = new List<string>();
        for (long i = first; i < _count; i++)
        {
            lines.Add(Format(_events[i % _events.Length]));
        }

        return lines;
    }

    private static string Format((TimeSpan At, SimNode? Receiver, int SenderId, Message? Message, string? Note) e)
    {
        string at = e.At.TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture).PadLeft(10);
        return e.Note is not null
            ? $"{at}ms  ** {e.Note}"
            : $"{at}ms  {e.Receiver} <- #{e.SenderId}: {Describe(e.Message!)}";
    }

    /// <summary>A message in a line: its type and the fields that matter for the protocol, values only counted.</summary>
    public static string Describe(Message message) => message switch
    {
        Prepare m => $"Prepare ballot={m.Ballot} from={m.FromInstance}{(m.TargetAcceptor == Prepare.AllAcceptors ? "" : $" to={m.TargetAcceptor}")}",
        Promise m => $"Promise ballot={m.Ballot} [{m.FromInstance},{m.NextInstance}) complete={m.Complete} entries={m.Entries.Count}",
        Accept m => $"Accept ballot={m.Ballot} instance={m.Instance} values={m.Batch.ValueCount}",
        Accepted m => $"Accepted ballot={m.Ballot} instance={m.Instance}",
        Nack m => $"Nack rejected={m.Rejected} promised={m.Promised} instance={m.Instance}",
        Decision m => $"Decision instance={m.Instance} prefix={m.DecidedPrefix} values={m.Batch.ValueCount}",
        ClientRequest m => $"ClientRequest values={m.Batch.ValueCount}",
        ClientAck m => $"ClientAck ranges={m.Ranges.Count}",
        ClientReceipt m => $"ClientReceipt ranges={m.Ranges.Count}",
        CatchUpRequest m => $"CatchUpRequest from={m.FromInstance} reply-to={m.ReplyTo}",
        Heartbeat m => $"Heartbeat highest={m.HighestBallot} prefix={m.DecidedPrefix}",
        _ => message.GetType().Name,
    };
}
