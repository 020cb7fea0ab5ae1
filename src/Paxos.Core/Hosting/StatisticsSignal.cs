using System.Runtime.InteropServices;

namespace Paxos.Core.Hosting;

/// <summary>
/// Notes SIGUSR1 (<c>kill -USR1 &lt;pid&gt;</c>), on which a role logs its statistics and goes on.
/// The handler only sets a flag: the role loop, which owns every counter, logs at its next turn.
/// </summary>
public sealed class StatisticsSignal : IDisposable
{
    /// <summary>SIGUSR1's number on Linux; .NET names no such signal but accepts raw numbers.</summary>
    private const int SigUsr1 = 10;

    private readonly PosixSignalRegistration? _registration;
    private int _requested;

    /// <summary>Starts listening for SIGUSR1 (on Linux).</summary>
    public StatisticsSignal()
    {
        if (OperatingSystem.IsLinux())
        {
            _registration = PosixSignalRegistration.Create((PosixSignal)SigUsr1, OnSignal);
        }
    }

    /// <summary>True once after each SIGUSR1.</summary>
    public bool TakeRequest() => Interlocked.Exchange(ref _requested, 0) == 1;

    /// <inheritdoc />
    public void Dispose() => _registration?.Dispose();

    private void OnSignal(PosixSignalContext context)
    {
        // SIGUSR1's default action ends the process; this one only asks for a report.
        context.Cancel = true;
        Interlocked.Exchange(ref _requested, 1);
    }
}
