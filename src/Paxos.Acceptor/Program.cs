using Paxos.Core.Configuration;
using Paxos.Core.Hosting;
using Paxos.Core.Protocol.Acceptors;

// acceptor.sh <id> <config>: the Paxos acceptor, receiving on the acceptors' group.
if (!RoleStartup.TryStart("acceptor", args, out RoleContext context, out int exitCode))
{
    return exitCode;
}

// Proposers count votes by acceptor id, so ids must be distinct and within the configured count.
if (context.Id < 1 || context.Id > context.Options.AcceptorCount)
{
    return RoleStartup.RejectId(context, $"acceptor ids must be 1..{context.Options.AcceptorCount} (acceptor_count)");
}

using var shutdown = new ShutdownSignal();
return RoleStartup.RunHost(context, () => new RoleHost(new Acceptor(context.Id, context.Settings), context, RoleGroup.Acceptors), shutdown.Token);
