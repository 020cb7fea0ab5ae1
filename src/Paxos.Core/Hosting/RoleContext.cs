using Paxos.Core.Configuration;
using Paxos.Core.Protocol;
using Serilog;

namespace Paxos.Core.Hosting;

/// <summary>Everything a role process learned at start-up: who it is, the cluster's options, its logger.</summary>
public sealed record RoleContext(string RoleName, int Id, string ConfigPath, PaxosOptions Options, ProtocolSettings Settings, ILogger Log);
