using System.Text;
using Paxos.Core.Configuration;
using Paxos.Core.Protocol;
using Paxos.Core.Wire;
using Paxos.Core.Wire.Messages;

namespace Paxos.Core.Tests.Protocol;

/// <summary>Helpers for driving one role state machine by hand.</summary>
internal static class RoleTestKit
{
    public static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    /// <summary>Returns what the role queued and empties its outbox.</summary>
    public static List<OutgoingMessage> Drain(this IRole role)
    {
        var messages = role.Outbox.Messages.ToList();
        role.Outbox.Clear();
        return messages;
    }

    /// <summary>The messages of type <typeparamref name="T"/> sent to <paramref name="destination"/>.</summary>
    public static List<T> Sent<T>(this IEnumerable<OutgoingMessage> messages, RoleGroup destination)
        where T : Message =>
        messages.Where(m => m.Destination == destination).Select(m => m.Message).OfType<T>().ToList();

    public static T Single<T>(this IEnumerable<OutgoingMessage> messages, RoleGroup destination)
        where T : Message =>
        Assert.Single(messages.Sent<T>(destination));

    public static Batch BatchOf(params (uint Client, ulong Session, ulong Sequence, string Value)[] submissions)
    {
        var builder = new BatchBuilder();
        foreach ((uint client, ulong session, ulong sequence, string value) in submissions)
        {
            Assert.True(builder.TryAdd(client, session, sequence, Encoding.UTF8.GetBytes(value)));
        }

        return builder.Build();
    }

    public static List<string> Text(IEnumerable<ReadOnlyMemory<byte>> values) =>
        values.Select(v => Encoding.UTF8.GetString(v.Span)).ToList();

    public static List<string> Text(Batch batch)
    {
        var values = new List<string>();
        foreach (BatchValue value in batch)
        {
            values.Add(Encoding.UTF8.GetString(value.Value.Span));
        }

        return values;
    }

    public static bool SameBytes(Batch a, Batch b) => a.Encoded.Span.SequenceEqual(b.Encoded.Span);
}
