using System.Security.Cryptography;
using Paxos.Core.Hosting;
using Paxos.Core.Protocol.Clients;

// client.sh <id> <config>: submits each line of stdin; exits once all are decided.
if (!RoleStartup.TryStart("client", args, out RoleContext context, out int exitCode))
{
    return exitCode;
}

// A fresh session nonce per process: a restarted client with the same id starts new sequence numbers
// without its submissions being mistaken for resends of the old ones.
ulong session = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
using var shutdown = new ShutdownSignal();
using Stream stdin = Console.OpenStandardInput();
return RoleStartup.RunHost(context, () => new ClientHost(new Client((uint)context.Id, session, context.Settings), context, stdin), shutdown.Token);
