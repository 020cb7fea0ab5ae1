using Paxos.Core.Hosting;
using Paxos.Core.Protocol.Learners;

// learner.sh <id> <config>: prints the decided values on stdout, one per line, in order.
if (!RoleStartup.TryStart("learner", args, out RoleContext context, out int exitCode))
{
    return exitCode;
}

using var shutdown = new ShutdownSignal();
using Stream stdout = StandardOutput.Open();
return RoleStartup.RunHost(context, () => LearnerHost.Create(new Learner(context.Settings), context, stdout), shutdown.Token);
