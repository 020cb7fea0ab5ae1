using System.Net;

namespace Paxos.Core.Configuration;

/// <summary>An IPv4 multicast group and the UDP port its members listen on.</summary>
/// <param name="Address">The IPv4 multicast address (224.0.0.0/4).</param>
/// <param name="Port">The UDP port, 1..65535.</param>
public sealed record GroupEndpoint(IPAddress Address, int Port)
{
    /// <summary>Formats as <c>address:port</c>, the way logs and error messages show a group.</summary>
    public override string ToString() => $"{Address}:{Port}";
}
