namespace Paxos.Cluster.Run;

/// <summary>
/// Feeds a client its input file in parts through its standard input pipe: part 0 at once, part k once
/// <see cref="Release"/>(k) is called (just before a kill, so values are in flight when it happens); the pipe is
/// closed after the last part, so the client sees the end of its input. Stopped early, it just closes the pipe.
/// </summary>
public sealed class ClientFeeder : IDisposable
{
    private readonly TaskCompletionSource[] _gates;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writing;

    /// <summary>Starts feeding <paramref name="file"/> into <paramref name="input"/>; part k is the lines from <paramref name="partStarts"/>[k-1] (0 for part 0) up to <paramref name="partStarts"/>[k] (the end for the last).</summary>
    public ClientFeeder(Stream input, string file, IReadOnlyList<long> partStarts)
    {
        ArgumentNullException.ThrowIfNull(partStarts);
        _gates = [.. Enumerable.Range(0, partStarts.Count + 1).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        _gates[0].SetResult();
        byte[] content = File.ReadAllBytes(file);
        long[] offsets = [0, .. partStarts.Select(line => OffsetOfLine(content, line)), content.Length];
        _writing = Task.Run(() => WriteParts(input, content, offsets));
    }

    /// <summary>Lets part <paramref name="part"/> (1 and up) go in.</summary>
    public void Release(int part)
    {
        if (part < _gates.Length)
        {
            _gates[part].TrySetResult();
        }
    }

    /// <summary>The lines of each part for <paramref name="parts"/> equal parts of <paramref name="lines"/> lines (run.sh's split: n*k/parts).</summary>
    public static IReadOnlyList<long> EqualParts(long lines, int parts) =>
        [.. Enumerable.Range(1, parts - 1).Select(k => lines * k / parts)];

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _writing.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The writer's own failure (a client gone) is no news here.
        }

        _stop.Dispose();
    }

    private async Task WriteParts(Stream input, byte[] content, long[] offsets)
    {
        try
        {
            for (int part = 0; part < _gates.Length; part++)
            {
                await _gates[part].Task.WaitAsync(_stop.Token).ConfigureAwait(false);
                await input.WriteAsync(content.AsMemory((int)offsets[part], (int)(offsets[part + 1] - offsets[part])), _stop.Token).ConfigureAwait(false);
                await input.FlushAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client ended or the run stopped feeding it: the pipe is closed below either way.
        }
        finally
        {
            try
            {
                await input.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The reader is gone already.
            }
        }
    }

    // The byte offset where line <line> (0-based) starts; the end of the content past the last line.
    private static long OffsetOfLine(byte[] content, long line)
    {
        long offset = 0;
        for (long seen = 0; seen < line; seen++)
        {
            int next = Array.IndexOf(content, (byte)'\n', (int)offset);
            if (next < 0)
            {
                return content.Length;
            }

            offset = next + 1;
        }

        return offset;
    }
}
