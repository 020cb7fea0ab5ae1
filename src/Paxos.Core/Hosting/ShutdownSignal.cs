using System.Runtime.InteropServices;

namespace Paxos.Core.Hosting;

/// <summary>
/// Turns SIGTERM and SIGINT into a cancellation, so the role loop ends, flushes what it must (a
/// learner's output) and exits normally instead of being torn down mid-write.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;

    /// <summary>Starts listening for the signals.</summary>
    public ShutdownSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
        ];
    }

    /// <summary>Cancelled when a stop signal arrives.</summary>
    public CancellationToken Token => _source.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the process alive until the loop has stopped cleanly.
        context.Cancel = true;
        _source.Cancel();
    }
}
