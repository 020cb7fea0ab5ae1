using System.Text;
using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Messages;
using Paxos.Core.Protocol.Proposers;

namespace Paxos.Core.Tests.Protocol;

/// <summary>Helpers for driving one role state machine by hand.</summary>
internal static class RoleTestKit
{
    public static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    /// <summary>Returns what the role queued and empties its outbox.</summary>
    public static List<OutgoingMessage> Drain(this IRole role)
    {
        var messages = role.Ready.Messages.ToList();
        role.Ready.ClearMessages();
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

    /// <summary>
    /// A new proposer (random seed 42) run through the start-up grace and a Phase 1 answered by a bare majority
    /// of empty promises: it leads, with its outbox drained.
    /// </summary>
    public static Proposer ElectedLeader(ProtocolSettings settings, int id = 1, int acceptors = 3)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var proposer = new Proposer(id, acceptors, settings, new Random(42), TimeSpan.Zero);
        TimeSpan grace = settings.HeartbeatInterval * 3;
        proposer.Tick(grace);
        var prepare = proposer.Drain().Single<Prepare>(RoleGroup.Acceptors);
        for (int acceptor = 1; acceptor <= (acceptors / 2) + 1; acceptor++)
        {
            proposer.Handle(acceptor, new Promise(prepare.Ballot, prepare.FromInstance, prepare.FromInstance, true, []), grace);
        }

        Assert.Equal(ProposerMode.Leading, proposer.Mode);
        proposer.Drain();
        return proposer;
    }

    public static bool SameBytes(Batch a, Batch b) => a.Encoded.Span.SequenceEqual(b.Encoded.Span);
}
