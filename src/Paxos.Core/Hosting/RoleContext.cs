using Paxos.Core.Configuration;
using Paxos.Core.Protocol;
using Paxos.Core.Wire;
using Serilog;

namespace Paxos.Core.Hosting;

/// <summary>Everything a role process learned at start-up: who it is, the cluster's options, its own process options, its logger.</summary>
public sealed record RoleContext(string RoleName, int Id, string ConfigPath, PaxosOptions Options, ProcessOptions Process, ProtocolSettings Settings, ILogger Log)
{
    /// <summary>Signs and checks frames when the configuration names a key file; null otherwise.</summary>
    public FrameAuthenticator? Authenticator { get; } = Options.AuthenticationKey is { } key ? new FrameAuthenticator(key) : null;
}
