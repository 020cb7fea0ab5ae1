using Paxos.Core.Protocol.Messages;

namespace Paxos.Core.Protocol;

/// <summary>
/// A role state machine: a deterministic function of the messages and clock readings fed to it.
/// Its output goes to <see cref="Outbox"/>; it reads no clock, randomness, socket or console itself.
/// </summary>
public interface IRole
{
    /// <summary>What the role wants sent; drained by the caller after each call.</summary>
    Outbox Outbox { get; }

    /// <summary>Handles a message from process <paramref name="senderId"/> at time <paramref name="now"/>.</summary>
    void Handle(int senderId, Message message, TimeSpan now);

    /// <summary>Lets time pass: retries, heartbeats, timeouts. Called often (every few milliseconds).</summary>
    void Tick(TimeSpan now);
}
