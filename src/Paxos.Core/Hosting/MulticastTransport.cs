using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Paxos.Core.Configuration;
using Paxos.Core.Protocol;

namespace Paxos.Core.Hosting;

/// <summary>
/// UDP multicast for one process: a non-blocking socket joined to its own role's group (address reuse,
/// so several processes of a role share a host) and a socket that sends to the other groups (loopback
/// on, so processes on the same host hear each other; TTL from the configuration). Both use the
/// configured interface: loopback unless the configuration names another, so that by default nothing
/// sent leaves the machine.
/// </summary>
public sealed class MulticastTransport : IDisposable
{
    /// <summary>Asked-for socket buffer size; the kernel caps it at net.core.rmem_max / wmem_max.</summary>
    private const int SocketBufferBytes = 8 << 20;

    private readonly Socket _receiver;
    private readonly Socket _sender;
    private readonly SocketAddress[] _destinations;

    /// <summary>
    /// Opens the sockets and checks that every group can be reached; throws
    /// <see cref="MulticastSetupException"/> (one line: what failed and what to do) when not.
    /// </summary>
    public MulticastTransport(PaxosOptions options, RoleGroup listenOn)
    {
        ArgumentNullException.ThrowIfNull(options);
        Listening = options.GroupOf(listenOn);
        Interface = options.Interface;
        _receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            OpenReceiver(options);
            OpenSender(options);
            foreach (RoleGroup group in Enum.GetValues<RoleGroup>())
            {
                CheckRoute(options, options.GroupOf(group));
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

    /// <summary>The interface every group is sent and joined on; null when the system chooses by its routes.</summary>
    public IPAddress? Interface { get; }

    /// <summary>The interface in words, for the start-up log line.</summary>
    public string InterfaceDescription => DescribeInterface(Interface);

    /// <summary>The receive buffer the kernel granted.</summary>
    public int ReceiveBufferBytes { get; private set; }

    private void OpenReceiver(PaxosOptions options)
    {
        string joining = $"join the multicast group {Listening} on {DescribeInterface(Interface)}";
        try
        {
            _receiver.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _receiver.ReceiveBufferSize = SocketBufferBytes;
            ReceiveBufferBytes = _receiver.ReceiveBufferSize;

            // Non-blocking: the loop receives until the kernel says "would block", one syscall per
            // datagram, whatever the datagram's size (an empty one included).
            _receiver.Blocking = false;

            // Binding to the group address (not "any") keeps datagrams for other groups on the same
            // port out of this socket.
            _receiver.Bind(new IPEndPoint(Listening.Address, Listening.Port));
        }
        catch (SocketException exception)
        {
            throw Failure($"cannot bind to {Listening}", exception, "is another program using the port without SO_REUSEADDR?");
        }

        try
        {
            MulticastOption membership = options.Interface is { } joinOn
                ? new MulticastOption(Listening.Address, joinOn)
                : new MulticastOption(Listening.Address);
            _receiver.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, membership);
        }
        catch (SocketException exception)
        {
            throw Failure($"cannot {joining}", exception, Advice(options.Interface));
        }
    }

    private void OpenSender(PaxosOptions options)
    {
        try
        {
            _sender.SendBufferSize = SocketBufferBytes;
            _sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, options.Ttl);
            _sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            if (options.Interface is { } sendOn)
            {
                _sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, sendOn.GetAddressBytes());
            }
        }
        catch (SocketException exception)
        {
            throw Failure($"cannot send multicast on {DescribeInterface(options.Interface)}", exception, Advice(options.Interface));
        }
    }

    /// <summary>
    /// Connects a throw-away socket, configured like the sender, to <paramref name="group"/>: the kernel
    /// looks the route up (as a send would) without sending anything, so a missing route is reported
    /// at start instead of as a silent loss of every datagram.
    /// </summary>
    private static void CheckRoute(PaxosOptions options, GroupEndpoint group)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (options.Interface is { } sendOn)
            {
                probe.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, sendOn.GetAddressBytes());
            }

            probe.Connect(new IPEndPoint(group.Address, group.Port));
        }
        catch (SocketException exception)
        {
            throw Failure($"cannot send to the multicast group {group} on {DescribeInterface(options.Interface)}", exception, Advice(options.Interface));
        }
    }

    private static MulticastSetupException Failure(string what, SocketException exception, string advice)
    {
        // .NET has no name for some errors a join meets (ENODEV reads "Unknown socket error", and its
        // NativeErrorCode is .NET's own code, not the errno); then the C library's text for the thread's
        // errno is the clearer one. Nothing between the failed call and here fails a system call, so the
        // errno is that call's; were it not, only the wording of this one message would suffer.
        int errno = Marshal.GetLastSystemError();
        string reason = exception.SocketErrorCode == SocketError.SocketError && errno > 0
            ? $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})"
            : $"{exception.Message} ({exception.SocketErrorCode})";
        return new MulticastSetupException($"{what}: {reason}; {advice}", exception);
    }

    private static string Advice(IPAddress? networkInterface) => networkInterface switch
    {
        null => "with 'interface auto' the system needs a route for 224.0.0.0/4 (or a default route): add one, or name an interface's address in the 'interface' line (127.0.0.1 keeps the cluster on this machine)",
        _ when IPAddress.IsLoopback(networkInterface) => "is the loopback interface up? ('ip link set lo up')",
        _ => $"is {networkInterface} an address of an interface of this machine that is up and has multicast on? ('ip -4 addr', 'ip link set <dev> multicast on')",
    };

    private static string DescribeInterface(IPAddress? networkInterface) => networkInterface switch
    {
        null => "the interface the system's routes choose (interface auto)",
        _ when IPAddress.IsLoopback(networkInterface) => $"the loopback interface {networkInterface} (this machine only)",
        _ => $"the interface {networkInterface}",
    };

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

    /// <summary>Waits up to <paramref name="timeout"/> for a datagram (or a socket error) to be waiting.</summary>
    public bool WaitForData(TimeSpan timeout)
    {
        // poll(2) counts whole milliseconds and .NET truncates: round up, or a wait shorter than 1 ms
        // would become a busy loop (a paced client waits such short times all the time).
        long micros = Math.Clamp(timeout.Ticks / 10, 0, int.MaxValue - 1000);
        micros = (micros + 999) / 1000 * 1000;
        return _receiver.Poll((int)micros, SelectMode.SelectRead);
    }

    /// <summary>
    /// Takes the next datagram off the socket's queue into <paramref name="buffer"/>: one non-blocking
    /// receive, never a size query first (an empty datagram has "0 bytes available" yet sits at the
    /// head of the queue, and asking first would leave it there for ever). Every outcome but
    /// <see cref="ReceiveOutcome.NothingWaiting"/> has consumed something, so a caller that loops until
    /// then always drains the queue.
    /// </summary>
    public ReceiveOutcome Receive(Span<byte> buffer, out int length, out SocketError error)
    {
        // MSG_TRUNC as an input flag makes Linux return the datagram's real length even when it did not
        // fit, which is how a cut-short datagram is told from one that exactly fills the buffer.
        length = _receiver.Receive(buffer, SocketFlags.Truncated, out error);
        switch (error)
        {
            case SocketError.Success when length > buffer.Length:
                return ReceiveOutcome.Truncated;
            case SocketError.Success:
                return ReceiveOutcome.Datagram;
            case SocketError.WouldBlock:
                length = 0;
                return ReceiveOutcome.NothingWaiting;
            case SocketError.MessageSize:
                // Longer than the buffer: the kernel dropped the rest (MSG_TRUNC).
                length = 0;
                return ReceiveOutcome.Truncated;
            default:
                length = 0;
                return ReceiveOutcome.Failed;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _receiver.Dispose();
        _sender.Dispose();
    }
}
