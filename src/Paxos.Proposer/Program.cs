using Paxos.Core.Configuration;
using Paxos.Core.Hosting;
using Paxos.Core.Protocol.Proposers;

// proposer.sh <id> <config>: a Multi-Paxos proposer; the lowest live id leads.
if (!RoleStartup.TryStart("proposer", args, out RoleContext context, out int exitCode))
{
    return exitCode;
}

using var shutdown = new ShutdownSignal();
var proposer = new Proposer(context.Id, context.Options.AcceptorCount, context.Settings, new Random(), TimeSpan.Zero);
using var host = new RoleHost(proposer, context, RoleGroup.Proposers)
{
    DescribeRole = stats =>
    {
        stats.Add("instances", proposer.InstancesDecided);
        stats.Add("retransmissions", proposer.Retransmissions);
        stats.Add("leadershipAttempts", proposer.LeadershipAttempts);
    },
};
int result = host.Run(shutdown.Token);
context.Log.Information("decided {Instances} instances as leader, {Retransmissions} retransmissions, {Served} decisions served for catch-up",
    proposer.InstancesDecided, proposer.Retransmissions, proposer.CatchUpDecisionsServed);
return result;
