using System.Security.Cryptography;
using Paxos.Core.Hosting;
using Paxos.Core.Protocol.Clients;

// client.sh <id> <config>: submits each line of stdin; exits once all are decided.
if (!RoleStartup.TryStart("client", args, out RoleContext context, out int exitCode))
{
    return exitCode;
}

// A fresh session nonce per process: a restarted client with the same id starts new sequence numbers
// without its submissions being mistaken for resends of the old ones. With data_dir the session is kept in
// <data_dir>/client<id>/ instead, and a restart on the same input resumes it after its acknowledged prefix.
ulong session = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
if (!RoleStartup.TryOpenStore(context, folder => ClientSessionFile.Open(folder, (uint)context.Id, session), out ClientSessionFile? sessionFile, out exitCode))
{
    return exitCode;
}

session = sessionFile?.Session ?? session;
using (sessionFile)
{
    using var shutdown = new ShutdownSignal();
    using Stream stdin = Console.OpenStandardInput();
    ulong firstSequence = sessionFile?.Acknowledged ?? 0;
    return RoleStartup.RunStoring(context, () =>
        RoleStartup.RunHost(context, () => ClientHost.Create(new Client((uint)context.Id, session, context.Settings, firstSequence), context, stdin, sessionFile), shutdown.Token));
}
