using System.Net;
using System.Net.Sockets;
using Paxos.Core.Configuration;

namespace Paxos.Core.Hosting;

/// <summary>
/// UDP multicast for one process: a socket joined to its own role's group (address reuse, so several
/// processes of a role share a host) and a socket that sends to the other groups (loopback on, so
/// processes on the same host hear each other; TTL and interface from the configuration).
/// </summary>
public sealed class MulticastTransport : IDisposable
{
    /// <summary>Asked-for socket buffer size; the kernel caps it at net.core.rmem_max / wmem_max.</summary>
    private const int SocketBufferBytes = 8 << 20;

    private readonly Socket _receiver;
    private readonly Socket _sender;
    private readonly SocketAddress[] _destinations;

    /// <summary>Opens the sockets; throws <see cref="SocketException"/> when the group cannot be joined.</summary>
    public MulticastTransport(PaxosOptions options, RoleGroup listenOn)
    {
        ArgumentNullException.ThrowIfNull(options);
        Listening = options.GroupOf(listenOn);
        _receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _receiver.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _receiver.ReceiveBufferSize = SocketBufferBytes;

            // Binding to the group address (not "any") keeps datagrams for other groups on the same
            // port out of this socket.
            _receiver.Bind(new IPEndPoint(Listening.Address, Listening.Port));
            MulticastOption membership = options.Interface is { } joinOn
                ? new MulticastOption(Listening.Address, joinOn)
                : new MulticastOption(Listening.Address);
            _receiver.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, membership);
            ReceiveBufferBytes = _receiver.ReceiveBufferSize;

            _sender.SendBufferSize = SocketBufferBytes;
            _sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, options.Ttl);
            _sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            if (options.Interface is { } sendOn)
            {
                _sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, sendOn.GetAddressBytes());
            }
        }
        catch
        {
            _receiver.Dispose();
            _sender.Dispose();
            throw;
        }

        _destinations = new SocketAddress[4];
        foreach (RoleGroup group in Enum.GetValues<RoleGroup>())
        {
            GroupEndpoint endpoint = options.GroupOf(group);
            _destinations[(int)group] = new IPEndPoint(endpoint.Address, endpoint.Port).Serialize();
        }
    }

    /// <summary>The group this transport receives on.</summary>
    public GroupEndpoint Listening { get; }

    /// <summary>The receive buffer the kernel granted.</summary>
    public int ReceiveBufferBytes { get; }

    /// <summary>Sends one datagram to <paramref name="group"/>. Returns false (never throws) when the kernel refused it.</summary>
    public bool TrySend(RoleGroup group, ReadOnlySpan<byte> datagram, out SocketError error)
    {
        try
        {
            _sender.SendTo(datagram, SocketFlags.None, _destinations[(int)group]);
            error = SocketError.Success;
            return true;
        }
        catch (SocketException exception)
        {
            // A full send buffer or a missing route loses this datagram like the network could;
            // the protocol's retries cover it.
            error = exception.SocketErrorCode;
            return false;
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for a datagram to arrive.</summary>
    public bool WaitForData(TimeSpan timeout)
    {
        // poll(2) counts whole milliseconds and .NET truncates: round up, or a wait shorter than 1 ms
        // would become a busy loop (a paced client waits such short times all the time).
        long micros = Math.Clamp(timeout.Ticks / 10, 0, int.MaxValue - 1000);
        micros = (micros + 999) / 1000 * 1000;
        return _receiver.Poll((int)micros, SelectMode.SelectRead);
    }

    /// <summary>Receives one waiting datagram into <paramref name="buffer"/>, or returns false if none is waiting.</summary>
    public bool TryReceive(Span<byte> buffer, out int length)
    {
        length = 0;
        if (_receiver.Available == 0)
        {
            return false;
        }

        try
        {
            length = _receiver.Receive(buffer, SocketFlags.None);
            return true;
        }
        catch (SocketException)
        {
            // E.g. a datagram larger than the buffer (truncated, MSG_TRUNC): treat as nothing received.
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _receiver.Dispose();
        _sender.Dispose();
    }
}
