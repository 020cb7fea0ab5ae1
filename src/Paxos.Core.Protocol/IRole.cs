using Paxos.Core.Protocol.Messages;

namespace Paxos.Core.Protocol;

/// <summary>
/// A role state machine: a deterministic function of its inputs. Inputs come in as a message from a sender,
/// a tick, or client values; everything it produces collects in one <see cref="Ready"/> bag that the caller
/// drains. It reads no clock, randomness, socket or console itself, so the same object runs under the real
/// node loop and under the simulator.
/// </summary>
public interface IRole
{
    /// <summary>What the role produced since the caller last drained it.</summary>
    Ready Ready { get; }

    /// <summary>True when the role has nothing left to do (a client whose input ended and is all decided).</summary>
    bool Finished { get; }

    /// <summary>
    /// True when a message of <paramref name="type"/> would change nothing now, whatever its body (a follower
    /// proposer's client requests): the node loop may then drop such a datagram after its header, unread.
    /// Handling the message anyway must give the same result.
    /// </summary>
    bool Ignores(MessageType type) => false;

    /// <summary>
    /// True when handling a message of <paramref name="type"/> never keeps its batch past the call (what the role
    /// keeps, it or its store copies: <see cref="Batch.Owned"/>), except for values in
    /// <see cref="Ready.Deliveries"/>, which the node loop writes out as soon as the message is handled: the loop may then
    /// lend it a batch over its receive buffer instead of a copy (<see cref="Batch.IsBorrowed"/>). Accepts to
    /// acceptors, Decisions to learners and proposers: up to 64 KB each, one copy and one allocation less.
    /// </summary>
    bool MayBorrowBatchOf(MessageType type) => false;

    /// <summary>Handles a message from process <paramref name="senderId"/> at time <paramref name="now"/>.</summary>
    void Handle(int senderId, Message message, TimeSpan now);

    /// <summary>Lets time pass: retries, heartbeats, timeouts. Called often (every few milliseconds).</summary>
    void Tick(TimeSpan now);

    /// <summary>
    /// Client input: takes the values of <paramref name="input"/> the role has room for (each reported in
    /// <see cref="Ready.Proposed"/>) and sends them. Roles without input take nothing.
    /// </summary>
    void Propose(IInputSource input, TimeSpan now);
}
