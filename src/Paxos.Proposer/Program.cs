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
return RoleStartup.RunHost(context, () => new RoleHost(proposer, context, RoleGroup.Proposers)
{
    DescribeRole = stats =>
    {
        stats.Add("instances", proposer.InstancesDecided);
        stats.Add("retransmissions", proposer.Retransmissions);
        stats.Add("overtakenResends", proposer.OvertakenResends);
        stats.Add("leadershipAttempts", proposer.LeadershipAttempts);
        stats.Add("catchUpDecisionsServed", proposer.CatchUpDecisionsServed);
        stats.Add("decidedPrefix", proposer.DecidedPrefix);
        stats.Add("ballotsClamped", proposer.BallotsClamped);
        stats.Add("roundsExhausted", proposer.RoundsExhausted);
    },
}, shutdown.Token);
