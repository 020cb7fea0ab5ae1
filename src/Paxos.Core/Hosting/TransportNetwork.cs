using System.Net.Sockets;
using Paxos.Core.Node;
using Paxos.Core.Protocol;
using Serilog;

namespace Paxos.Core.Hosting;

/// <summary>
/// The node loop's network over the real multicast sockets. A failing send or receive is logged once per kind
/// of failure (a missing route fails every send) and reported to the loop, which counts it.
/// </summary>
public sealed class TransportNetwork(MulticastTransport transport, ILogger log) : INetwork
{
    private SocketError _lastSendError = SocketError.Success;
    private SocketError _lastReceiveError = SocketError.Success;

    /// <inheritdoc />
    public bool TrySend(RoleGroup destination, ReadOnlySpan<byte> datagram)
    {
        if (transport.TrySend(destination, datagram, out SocketError error))
        {
            return true;
        }

        if (error != _lastSendError)
        {
            _lastSendError = error;
            log.Warning("sending to {Group} failed: {Error}", destination, error);
        }

        return false;
    }

    /// <inheritdoc />
    public bool WaitForData(TimeSpan timeout) => transport.WaitForData(timeout);

    /// <inheritdoc />
    public ReceiveOutcome Receive(Span<byte> buffer, out int length)
    {
        ReceiveOutcome outcome = transport.Receive(buffer, out length, out SocketError error);
        if (outcome == ReceiveOutcome.Failed && error != _lastReceiveError)
        {
            _lastReceiveError = error;
            log.Warning("receiving on {Group} failed: {Error}", transport.Listening, error);
        }

        return outcome;
    }
}
