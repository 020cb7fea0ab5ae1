using Paxos.Core.Protocol;
using Paxos.Core.Protocol.Clients;

namespace Paxos.Core.Hosting;

/// <summary>
/// Builds a client process: its node loop takes input from <see cref="ClientEdge"/> (standard input) and stops
/// once the input is exhausted and every value is acknowledged as decided. Exits 1 if any line was too long.
/// </summary>
public static class ClientHost
{
    /// <summary>Creates the host (which opens its sockets) reading values from <paramref name="input"/>.</summary>
    /// <remarks>
    /// With <paramref name="sessionFile"/>, <paramref name="client"/> must have been created with its session and
    /// with <see cref="ClientSessionFile.Acknowledged"/> as its first sequence; that many values of the input are skipped.
    /// </remarks>
    public static RoleHost Create(Client client, RoleContext context, Stream input, ClientSessionFile? sessionFile = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = new ProcessClock();
        var edge = new ClientEdge(client, input, clock, context.Process.ClientRate, measureLatency: context.Process.StatsDirectory is not null, context.Log, sessionFile);
        try
        {
            return new RoleHost(client, context, RoleGroup.Clients, clock: clock)
            {
                Input = edge,
                Observer = edge,
                Owned = edge,
                DescribeRole = edge.Describe,
                Stopping = () => edge.OnStopping(context.Log),
                ExitCode = () => edge.RejectedLines > 0 ? 1 : 0,
            };
        }
        catch
        {
            edge.Dispose();
            throw;
        }
    }
}
