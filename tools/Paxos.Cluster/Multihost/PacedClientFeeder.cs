namespace Paxos.Cluster.Multihost;

/// <summary>A client's standard input in a multi-host run (Run/ClientFeeder releases parts on cue instead): its values at a steady pace (100 lines every 50 ms), so that a fault lands mid-run; then end of input.</summary>
internal sealed class PacedClientFeeder
{
    private const int LinesPerStep = 100;
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    private readonly Task _feeding;

    private PacedClientFeeder(Task feeding) => _feeding = feeding;

    /// <summary>Feeds the lines of <paramref name="values"/> into <paramref name="input"/> (closed at the end) until done or <paramref name="stop"/>.</summary>
    public static PacedClientFeeder Start(string values, Stream input, CancellationToken stop) =>
        new(Task.Run(async () =>
        {
            try
            {
                string[] lines = File.ReadAllLines(values);
                for (int i = 0; i < lines.Length && !stop.IsCancellationRequested; i += LinesPerStep)
                {
                    byte[] chunk = System.Text.Encoding.ASCII.GetBytes(string.Concat(lines.Skip(i).Take(LinesPerStep).Select(l => l + "\n")));
                    await input.WriteAsync(chunk, stop).ConfigureAwait(false);
                    await input.FlushAsync(stop).ConfigureAwait(false);
                    await Task.Delay(Step, stop).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException)
            {
                // The client ended (or the run is stopping): nothing more to feed.
            }
            finally
            {
                try
                {
                    input.Dispose();
                }
                catch (IOException)
                {
                    // The pipe is already broken: the client is gone.
                }
            }
        }, CancellationToken.None));

    /// <summary>Waits until the feeding ended.</summary>
    public void Wait() => _feeding.Wait();
}
