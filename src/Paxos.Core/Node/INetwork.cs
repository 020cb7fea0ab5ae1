using Paxos.Core.Hosting;
using Paxos.Core.Protocol;

namespace Paxos.Core.Node;

/// <summary>
/// The node loop's network: sends encoded frames to a role group and, for the real-time loop
/// (<see cref="NodeLoop.Run"/>), waits for and receives datagrams. A failed send or receive is reported,
/// never thrown: the network may lose anything.
/// </summary>
public interface INetwork
{
    /// <summary>Sends one datagram to <paramref name="destination"/>'s group; false when it could not be sent.</summary>
    bool TrySend(RoleGroup destination, ReadOnlySpan<byte> datagram);

    /// <summary>Waits up to <paramref name="timeout"/> for a datagram; true when one may be waiting.</summary>
    bool WaitForData(TimeSpan timeout);

    /// <summary>Takes one waiting datagram into <paramref name="buffer"/>, without waiting.</summary>
    ReceiveOutcome Receive(Span<byte> buffer, out int length);
}
