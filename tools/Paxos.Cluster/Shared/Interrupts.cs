using System.Runtime.InteropServices;

namespace Paxos.Cluster.Shared;

/// <summary>
/// Ctrl-C and SIGTERM during a run (paxosctl run, multihost): instead of dying with the roles still running, the
/// run stops everything and exits 130 (SIGINT) or 143 (SIGTERM), as run.sh and the multi-host script did.
/// </summary>
public sealed class Interrupts : IDisposable
{
    private static int s_exitStatus = 130;
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;

    public Interrupts()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Interrupt(context, 130)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Interrupt(context, 143)),
        ];
    }

    /// <summary>The exit status for the signal that came: 130 or 143.</summary>
    public static int ExitStatus => s_exitStatus;

    /// <summary>Cancelled when a signal came.</summary>
    public CancellationToken Token => _source.Token;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void Interrupt(PosixSignalContext context, int status)
    {
        context.Cancel = true;
        s_exitStatus = status;
        _source.Cancel();
    }
}
