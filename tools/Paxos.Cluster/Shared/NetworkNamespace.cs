using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Paxos.Cluster.Shared;

/// <summary>
/// The isolated network namespace every run of the roles lives in (multicast must never reach the machine's
/// real network). scripts/netns.sh makes it and marks it with PAXOS_NETNS=1; a command started outside one
/// re-executes itself through that script, so the roles are never started outside.
/// </summary>
public static class NetworkNamespace
{
    private const string MarkerVariable = "PAXOS_NETNS";

    /// <summary>True inside a namespace made by scripts/netns.sh (its marker variable is set).</summary>
    public static bool IsInside => Environment.GetEnvironmentVariable(MarkerVariable) == "1";

    /// <summary>
    /// Runs this very program again with <paramref name="arguments"/> inside a fresh namespace and returns its exit
    /// status. Standard input, output and error are inherited, so the inner run talks to the caller directly.
    /// SIGINT and SIGTERM sent to this process are passed on to the inner one (the script execs it, so it is our
    /// child), which stops its roles and exits; this one waits for it and exits with its status.
    /// </summary>
    public static int ReExecuteInside(RepositoryLayout repository, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var start = new ProcessStartInfo(repository.NetnsScript) { UseShellExecute = false };
        foreach (string part in ThisProgram.Command())
        {
            start.ArgumentList.Add(part);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start scripts/netns.sh");
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => PassOn(context, process, Signals.Interrupt));
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => PassOn(context, process, Signals.Terminate));
        process.WaitForExit();
        return process.ExitCode;
    }

    private static void PassOn(PosixSignalContext context, Process inner, int signal)
    {
        context.Cancel = true;
        Signals.Send(inner.Id, signal);
    }
}
